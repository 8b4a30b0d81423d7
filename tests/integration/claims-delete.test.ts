/**
 * Deleting a claim created by mistake and restoring it, on a real database: who may, what is
 * refused (another reviewer, a viewer, a published claim, a stale version), what is kept (the
 * row, anchors, evidence, comments, audit trail) and where a deleted claim no longer appears
 * (review page, API read, My claims, article counts, the approval gate, exports, re-anchoring,
 * suggestions), and that its number is not reused.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  articles,
  auditEvents,
  claimAnchors,
  claims,
  comments,
  evidence,
  revisions,
} from "../../db/schema";
import type { ArticleTransition } from "../../lib/core/articles/workflow";
import type { Actor } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import {
  getArticleForApi,
  getReviewData,
  listArticlesForActor,
} from "../../lib/services/articles/read";
import { transitionArticle } from "../../lib/services/articles/service";
import { assignClaim } from "../../lib/services/claims/assign";
import { deleteClaim, restoreClaim } from "../../lib/services/claims/delete";
import { listMyOpenClaims } from "../../lib/services/claims/read";
import { setEditorNote, updateClaim } from "../../lib/services/claims/service";
import { addComment } from "../../lib/services/comments/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { loadExportModel } from "../../lib/services/exports/load";
import { saveRevision } from "../../lib/services/revisions/service";
import { databasePerFile } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  STEM_CELL_QUOTE,
  STEM_CELL_TEXT,
  triageSuggestions,
} from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

async function setup() {
  const editor = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const article = await importArticle(db(), editor, STEM_CELL_TEXT, `Undo ${randomUUID()}`);
  const claim = await claimQuote(db(), reviewer, article.revisionId);
  return { editor, reviewer, article, claim };
}

async function claimRow(id: string) {
  const [row] = await db().select().from(claims).where(eq(claims.id, id));
  if (!row) throw new Error("claim row missing");
  return row;
}

const eventsOf = async (claimId: string, action: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, claimId), eq(auditEvents.action, action)));

async function transition(actor: Actor, articleId: string, name: ArticleTransition) {
  const [a] = await db().select().from(articles).where(eq(articles.id, articleId));
  return run(transitionArticle, actor, {
    articleId,
    transition: name,
    version: a?.version,
    note: "",
  });
}

describe("deleting a claim", () => {
  it("lets its creator delete it: soft delete, audit event, anchors, evidence and comments kept", async () => {
    const { reviewer, article, claim } = await setup();
    await ok(
      run(addEvidence, reviewer, {
        claimId: claim.id,
        title: "A cohort study",
        stance: "contradicts",
        studyDesign: "cohort",
      }),
    );
    await ok(run(addComment, reviewer, { claimId: claim.id, body: "Made by mistake." }));
    const before = await claimRow(claim.id);

    const result = await run(deleteClaim, reviewer, { claimId: claim.id, version: before.version });
    expect(result).toEqual({
      ok: true,
      data: { id: claim.id, number: 1, version: before.version + 1 },
    });

    const row = await claimRow(claim.id);
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.deletedById).toBe(reviewer.id);
    expect(
      await db().select().from(claimAnchors).where(eq(claimAnchors.claimId, claim.id)),
    ).toHaveLength(1);
    expect(await db().select().from(evidence).where(eq(evidence.claimId, claim.id))).toHaveLength(
      1,
    );
    expect(await db().select().from(comments).where(eq(comments.claimId, claim.id))).toHaveLength(
      1,
    );
    const [event, ...more] = await eventsOf(claim.id, "claim.delete");
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      actorId: reviewer.id,
      entityType: "claim",
      articleId: article.id,
      before: { status: "open", verdict: null },
      after: { number: 1, quote: STEM_CELL_QUOTE },
    });
    // The claim's earlier history is still there.
    expect(await eventsOf(claim.id, "claim.create")).toHaveLength(1);
  });

  it("lets an editor delete a reviewer's claim", async () => {
    const { editor, claim } = await setup();
    const result = await run(deleteClaim, editor, { claimId: claim.id, version: claim.version });
    expect(result.ok).toBe(true);
    expect((await claimRow(claim.id)).deletedById).toBe(editor.id);
  });

  it("refuses another reviewer and a viewer, and writes nothing", async () => {
    const { claim } = await setup();
    const other = await createActor(db(), "reviewer");
    const viewer = await createActor(db(), "viewer");
    const before = await countRows(db());
    const byOther = await run(deleteClaim, other, { claimId: claim.id, version: claim.version });
    expect(byOther).toMatchObject({
      ok: false,
      error: {
        code: "forbidden",
        message: expect.stringContaining("Only the reviewer who created claim 1, or an editor"),
      },
    });
    const byViewer = await run(deleteClaim, viewer, { claimId: claim.id, version: claim.version });
    expect(byViewer).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await countRows(db())).toEqual(before);
    expect((await claimRow(claim.id)).deletedAt).toBeNull();
  });

  it("refuses a stale version with a conflict", async () => {
    const { reviewer, claim } = await setup();
    await ok(
      run(updateClaim, reviewer, {
        claimId: claim.id,
        version: claim.version,
        status: "in_review",
        verdict: null,
        severity: "high",
        rationale: "",
        suggestedCorrection: "",
      }),
    );
    const result = await run(deleteClaim, reviewer, { claimId: claim.id, version: claim.version });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { current: { version: claim.version + 1 } } },
    });
    expect((await claimRow(claim.id)).deletedAt).toBeNull();
    expect(await eventsOf(claim.id, "claim.delete")).toHaveLength(0);
  });

  it("refuses a claim that is in a publication, even after the text was edited", async () => {
    const author = await createActor(db(), "editor");
    const approver = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const a = await importArticle(db(), author, STEM_CELL_TEXT, `Published ${randomUUID()}`);
    await ok(transition(author, a.id, "submit"));
    const graded = await resolvedInaccurateClaim(db(), reviewer, a.revisionId);
    const noted = await ok(
      run(setEditorNote, approver, {
        claimId: graded.id,
        version: graded.version,
        editorNote: "Corrected.",
      }),
    );
    await triageSuggestions(db(), reviewer, a.id);
    await ok(transition(approver, a.id, "approve"));
    await ok(transition(approver, a.id, "publish"));

    const refused = await run(deleteClaim, approver, {
      claimId: graded.id,
      version: noted.version,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "rule", message: expect.stringContaining("appears in a publication") },
    });
    expect((await claimRow(graded.id)).deletedAt).toBeNull();
    const data = await getReviewData(db(), approver, a.slug);
    expect(data.claims.find((c) => c.id === graded.id)?.canDelete).toBe(false);

    // A new revision and a new claim in it: that one was never published, so it can go.
    const saved = await ok(
      run(saveRevision, author, {
        articleId: a.id,
        baseRevisionId: a.revisionId,
        summary: "A note",
        doc: textToDoc(`${STEM_CELL_TEXT}\n\nIt has cured every patient.`),
      }),
    );
    const fresh = await claimQuote(db(), reviewer, saved.revisionId, "It has cured every patient.");
    const after = await getReviewData(db(), reviewer, a.slug);
    expect(after.claims.find((c) => c.id === fresh.id)?.canDelete).toBe(true);
    expect(after.claims.find((c) => c.id === graded.id)?.canDelete).toBe(false);
    expect(
      (await run(deleteClaim, reviewer, { claimId: fresh.id, version: fresh.version })).ok,
    ).toBe(true);
    const stillRefused = await run(deleteClaim, approver, {
      claimId: graded.id,
      version: (await claimRow(graded.id)).version,
    });
    expect(stillRefused).toMatchObject({ ok: false, error: { code: "rule" } });
  });

  it("offers Delete to the creator and editors only", async () => {
    const { editor, reviewer, article, claim } = await setup();
    const other = await createActor(db(), "reviewer");
    const viewer = await createActor(db(), "viewer");
    const canDelete = async (actor: Actor) =>
      (await getReviewData(db(), actor, article.slug)).claims.find((c) => c.id === claim.id)
        ?.canDelete;
    expect(await canDelete(reviewer)).toBe(true);
    expect(await canDelete(editor)).toBe(true);
    expect(await canDelete(other)).toBe(false);
    expect(await canDelete(viewer)).toBe(false);
  });
});

describe("a deleted claim is left out", () => {
  it("of the review page, the API read, My claims, the article counts and its suggestion", async () => {
    const { editor, reviewer, article, claim } = await setup();
    await ok(run(assignClaim, editor, { claimId: claim.id, assigneeId: reviewer.id }));
    expect(await listMyOpenClaims(db(), reviewer)).toHaveLength(1);
    const beforeData = await getReviewData(db(), reviewer, article.slug);
    expect(beforeData.suggestions.some((s) => s.text.includes(STEM_CELL_QUOTE))).toBe(false);

    await ok(
      run(deleteClaim, reviewer, {
        claimId: claim.id,
        version: (await claimRow(claim.id)).version,
      }),
    );
    const data = await getReviewData(db(), reviewer, article.slug);
    expect(data.claims).toEqual([]);
    // The sentence it covered is suggested again.
    expect(data.suggestions.some((s) => s.text.includes(STEM_CELL_QUOTE))).toBe(true);
    expect((await getArticleForApi(db(), reviewer, article.slug)).claims).toEqual([]);
    expect(await listMyOpenClaims(db(), reviewer)).toEqual([]);
    const listed = (await listArticlesForActor(db(), reviewer)).find((a) => a.id === article.id);
    expect(listed).toMatchObject({ claimCount: 0, openClaimCount: 0 });
  });

  it("of the approval gate and the export", async () => {
    const author = await createActor(db(), "editor");
    const approver = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const a = await importArticle(db(), author, STEM_CELL_TEXT, `Gate ${randomUUID()}`);
    const open = await claimQuote(db(), reviewer, a.revisionId);
    await ok(transition(author, a.id, "submit"));
    const blocked = await transition(approver, a.id, "approve");
    expect(blocked.ok).toBe(false);
    // Claim blockers only: the untriaged-suggestions blocker is the gate's other rule.
    const claimBlockers = async () =>
      (await getReviewData(db(), approver, a.slug)).blockers.filter(
        (b) => b.reason !== "untriaged_suggestions",
      );
    expect(await claimBlockers()).toHaveLength(1);

    await ok(run(deleteClaim, reviewer, { claimId: open.id, version: open.version }));
    expect(await claimBlockers()).toEqual([]);
    expect((await loadExportModel(db(), approver, a.slug)).claims).toEqual([]);
    // The deleted claim's sentence is a suggestion again, so it is triaged with the rest.
    await triageSuggestions(db(), reviewer, a.id);
    await ok(transition(approver, a.id, "approve"));
    await ok(transition(approver, a.id, "publish"));
    const [published] = await db().select().from(articles).where(eq(articles.id, a.id));
    expect(published?.state).toBe("published");
    expect((await loadExportModel(db(), approver, a.slug)).claims).toEqual([]);
  });

  it("of re-anchoring; restoring it afterwards anchors it in the current revision", async () => {
    const { editor, reviewer, article, claim } = await setup();
    const deleted = await ok(
      run(deleteClaim, reviewer, { claimId: claim.id, version: claim.version }),
    );
    const saved = await ok(
      run(saveRevision, editor, {
        articleId: article.id,
        baseRevisionId: article.revisionId,
        summary: "A paragraph first",
        doc: textToDoc(`A new first paragraph.\n\n${STEM_CELL_TEXT}`),
      }),
    );
    expect(
      await db()
        .select()
        .from(claimAnchors)
        .where(
          and(eq(claimAnchors.claimId, claim.id), eq(claimAnchors.revisionId, saved.revisionId)),
        ),
    ).toEqual([]);
    expect(await eventsOf(claim.id, "claim.reanchor")).toEqual([]);

    const restored = await run(restoreClaim, reviewer, {
      claimId: claim.id,
      version: deleted.version,
    });
    expect(restored).toEqual({
      ok: true,
      data: { id: claim.id, number: 1, version: deleted.version + 1 },
    });
    const [anchor] = await db()
      .select()
      .from(claimAnchors)
      .where(
        and(eq(claimAnchors.claimId, claim.id), eq(claimAnchors.revisionId, saved.revisionId)),
      );
    const [rev] = await db().select().from(revisions).where(eq(revisions.id, saved.revisionId));
    // Found again further down, where the new paragraph pushed it.
    expect(anchor).toMatchObject({
      exact: STEM_CELL_QUOTE,
      start: rev?.plainText.indexOf(STEM_CELL_QUOTE),
    });
    expect(anchor?.start).toBeGreaterThan(STEM_CELL_TEXT.indexOf(STEM_CELL_QUOTE));
    expect(rev?.plainText.slice(anchor?.start ?? 0, anchor?.end ?? 0)).toBe(STEM_CELL_QUOTE);
    const data = await getReviewData(db(), reviewer, article.slug);
    expect(data.claims.map((c) => c.id)).toEqual([claim.id]);
    expect(await eventsOf(claim.id, "claim.restore")).toMatchObject([
      {
        actorId: reviewer.id,
        after: { number: 1, anchorState: anchor?.state, revision: 2, exact: STEM_CELL_QUOTE },
      },
    ]);
  });

  it("from edits: updating, commenting or adding evidence finds no claim", async () => {
    const { reviewer, claim } = await setup();
    const deleted = await ok(
      run(deleteClaim, reviewer, { claimId: claim.id, version: claim.version }),
    );
    const update = await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: deleted.version,
      status: "in_review",
      verdict: null,
      severity: "medium",
      rationale: "",
      suggestedCorrection: "",
    });
    expect(update).toMatchObject({ ok: false, error: { code: "not_found" } });
    const comment = await run(addComment, reviewer, { claimId: claim.id, body: "Hello" });
    expect(comment).toMatchObject({ ok: false, error: { code: "not_found" } });
    const item = await run(addEvidence, reviewer, {
      claimId: claim.id,
      title: "A study",
      stance: "supports",
      studyDesign: "rct",
    });
    expect(item).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("restoring a deleted claim", () => {
  it("brings it back where it was, audited, for its creator or an editor only", async () => {
    const { editor, reviewer, article, claim } = await setup();
    const deleted = await ok(
      run(deleteClaim, reviewer, { claimId: claim.id, version: claim.version }),
    );
    const other = await createActor(db(), "reviewer");
    const refused = await run(restoreClaim, other, {
      claimId: claim.id,
      version: deleted.version,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const stale = await run(restoreClaim, editor, { claimId: claim.id, version: claim.version });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });

    const restored = await ok(
      run(restoreClaim, editor, { claimId: claim.id, version: deleted.version }),
    );
    const row = await claimRow(claim.id);
    expect(row).toMatchObject({ deletedAt: null, deletedById: null, version: restored.version });
    expect((await getReviewData(db(), reviewer, article.slug)).claims.map((c) => c.id)).toEqual([
      claim.id,
    ]);
    expect(await eventsOf(claim.id, "claim.restore")).toMatchObject([{ actorId: editor.id }]);
    // No second anchor in the revision it already had one in.
    expect(
      await db().select().from(claimAnchors).where(eq(claimAnchors.claimId, claim.id)),
    ).toHaveLength(1);
    const again = await run(restoreClaim, editor, {
      claimId: claim.id,
      version: restored.version,
    });
    expect(again).toMatchObject({ ok: false, error: { code: "rule" } });
  });

  it("sends a resolved claim back for a re-check when its wording changed while deleted", async () => {
    const editor = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const a = await importArticle(db(), editor, STEM_CELL_TEXT, `Reworded ${randomUUID()}`);
    const graded = await resolvedInaccurateClaim(db(), reviewer, a.revisionId);
    const deleted = await ok(
      run(deleteClaim, reviewer, { claimId: graded.id, version: graded.version }),
    );
    const saved = await ok(
      run(saveRevision, editor, {
        articleId: a.id,
        baseRevisionId: a.revisionId,
        summary: "Softer wording",
        doc: textToDoc(
          STEM_CELL_TEXT.replace(STEM_CELL_QUOTE, "no toxicity or rejection reaction"),
        ),
      }),
    );
    const restored = await ok(
      run(restoreClaim, reviewer, { claimId: graded.id, version: deleted.version }),
    );
    const [anchor] = await db()
      .select()
      .from(claimAnchors)
      .where(
        and(eq(claimAnchors.claimId, graded.id), eq(claimAnchors.revisionId, saved.revisionId)),
      );
    expect(anchor).toMatchObject({ state: "changed", exact: "no toxicity or rejection reaction" });
    expect(await claimRow(graded.id)).toMatchObject({
      status: "in_review",
      verdict: "inaccurate",
      verdictStale: true,
      version: restored.version,
      deletedAt: null,
    });
  });

  it("does not reuse a deleted claim's number", async () => {
    const { reviewer, article, claim } = await setup();
    await ok(run(deleteClaim, reviewer, { claimId: claim.id, version: claim.version }));
    const next = await claimQuote(db(), reviewer, article.revisionId);
    expect(next.number).toBe(2);
  });
});
