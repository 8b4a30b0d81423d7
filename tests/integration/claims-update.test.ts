/**
 * Updating a claim's review fields: optimistic concurrency and the claim rules, on a real
 * database. One database for the file; each test works on its own article and claim.
 */
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claims, evidence } from "../../db/schema";
import type { Verdict } from "../../lib/core/vocabulary";
import { setEditorNote, updateClaim } from "../../lib/services/claims/service";
import { addEvidence, deleteEvidence } from "../../lib/services/evidence/service";
import { databasePerFile } from "../helpers/db";
import { claimQuote, createActor, importArticle, STEM_CELL_TEXT } from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

const SOURCE = {
  title: "Safety of mesenchymal stem cells: a systematic review",
  year: 2012,
  doi: "https://doi.org/10.1371/journal.pone.0047559",
  stance: "contradicts",
  studyDesign: "systematic_review_rct",
};

async function setup() {
  const editor = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const other = await createActor(db(), "reviewer");
  const article = await importArticle(db(), editor, STEM_CELL_TEXT, `Claims ${randomUUID()}`);
  const claim = await claimQuote(db(), reviewer, article.revisionId);
  return { editor, reviewer, other, article, claim };
}

const fields = (claimId: string, version: number, over: Record<string, unknown> = {}) => ({
  claimId,
  version,
  status: "in_review",
  verdict: null,
  severity: "medium",
  rationale: "",
  suggestedCorrection: "",
  ...over,
});

async function claimRow(id: string) {
  const [row] = await db().select().from(claims).where(eq(claims.id, id));
  if (!row) throw new Error("claim not found");
  return row;
}

const claimEvents = (claimId: string) =>
  db().select().from(auditEvents).where(eq(auditEvents.entityId, claimId)).orderBy(auditEvents.id);

describe("update claim", () => {
  it("saves the changed fields, bumps the version and records only what changed", async () => {
    const { reviewer, claim } = await setup();
    const result = await run(
      updateClaim,
      reviewer,
      fields(claim.id, claim.version, { rationale: " Needs a source. ", severity: "high" }),
    );
    expect(result).toMatchObject({
      ok: true,
      data: { status: "in_review", rationale: "Needs a source.", version: claim.version + 1 },
    });
    const events = await claimEvents(claim.id);
    expect(events.map((e) => e.action)).toEqual(["claim.create", "claim.update"]);
    expect(events[1]).toMatchObject({
      actorId: reviewer.id,
      before: { status: "open", severity: "medium", rationale: "" },
      after: { status: "in_review", severity: "high", rationale: "Needs a source." },
    });
    expect(Object.keys(events[1]?.after ?? {}).sort()).toEqual(["rationale", "severity", "status"]);

    // Saving the same values again changes nothing and records nothing.
    const again = await run(
      updateClaim,
      reviewer,
      fields(claim.id, claim.version + 1, { rationale: "Needs a source.", severity: "high" }),
    );
    expect(again).toMatchObject({ ok: true, data: { version: claim.version + 1 } });
    expect(await claimEvents(claim.id)).toHaveLength(2);
  });

  it("refuses a stale version with a conflict that carries the newer values", async () => {
    const { reviewer, other, claim } = await setup();
    const first = await run(
      updateClaim,
      reviewer,
      fields(claim.id, claim.version, { rationale: "First reviewer's reasoning." }),
    );
    expect(first).toMatchObject({ ok: true });

    const stale = await run(
      updateClaim,
      other,
      fields(claim.id, claim.version, {
        rationale: "Second reviewer's reasoning.",
        severity: "low",
      }),
    );
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        details: {
          current: {
            id: claim.id,
            version: claim.version + 1,
            status: "in_review",
            rationale: "First reviewer's reasoning.",
            severity: "medium",
          },
        },
      },
    });
    expect(await claimRow(claim.id)).toMatchObject({
      rationale: "First reviewer's reasoning.",
      version: claim.version + 1,
    });
    expect(await claimEvents(claim.id)).toHaveLength(2);
  });

  it("refuses resolving without a verdict, next to the verdict field, writing nothing", async () => {
    const { reviewer, claim } = await setup();
    const result = await run(
      updateClaim,
      reviewer,
      fields(claim.id, claim.version, { status: "resolved", verdict: null }),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: "validation",
        message: "Choose a verdict before resolving the claim.",
        fieldErrors: { verdict: ["Choose a verdict before resolving the claim."] },
      },
    });
    expect(await claimRow(claim.id)).toMatchObject({ status: "open", version: claim.version });
    expect(await claimEvents(claim.id)).toHaveLength(1);
  });

  it("needs evidence for Accurate, Mostly accurate and Inaccurate, not for Unsupported", async () => {
    const { reviewer, claim } = await setup();
    for (const verdict of ["accurate", "mostly_accurate", "inaccurate"] as Verdict[]) {
      const result = await run(
        updateClaim,
        reviewer,
        fields(claim.id, claim.version, { status: "resolved", verdict }),
      );
      expect(result, verdict).toMatchObject({
        ok: false,
        error: {
          code: "validation",
          fieldErrors: {
            verdict: ["This verdict needs at least one evidence item: add the source first."],
          },
        },
      });
    }
    expect(await claimRow(claim.id)).toMatchObject({ status: "open", verdict: null });

    const unsupported = await run(
      updateClaim,
      reviewer,
      fields(claim.id, claim.version, { status: "resolved", verdict: "unsupported" }),
    );
    expect(unsupported).toMatchObject({
      ok: true,
      data: { status: "resolved", verdict: "unsupported" },
    });

    const added = await run(addEvidence, reviewer, { claimId: claim.id, ...SOURCE });
    expect(added).toMatchObject({ ok: true });
    const inaccurate = await run(
      updateClaim,
      reviewer,
      fields(claim.id, claim.version + 1, { status: "resolved", verdict: "inaccurate" }),
    );
    expect(inaccurate).toMatchObject({
      ok: true,
      data: { verdict: "inaccurate", version: claim.version + 2 },
    });
  });

  it("refuses a viewer and an unknown claim", async () => {
    const { claim } = await setup();
    const viewer = await createActor(db(), "viewer");
    expect(await run(updateClaim, viewer, fields(claim.id, claim.version))).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await run(updateClaim, null, fields(claim.id, claim.version))).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    const reviewer = await createActor(db(), "reviewer");
    expect(await run(updateClaim, reviewer, fields(randomUUID(), 1))).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await claimRow(claim.id)).toMatchObject({ status: "open", version: claim.version });
  });
});

describe("add evidence", () => {
  it("refuses a bad DOI with the field's message and writes nothing", async () => {
    const { reviewer, claim } = await setup();
    const [before] = await db().select({ n: count() }).from(auditEvents);
    const result = await run(addEvidence, reviewer, {
      claimId: claim.id,
      ...SOURCE,
      doi: "doi.org/journal.pone.0047559",
      year: 1700,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: {
          doi: ["A DOI looks like 10.1000/xyz123 (a https://doi.org/… link works too)."],
          year: ["Year must be 1800 or later."],
        },
      },
    });
    expect(await db().select().from(evidence).where(eq(evidence.claimId, claim.id))).toEqual([]);
    const [after] = await db().select({ n: count() }).from(auditEvents);
    expect(after?.n).toBe(before?.n);
  });

  it("stores the bare DOI and records an audit event for the claim's article", async () => {
    const { reviewer, claim, article } = await setup();
    const result = await run(addEvidence, reviewer, { claimId: claim.id, ...SOURCE });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toMatchObject({
      claimId: claim.id,
      doi: "10.1371/journal.pone.0047559",
      year: 2012,
      addedById: reviewer.id,
    });
    const events = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, result.data.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "evidence.add",
      actorId: reviewer.id,
      entityType: "evidence",
      articleId: article.id,
      after: { claimId: claim.id, doi: "10.1371/journal.pone.0047559", stance: "contradicts" },
    });
  });
  it("never leaves a resolved claim without the evidence its verdict needs, under concurrency", async () => {
    // Resolving as Accurate counts the evidence while someone deletes the only item: one of the
    // two must lose, whichever the database runs first.
    for (let round = 0; round < 5; round++) {
      const { reviewer, other, claim } = await setup();
      const added = await run(addEvidence, reviewer, { claimId: claim.id, ...SOURCE });
      if (!added.ok) throw new Error(added.error.message);
      const [resolve, remove] = await Promise.all([
        run(
          updateClaim,
          reviewer,
          fields(claim.id, 1, { status: "resolved", verdict: "accurate" }),
        ),
        run(deleteEvidence, other, { evidenceId: added.data.id, version: added.data.version }),
      ]);
      expect(resolve.ok && remove.ok).toBe(false);
      const [left] = await db()
        .select({ n: count() })
        .from(evidence)
        .where(eq(evidence.claimId, claim.id));
      const row = await claimRow(claim.id);
      if (row.status === "resolved") expect(left?.n).toBe(1);
    }
  });
});

describe("editor's note", () => {
  it("refuses a stale version even when the note is unchanged", async () => {
    const { editor, reviewer, claim } = await setup();
    const saved = await run(
      updateClaim,
      reviewer,
      fields(claim.id, 1, { rationale: "Checked against the review." }),
    );
    expect(saved).toMatchObject({ ok: true, data: { version: 2 } });
    const stale = await run(setEditorNote, editor, {
      claimId: claim.id,
      version: 1,
      editorNote: "",
    });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });
    const current = await run(setEditorNote, editor, {
      claimId: claim.id,
      version: 2,
      editorNote: "",
    });
    expect(current).toMatchObject({ ok: true, data: { version: 2 } });
  });
});
