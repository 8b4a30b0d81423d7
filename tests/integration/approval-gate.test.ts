/**
 * Issue 10, "approval means reviewed", on a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL): untriaged suggestions block approval until they are triaged or an editor
 * records that the revision needs no claims; that record is published; blocker texts say what
 * each case needs; one editor's note covers several claims in one all-or-nothing step.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { articles, auditEvents, claims, revisions } from "../../db/schema";
import type { ArticleTransition } from "../../lib/core/articles/workflow";
import type { Actor, Permission } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import { formatDate, renderHtmlExport } from "../../lib/core/export/html";
import type { Verdict } from "../../lib/core/vocabulary";
import { type ActionDefinition, executeAction } from "../../lib/server/action";
import { getReviewData } from "../../lib/services/articles/read";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNotes } from "../../lib/services/claims/editor-notes";
import { updateClaim } from "../../lib/services/claims/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { loadExportModel } from "../../lib/services/exports/load";
import { renderPublicationHtml } from "../../lib/services/publications/page";
import { getPublicPublication } from "../../lib/services/publications/read";
import { recordNoClaims } from "../../lib/services/revisions/no-claims";
import { saveRevision } from "../../lib/services/revisions/service";
import { dismissSuggestion } from "../../lib/services/suggestions/service";
import { freshDatabasePerTest } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  STEM_CELL_TEXT,
  triageSuggestions,
} from "../helpers/fixtures";

const h = freshDatabasePerTest();

function run<S extends z.ZodType, R, P extends Permission | null>(
  def: ActionDefinition<S, R, P>,
  actor: Actor,
  input: z.input<S>,
) {
  return executeAction(def, { db: h.db, actor }, input);
}

const articleRow = async (id: string) =>
  (await h.db.select().from(articles).where(eq(articles.id, id)))[0];
const revisionRow = async (id: string) =>
  (await h.db.select().from(revisions).where(eq(revisions.id, id)))[0];
const claimRow = async (id: string) =>
  (await h.db.select().from(claims).where(eq(claims.id, id)))[0];
const eventsOf = (articleId: string) =>
  h.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.articleId, articleId))
    .orderBy(auditEvents.id);

async function transition(actor: Actor, articleId: string, name: ArticleTransition) {
  const version = (await articleRow(articleId))?.version ?? 0;
  return run(transitionArticle, actor, { articleId, transition: name, version });
}

/** The example article in review: two check-worthy sentences (cure claim, harm denial), no claims. */
async function inReview() {
  const author = await createActor(h.db, "editor", "Ed Author");
  const approver = await createActor(h.db, "editor", "Mona Approver");
  const reviewer = await createActor(h.db, "reviewer", "Rita Reviewer");
  const article = await importArticle(h.db, author, STEM_CELL_TEXT, `Gate ${randomUUID()}`);
  await ok(transition(author, article.id, "submit"));
  return { author, approver, reviewer, article };
}

/** A claim on `quote` resolved with `verdict` (a resolved claim needs evidence first). */
async function resolvedClaim(reviewer: Actor, revisionId: string, quote: string, verdict: Verdict) {
  const claim = await claimQuote(h.db, reviewer, revisionId, quote);
  await ok(
    run(addEvidence, reviewer, {
      claimId: claim.id,
      title: `A review about ${quote}`,
      stance: "contradicts",
      studyDesign: "cohort",
    }),
  );
  return ok(
    run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict,
      severity: "high",
      rationale: "Checked.",
      suggestedCorrection: "",
    }),
  );
}

const UNTRIAGED_2 =
  "2 suggested claims not yet triaged: accept or dismiss them, or record that the article needs no claims.";

describe("untriaged suggestions at the approval gate", () => {
  it("refuse approval of an article with no claims, say what is needed and write nothing", async () => {
    const { approver, article } = await inReview();
    const before = await articleRow(article.id);
    const eventsBefore = (await eventsOf(article.id)).length;

    expect(await transition(approver, article.id, "approve")).toEqual({
      ok: false,
      error: {
        code: "rule",
        message: `Approval is blocked: ${UNTRIAGED_2.replace(/\.$/, "")}.`,
        details: {
          blockers: [{ reason: "untriaged_suggestions", count: 2, message: UNTRIAGED_2 }],
        },
      },
    });
    expect(await articleRow(article.id)).toMatchObject({
      state: "in_review",
      version: before?.version,
    });
    expect(await revisionRow(article.revisionId)).toMatchObject({ approvedAt: null });
    expect((await eventsOf(article.id)).length).toBe(eventsBefore);
    // The review page shows the same blocker, to everyone who reads it.
    const viewer = await createActor(h.db, "viewer");
    expect((await getReviewData(h.db, viewer, article.slug)).blockers).toEqual([
      { reason: "untriaged_suggestions", count: 2, message: UNTRIAGED_2 },
    ]);
  });

  it("count what the sidebar still offers: a covering claim (even dismissed) or a dismissal triages", async () => {
    const { approver, reviewer, article } = await inReview();
    const [first, second] = (await getReviewData(h.db, reviewer, article.slug)).suggestions;
    if (!first || !second) throw new Error("expected two suggestions");

    await ok(run(dismissSuggestion, reviewer, { articleId: article.id, sentence: first.text }));
    expect(await transition(approver, article.id, "approve")).toMatchObject({
      ok: false,
      error: { details: { blockers: [{ reason: "untriaged_suggestions", count: 1 }] } },
    });

    // Accepting the second as a claim, then marking it not check-worthy, triages it too.
    const claim = await claimQuote(h.db, reviewer, article.revisionId, "no toxicity");
    await ok(
      run(updateClaim, reviewer, {
        claimId: claim.id,
        version: claim.version,
        status: "dismissed",
        verdict: null,
        severity: "low",
        rationale: "",
        suggestedCorrection: "",
      }),
    );
    expect(await transition(approver, article.id, "approve")).toMatchObject({
      ok: true,
      data: { state: "approved" },
    });
  });
});

describe("the 'reviewed, no claims needed' record", () => {
  it("is refused to a reviewer, then recorded by an editor with an audit event, and lets approval through", async () => {
    const { approver, reviewer, article } = await inReview();
    const note = "Patient story <b>only</b>: nothing here is a health claim.";
    const input = { articleId: article.id, revisionId: article.revisionId, note };

    expect(await run(recordNoClaims, reviewer, input)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await revisionRow(article.revisionId)).toMatchObject({ noClaimsNote: null });
    expect(await run(recordNoClaims, approver, { ...input, note: "   " })).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { note: [expect.any(String)] } },
    });

    const eventsBefore = (await eventsOf(article.id)).length;
    await ok(run(recordNoClaims, approver, input));
    const rev = await revisionRow(article.revisionId);
    expect(rev).toMatchObject({ noClaimsNote: note, noClaimsById: approver.id });
    expect(rev?.noClaimsAt).toBeInstanceOf(Date);
    const events = await eventsOf(article.id);
    expect(events.length).toBe(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({
      action: "revision.record_no_claims",
      actorId: approver.id,
      entityType: "revision",
      entityId: article.revisionId,
      after: { revision: 1, note },
    });

    expect((await getReviewData(h.db, approver, article.slug)).blockers).toEqual([]);
    expect(await transition(approver, article.id, "approve")).toMatchObject({
      ok: true,
      data: { state: "approved" },
    });
    // The review page names the revision's people (read in one query for the three).
    expect((await getReviewData(h.db, reviewer, article.slug)).revision).toMatchObject({
      authorName: "Ed Author",
      approvedByName: "Mona Approver",
      noClaims: { note, byName: "Mona Approver" },
    });
    // Decided: the record cannot be changed after approval.
    expect(await run(recordNoClaims, approver, { ...input, note: "Changed." })).toMatchObject({
      ok: false,
      error: { code: "rule" },
    });
    expect((await revisionRow(article.revisionId))?.noClaimsNote).toBe(note);
  });

  it("is published as such: snapshot, public page and HTML export say who, when and why", async () => {
    const { approver, article } = await inReview();
    const note = "Patient story <b>only</b>: nothing here is a health claim.";
    await ok(
      run(recordNoClaims, approver, {
        articleId: article.id,
        revisionId: article.revisionId,
        note,
      }),
    );
    await ok(transition(approver, article.id, "approve"));
    await ok(transition(approver, article.id, "publish"));
    const at = (await revisionRow(article.revisionId))?.noClaimsAt;
    if (!at) throw new Error("no record");

    const pub = await getPublicPublication(h.db, article.slug);
    expect(pub.snapshot.revision.noClaims).toEqual({
      note,
      by: "Mona Approver",
      at: at.toISOString(),
    });
    const expected = `Reviewed by Mona Approver on ${formatDate(at)}: no claims needed — Patient story &lt;b&gt;only&lt;/b&gt;: nothing here is a health claim.`;
    const page = renderPublicationHtml(pub, "latest");
    expect(page).toContain(expected);
    expect(page).not.toContain("<b>only</b>");
    const viewer = await createActor(h.db, "viewer");
    const exported = renderHtmlExport(await loadExportModel(h.db, viewer, article.slug));
    expect(exported).toContain(expected);
  });

  it("is refused for a revision that is no longer current, and is not carried to a new one", async () => {
    const { author, approver, reviewer, article } = await inReview();
    const saved = await ok(
      run(saveRevision, author, {
        articleId: article.id,
        baseRevisionId: article.revisionId,
        summary: "A new paragraph",
        doc: textToDoc(`${STEM_CELL_TEXT}\n\nStem cells cure every kidney disease.`),
      }),
    );
    const stale = await run(recordNoClaims, approver, {
      articleId: article.id,
      revisionId: article.revisionId,
      note: "Reviewed the old text.",
    });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await revisionRow(article.revisionId)).toMatchObject({ noClaimsNote: null });
    expect(await revisionRow(saved.revisionId)).toMatchObject({ noClaimsNote: null });
    expect((await eventsOf(article.id)).map((e) => e.action)).not.toContain(
      "revision.record_no_claims",
    );

    // A record on the current revision, then an edit: the new text needs its own review.
    await ok(
      run(recordNoClaims, approver, {
        articleId: article.id,
        revisionId: saved.revisionId,
        note: "Reviewed.",
      }),
    );
    const next = await ok(
      run(saveRevision, author, {
        articleId: article.id,
        baseRevisionId: saved.revisionId,
        summary: "Another paragraph",
        doc: textToDoc(`${STEM_CELL_TEXT}\n\nStem cells cure every kidney disease.\n\nThe end.`),
      }),
    );
    expect(await revisionRow(next.revisionId)).toMatchObject({ noClaimsNote: null });
    const gate = (await getReviewData(h.db, reviewer, article.slug)).blockers;
    expect(gate.map((b) => b.reason)).toEqual(["untriaged_suggestions"]);
  });
});

describe("blocker texts", () => {
  it("say per claim what is needed, and never 'still need a decision'", async () => {
    const { approver, reviewer, article } = await inReview();
    const open = await claimQuote(h.db, reviewer, article.revisionId, "no toxicity");
    const misleading = await resolvedClaim(
      reviewer,
      article.revisionId,
      "used to treat various kidney diseases",
      "misleading",
    );
    const result = await transition(approver, article.id, "approve");
    if (result.ok) throw new Error("approval should be refused");
    expect(result.error.message).toBe(
      "Approval is blocked: 1 claim needs a verdict; 1 claim needs an editor's note.",
    );
    expect(result.error.details).toEqual({
      blockers: [
        {
          claimId: misleading.id,
          number: misleading.number,
          quote: "used to treat various kidney diseases",
          reason: "verdict_needs_note",
          message: `Claim ${misleading.number} (rated Misleading) needs an editor's note.`,
        },
        {
          claimId: open.id,
          number: open.number,
          quote: "no toxicity",
          reason: "unresolved",
          message: `Claim ${open.number} needs a verdict.`,
        },
      ],
    });
    expect(JSON.stringify(result.error)).not.toContain("decision");
  });
});

describe("one editor's note for several claims", () => {
  async function twoClaimsNeedingNotes() {
    const base = await inReview();
    const a = await resolvedClaim(
      base.reviewer,
      base.article.revisionId,
      "no toxicity",
      "inaccurate",
    );
    const b = await resolvedClaim(
      base.reviewer,
      base.article.revisionId,
      "used to treat various kidney diseases",
      "unsupported",
    );
    return { ...base, a, b };
  }

  it("sets the note on every listed claim in one step, one audit event per claim", async () => {
    const { approver, reviewer, article, a, b } = await twoClaimsNeedingNotes();
    const note = "Published with our correction: see the evidence below.";
    const input = {
      claims: [
        { claimId: a.id, version: a.version },
        { claimId: b.id, version: b.version },
      ],
      editorNote: note,
    };
    expect(await run(setEditorNotes, reviewer, input)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const eventsBefore = (await eventsOf(article.id)).length;

    const done = await ok(run(setEditorNotes, approver, input));
    expect(done.updated.map((u) => u.claimId).sort()).toEqual([a.id, b.id].sort());
    expect(await claimRow(a.id)).toMatchObject({ editorNote: note, version: a.version + 1 });
    expect(await claimRow(b.id)).toMatchObject({ editorNote: note, version: b.version + 1 });
    const events = (await eventsOf(article.id)).slice(eventsBefore);
    expect(events.map((e) => [e.action, e.entityId, e.actorId]).sort()).toEqual(
      [
        ["claim.set_editor_note", a.id, approver.id],
        ["claim.set_editor_note", b.id, approver.id],
      ].sort(),
    );
    for (const e of events) {
      expect(e).toMatchObject({ before: { editorNote: null }, after: { editorNote: note } });
    }

    await triageSuggestions(h.db, reviewer, article.id);
    expect(await transition(approver, article.id, "approve")).toMatchObject({
      ok: true,
      data: { state: "approved" },
    });
  });

  it("refuses the whole step when any claim is stale, and writes nothing", async () => {
    const { approver, reviewer, article, a, b } = await twoClaimsNeedingNotes();
    // Someone saves claim b after the editor read the page.
    const bNow = await ok(
      run(updateClaim, reviewer, {
        claimId: b.id,
        version: b.version,
        status: "resolved",
        verdict: "unsupported",
        severity: "medium",
        rationale: "Re-checked.",
        suggestedCorrection: "",
      }),
    );
    const eventsBefore = (await eventsOf(article.id)).length;
    const result = await run(setEditorNotes, approver, {
      claims: [
        { claimId: a.id, version: a.version },
        { claimId: b.id, version: b.version },
      ],
      editorNote: "One note for both.",
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        details: { stale: [{ claimId: b.id, number: b.number, version: bNow.version }] },
      },
    });
    expect(await claimRow(a.id)).toMatchObject({ editorNote: null, version: a.version });
    expect(await claimRow(b.id)).toMatchObject({ editorNote: null, version: bNow.version });
    expect((await eventsOf(article.id)).length).toBe(eventsBefore);
  });
});
