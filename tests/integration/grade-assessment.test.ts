/**
 * A claim's GRADE assessment of its body of evidence, on a real database: the first save and
 * the next, a stale version refused, bad input refused with nothing written, who may save.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claimGradeAssessments } from "../../db/schema";
import { renderHtmlExport } from "../../lib/core/export/html";
import { deleteClaim } from "../../lib/services/claims/delete";
import { saveGradeAssessment } from "../../lib/services/claims/grade-assessment";
import { addEvidence } from "../../lib/services/evidence/service";
import { loadExportModel } from "../../lib/services/exports/load";
import { databasePerFile } from "../helpers/db";
import { claimQuote, createActor, importArticle, ok, STEM_CELL_TEXT } from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

async function setup() {
  const editor = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const article = await importArticle(db(), editor, STEM_CELL_TEXT, `GRADE ${randomUUID()}`);
  const claim = await claimQuote(db(), reviewer, article.revisionId);
  for (const studyDesign of ["rct", "cohort"]) {
    await ok(
      run(addEvidence, reviewer, {
        claimId: claim.id,
        title: `A ${studyDesign} study`,
        stance: "contradicts",
        studyDesign,
      }),
    );
  }
  return { editor, reviewer, article, claim };
}

const rows = (claimId: string) =>
  db().select().from(claimGradeAssessments).where(eq(claimGradeAssessments.claimId, claimId));
const gradeEvents = async (claimId: string) =>
  (await db().select().from(auditEvents).where(eq(auditEvents.entityId, claimId))).filter(
    (e) => e.action === "claim.grade_assessment",
  );

const judgements = {
  domains: {
    risk_of_bias: { level: "serious", reason: "Unblinded outcome assessors." },
    imprecision: { level: "very_serious", reason: "Twelve patients, wide interval." },
  },
};

describe("GRADE assessment of a claim's evidence", () => {
  it("creates the assessment, computes the certainty and audits it; the next save replaces it", async () => {
    const { reviewer, claim } = await setup();
    const first = await run(saveGradeAssessment, reviewer, {
      claimId: claim.id,
      version: null,
      ...judgements,
    });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.data.result).toMatchObject({
      certainty: "very_low",
      explanation:
        "Started High (randomised evidence); −1 risk of bias (serious); −2 imprecision (very serious) = Very low",
    });
    const [row] = await rows(claim.id);
    expect(row).toMatchObject({ version: 1, updatedById: reviewer.id });
    expect(row?.domains.imprecision).toEqual({
      level: "very_serious",
      reason: "Twelve patients, wide interval.",
    });
    // Every judgement is stored, the ones not sent as "not serious" / "does not apply".
    expect(row?.domains.inconsistency).toEqual({ level: "not_serious", reason: "" });
    expect(row?.upgrades.large_effect).toEqual({ applies: false, reason: "" });
    const [created] = await gradeEvents(claim.id);
    expect(created).toMatchObject({ before: null, after: { certainty: "very_low" } });

    const second = await run(saveGradeAssessment, reviewer, {
      claimId: claim.id,
      version: 1,
      domains: { risk_of_bias: judgements.domains.risk_of_bias },
    });
    expect(second).toMatchObject({ ok: true, data: { result: { certainty: "moderate" } } });
    expect((await rows(claim.id))[0]?.version).toBe(2);
    const events = await gradeEvents(claim.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      before: { certainty: "very_low" },
      after: { certainty: "moderate" },
    });

    // The same judgements again change nothing and record nothing.
    const again = await run(saveGradeAssessment, reviewer, {
      claimId: claim.id,
      version: 2,
      domains: { risk_of_bias: judgements.domains.risk_of_bias },
    });
    expect(again).toMatchObject({ ok: true, data: { assessment: { version: 2 } } });
    expect(await gradeEvents(claim.id)).toHaveLength(2);
  });

  it("refuses a stale version with the saved assessment, and a second first save", async () => {
    const { reviewer, editor, claim } = await setup();
    await ok(
      run(saveGradeAssessment, reviewer, { claimId: claim.id, version: null, ...judgements }),
    );
    const late = await run(saveGradeAssessment, editor, {
      claimId: claim.id,
      version: null,
      domains: {},
    });
    expect(late).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { current: { version: 1 } } },
    });
    await ok(run(saveGradeAssessment, reviewer, { claimId: claim.id, version: 1, domains: {} }));
    const stale = await run(saveGradeAssessment, editor, {
      claimId: claim.id,
      version: 1,
      ...judgements,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect((await rows(claim.id))[0]?.version).toBe(2);
    expect(await gradeEvents(claim.id)).toHaveLength(2);
  });

  it("refuses bad input with a message next to the field, and writes nothing", async () => {
    const { reviewer, claim } = await setup();
    const cases: [unknown, string, RegExp][] = [
      [
        { domains: { risk_of_bias: { level: "serious", reason: "  " } } },
        "domains.risk_of_bias.reason",
        /Say why risk of bias is serious/,
      ],
      [
        { upgrades: { dose_response: { applies: true, reason: "" } } },
        "upgrades.dose_response.reason",
        /Say why you rate up for dose-response/,
      ],
      [
        { domains: { indirectness: { level: "quite", reason: "x" } } },
        "domains.indirectness.level",
        /not serious, serious or very serious/,
      ],
      [
        { domains: { imprecision: { level: "serious", reason: "x".repeat(2001) } } },
        "domains.imprecision.reason",
        /at most 2,000 characters/,
      ],
    ];
    for (const [input, field, message] of cases) {
      const result = await run(saveGradeAssessment, reviewer, {
        claimId: claim.id,
        version: null,
        ...(input as object),
      });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe("validation");
      expect(result.error.fieldErrors?.[field]?.[0]).toMatch(message);
    }
    expect(await rows(claim.id)).toEqual([]);
    expect(await gradeEvents(claim.id)).toEqual([]);
  });

  it("lets a reviewer save, refuses a viewer, and refuses a deleted claim", async () => {
    const { reviewer, claim } = await setup();
    const viewer = await createActor(db(), "viewer");
    const refused = await run(saveGradeAssessment, viewer, {
      claimId: claim.id,
      version: null,
      ...judgements,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await rows(claim.id)).toEqual([]);

    await ok(
      run(saveGradeAssessment, reviewer, { claimId: claim.id, version: null, ...judgements }),
    );
    await ok(run(deleteClaim, reviewer, { claimId: claim.id, version: claim.version }));
    const gone = await run(saveGradeAssessment, reviewer, {
      claimId: claim.id,
      version: 1,
      domains: {},
    });
    expect(gone).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await rows(claim.id))[0]?.version).toBe(1);
  });

  it("goes into the export model and the HTML note as the Summary of findings", async () => {
    const { reviewer, article, claim } = await setup();
    await ok(
      run(saveGradeAssessment, reviewer, { claimId: claim.id, version: null, ...judgements }),
    );
    const model = await loadExportModel(db(), reviewer, article.slug);
    expect(model.claims[0]?.grade).toMatchObject({
      certainty: "very_low",
      steps: [
        { label: "risk of bias (serious)", change: -1 },
        { label: "imprecision (very serious)", change: -2 },
      ],
    });
    const html = renderHtmlExport(model);
    expect(html).toContain("<caption>Summary of findings</caption>");
    expect(html).toContain("<td>A rct study</td><td>Randomised controlled trial</td>");
    expect(html).toContain("<td>A cohort study</td><td>Cohort study</td>");
    expect(html).toContain("GRADE certainty of the body of evidence: Very low.");
  });
});
