import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { auditEvents, evidence } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { getClaimHistory } from "../../lib/services/claims/read";
import { updateClaim } from "../../lib/services/claims/service";
import { addEvidence, deleteEvidence, updateEvidence } from "../../lib/services/evidence/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle } from "../helpers/fixtures";

/**
 * Makes the next audit write fail, to show that the change and its audit event are one
 * transaction: when the event cannot be written, the change is not kept either.
 */
const auditFault = vi.hoisted(() => ({ failNext: false }));
vi.mock("@/db/queries/audit", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../db/queries/audit")>();
  return {
    ...real,
    insertAuditEvent: async (...args: Parameters<typeof real.insertAuditEvent>) => {
      if (auditFault.failNext) {
        auditFault.failNext = false;
        throw new Error("audit store unavailable (injected by the test)");
      }
      return real.insertAuditEvent(...args);
    },
  };
});

const h = freshDatabasePerTest();

const SOURCE = {
  title: "Safety of mesenchymal stem cells: a systematic review",
  authors: "Lalu MM, et al.",
  publisher: "PLoS One",
  year: "2012",
  url: "https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0047559",
  doi: "https://doi.org/10.1371/journal.pone.0047559",
  pmid: "PMID: 23133515",
  excerpt: "Transient fever was associated with MSC administration.",
  stance: "contradicts",
  studyDesign: "systematic_review_rct",
  gradeCertainty: "low",
  gradeDowngradeReasons: ["imprecision", "risk_of_bias"],
};

async function setup() {
  const editor = await createActor(h.db, "editor", "Edna Editor");
  const reviewer = await createActor(h.db, "reviewer", "Rita Reviewer");
  const viewer = await createActor(h.db, "viewer", "Vic Viewer");
  const article = await importArticle(h.db, editor);
  const claim = await claimQuote(h.db, reviewer, article.revisionId);
  return { editor, reviewer, viewer, claim };
}

const run = <T>(def: Parameters<typeof executeAction>[0], actor: Actor | null, input: T) =>
  executeAction(def, { db: h.db, actor }, input);

async function addSource(actor: Actor, claimId: string, over: Record<string, unknown> = {}) {
  const result = await executeAction(
    addEvidence,
    { db: h.db, actor },
    { claimId, ...SOURCE, ...over },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const evidenceRows = () => h.db.select().from(evidence);
const evidenceEvents = () =>
  h.db.select().from(auditEvents).where(eq(auditEvents.entityType, "evidence"));

/** The update input that re-saves `row` with `over` applied. */
function edit(row: Awaited<ReturnType<typeof addSource>>, over: Record<string, unknown> = {}) {
  return {
    evidenceId: row.id,
    version: row.version,
    title: row.title,
    authors: row.authors,
    publisher: row.publisher,
    year: row.year,
    url: row.url,
    doi: row.doi,
    pmid: row.pmid,
    excerpt: row.excerpt,
    stance: row.stance,
    studyDesign: row.studyDesign,
    gradeCertainty: row.gradeCertainty,
    gradeDowngradeReasons: row.gradeDowngradeReasons,
    ...over,
  };
}

describe("add evidence", () => {
  it("stores the normalised citation with its GRADE and an audit event", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    expect(row).toMatchObject({
      claimId: claim.id,
      year: 2012,
      doi: "10.1371/journal.pone.0047559",
      pmid: "23133515",
      gradeCertainty: "low",
      gradeDowngradeReasons: ["risk_of_bias", "imprecision"],
      addedById: reviewer.id,
      version: 1,
    });
    const [event] = await evidenceEvents();
    expect(event).toMatchObject({
      action: "evidence.add",
      entityId: row.id,
      actorId: reviewer.id,
      before: null,
      after: {
        claimId: claim.id,
        title: SOURCE.title,
        doi: "10.1371/journal.pone.0047559",
        gradeCertainty: "low",
        gradeDowngradeReasons: ["risk_of_bias", "imprecision"],
      },
    });
  });

  it("refuses bad identifiers, years and GRADE reasons field by field, writing nothing", async () => {
    const { reviewer, claim } = await setup();
    const result = await run(addEvidence, reviewer, {
      claimId: claim.id,
      ...SOURCE,
      doi: "doi 10/123",
      pmid: "12ab",
      url: "ftp://files.example.org/paper.pdf",
      year: "1066",
      gradeCertainty: null,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("validation");
    expect(result.error.fieldErrors).toEqual({
      doi: ["A DOI looks like 10.1000/xyz123 (a https://doi.org/… link works too)."],
      pmid: ["A PMID is a number of up to 9 digits, such as 31978945 (a PubMed link works too)."],
      url: ["URL must start with http:// or https://."],
      year: ["Year must be 1800 or later."],
      gradeDowngradeReasons: [
        "Reasons for rating down need a GRADE certainty: choose one, or clear the reasons.",
      ],
    });
    expect(await evidenceRows()).toHaveLength(0);
    expect(await evidenceEvents()).toHaveLength(0);
  });

  it("refuses a rating below the design's GRADE start without a reason", async () => {
    const { reviewer, claim } = await setup();
    const result = await run(addEvidence, reviewer, {
      claimId: claim.id,
      ...SOURCE,
      studyDesign: "rct",
      gradeCertainty: "moderate",
      gradeDowngradeReasons: [],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: {
          gradeDowngradeReasons: [
            "Randomised evidence starts at High certainty in GRADE: tick at least one reason for rating it down to Moderate.",
          ],
        },
      },
    });
    expect(await evidenceRows()).toHaveLength(0);
  });

  it("refuses an unknown claim", async () => {
    const { reviewer } = await setup();
    const result = await run(addEvidence, reviewer, {
      claimId: "00000000-0000-4000-8000-000000000000",
      ...SOURCE,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("update evidence", () => {
  it("saves the changed fields, bumps the version and records before/after", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const result = await run(
      updateEvidence,
      reviewer,
      edit(row, {
        title: "Safety of MSCs: systematic review and meta-analysis",
        gradeCertainty: "very_low",
        gradeDowngradeReasons: ["risk_of_bias", "imprecision", "indirectness"],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      data: {
        id: row.id,
        version: 2,
        title: "Safety of MSCs: systematic review and meta-analysis",
        gradeCertainty: "very_low",
        gradeDowngradeReasons: ["risk_of_bias", "indirectness", "imprecision"],
        doi: row.doi,
      },
    });
    const events = await evidenceEvents();
    expect(events.map((e) => e.action)).toEqual(["evidence.add", "evidence.update"]);
    expect(events[1]?.before).toEqual({
      claimId: claim.id,
      title: SOURCE.title,
      gradeCertainty: "low",
      gradeDowngradeReasons: ["risk_of_bias", "imprecision"],
    });
    expect(events[1]?.after).toEqual({
      claimId: claim.id,
      title: "Safety of MSCs: systematic review and meta-analysis",
      gradeCertainty: "very_low",
      gradeDowngradeReasons: ["risk_of_bias", "indirectness", "imprecision"],
    });
    const history = await getClaimHistory(h.db, reviewer, claim.id);
    expect(history.at(-1)).toMatchObject({
      summary: "edited evidence “Safety of MSCs: systematic review and meta-analysis”",
      changes: [
        {
          field: "Title",
          before: SOURCE.title,
          after: "Safety of MSCs: systematic review and meta-analysis",
        },
      ],
    });
  });

  it("changes nothing and records nothing when nothing changed", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const result = await run(updateEvidence, reviewer, edit(row, { doi: `doi:${row.doi}` }));
    expect(result).toMatchObject({ ok: true, data: { version: 1 } });
    expect(await evidenceEvents()).toHaveLength(1);
  });

  it("refuses a stale version with a conflict that carries the current values", async () => {
    const { reviewer, editor, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const first = await run(updateEvidence, editor, edit(row, { stance: "mixed" }));
    expect(first).toMatchObject({ ok: true, data: { version: 2 } });

    const stale = await run(updateEvidence, reviewer, edit(row, { title: "Reviewer's title" }));
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message: expect.stringMatching(/^Someone else changed this evidence/),
        details: { current: { id: row.id, version: 2, stance: "mixed", title: SOURCE.title } },
      },
    });
    const [stored] = await evidenceRows();
    expect(stored).toMatchObject({ version: 2, stance: "mixed", title: SOURCE.title });
    expect(await evidenceEvents()).toHaveLength(2);
  });

  it("checks the GRADE rule on edits too", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const result = await run(updateEvidence, reviewer, edit(row, { gradeCertainty: "high" }));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: { gradeDowngradeReasons: [expect.stringMatching(/^High certainty means/)] },
      },
    });
    const [stored] = await evidenceRows();
    expect(stored).toMatchObject({ version: 1, gradeCertainty: "low" });
  });
});

describe("delete evidence", () => {
  it("deletes the item and keeps its values in the audit event", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const result = await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 1 });
    expect(result).toEqual({ ok: true, data: { id: row.id, claimId: claim.id } });
    expect(await evidenceRows()).toHaveLength(0);
    const events = await evidenceEvents();
    expect(events.at(-1)).toMatchObject({
      action: "evidence.delete",
      entityId: row.id,
      after: null,
      before: {
        claimId: claim.id,
        title: SOURCE.title,
        doi: "10.1371/journal.pone.0047559",
        pmid: "23133515",
        year: 2012,
        stance: "contradicts",
        studyDesign: "systematic_review_rct",
        gradeCertainty: "low",
        gradeDowngradeReasons: ["risk_of_bias", "imprecision"],
        excerpt: SOURCE.excerpt,
        addedById: reviewer.id,
        version: 1,
      },
    });
    const history = await getClaimHistory(h.db, reviewer, claim.id);
    expect(history.at(-1)?.summary).toBe(`deleted evidence “${SOURCE.title}”`);
  });

  it("refuses to leave a claim resolved as Inaccurate without evidence, changing nothing", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const resolved = await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict: "inaccurate",
      severity: "high",
      rationale: "",
      suggestedCorrection: "",
    });
    expect(resolved.ok).toBe(true);
    const eventsBefore = (await h.db.select().from(auditEvents)).length;

    const result = await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 1 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "rule",
        message:
          "Claim 1 is resolved as Inaccurate, which needs evidence: change the verdict first.",
      },
    });
    expect(await evidenceRows()).toMatchObject([{ id: row.id, version: 1 }]);
    expect(await h.db.select().from(auditEvents)).toHaveLength(eventsBefore);

    // With a second item, the first can go: the claim keeps its evidence.
    const second = await addSource(reviewer, claim.id, { title: "A second source" });
    expect(await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 1 })).toMatchObject({
      ok: true,
    });
    expect(
      await run(deleteEvidence, reviewer, { evidenceId: second.id, version: 1 }),
    ).toMatchObject({ ok: false, error: { code: "rule" } });
  });

  it("lets the last item go when the verdict does not rest on evidence", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict: "unsupported",
      severity: "medium",
      rationale: "",
      suggestedCorrection: "",
    });
    expect(await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 1 })).toMatchObject({
      ok: true,
    });
  });

  it("refuses a stale version with the current values, and a deleted item as not found", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    await run(updateEvidence, reviewer, edit(row, { excerpt: "A newer excerpt." }));
    const stale = await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 1 });
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        details: { current: { version: 2, excerpt: "A newer excerpt." } },
      },
    });
    expect(await evidenceRows()).toHaveLength(1);

    expect(await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 2 })).toMatchObject({
      ok: true,
    });
    const again = await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 2 });
    expect(again).toMatchObject({ ok: false, error: { code: "not_found" } });
    const edited = await run(updateEvidence, reviewer, edit(row, { version: 2 }));
    expect(edited).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("permissions and transactions", () => {
  it("refuses a viewer every evidence change and writes nothing", async () => {
    const { reviewer, viewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const eventsBefore = (await h.db.select().from(auditEvents)).length;

    const add = await run(addEvidence, viewer, { claimId: claim.id, ...SOURCE });
    const update = await run(updateEvidence, viewer, edit(row, { title: "Viewer's title" }));
    const remove = await run(deleteEvidence, viewer, { evidenceId: row.id, version: 1 });
    for (const result of [add, update, remove]) {
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: "forbidden" }) });
    }
    const anonymous = await run(deleteEvidence, null, { evidenceId: row.id, version: 1 });
    expect(anonymous).toMatchObject({ ok: false, error: { code: "unauthenticated" } });

    expect(await evidenceRows()).toMatchObject([{ id: row.id, title: SOURCE.title, version: 1 }]);
    expect(await h.db.select().from(auditEvents)).toHaveLength(eventsBefore);
  });

  it("keeps no change whose audit event could not be written", async () => {
    const { reviewer, claim } = await setup();
    const row = await addSource(reviewer, claim.id);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      auditFault.failNext = true;
      const add = await run(addEvidence, reviewer, { claimId: claim.id, ...SOURCE, title: "B" });
      auditFault.failNext = true;
      const update = await run(updateEvidence, reviewer, edit(row, { title: "Never saved" }));
      auditFault.failNext = true;
      const remove = await run(deleteEvidence, reviewer, { evidenceId: row.id, version: 1 });
      for (const result of [add, update, remove]) {
        expect(result).toMatchObject({ ok: false, error: { code: "internal" } });
      }
      expect(quiet).toHaveBeenCalledTimes(3);
    } finally {
      auditFault.failNext = false;
      quiet.mockRestore();
    }
    expect(await evidenceRows()).toMatchObject([{ id: row.id, title: SOURCE.title, version: 1 }]);
    expect((await evidenceEvents()).map((e) => e.action)).toEqual(["evidence.add"]);
  });
});
