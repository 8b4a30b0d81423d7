/**
 * Revisions on a real database: saving re-anchors every claim (exact, moved, changed,
 * orphaned), stale saves and roles are refused without writing, editing states, re-attaching
 * an orphaned claim, the approval gate, the revision pages' reads and re-import detection.
 * One database per file; each test makes its own users and articles.
 */
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { textFingerprint } from "@/lib/core/document/fingerprint";
import { articles, auditEvents, claimAnchors, claims, revisions } from "../../db/schema";
import type { ArticleTransition } from "../../lib/core/articles/workflow";
import type { Actor } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import type { DocRoot } from "../../lib/core/document/schema";
import { executeAction } from "../../lib/server/action";
import { importArticleDocument, transitionArticle } from "../../lib/services/articles/service";
import { getClaimHistory } from "../../lib/services/claims/read";
import { updateClaim } from "../../lib/services/claims/service";
import {
  getComparison,
  getRevisionHistory,
  getRevisionView,
} from "../../lib/services/revisions/read";
import { reattachClaim } from "../../lib/services/revisions/reattach";
import {
  reviseFromImport,
  type SavedRevision,
  saveRevision,
} from "../../lib/services/revisions/service";
import { databasePerFile } from "../helpers/db";
import { claimQuote, createActor, importArticle, triageSuggestions } from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

const ORIGINAL = [
  "Stem cell therapy is one new treatment of kidney failure.",
  "Even though stem cell therapy has no toxicity and rejection reaction in any of the patients treated so far, it still has some side effects or risks.",
  "Another risk is the stem cell from sheep or other animals that is used to treat human patients.",
].join("\n\n");

/** The first paragraph kept, one word inserted in the second, the third deleted. */
const EDITED = [
  "Stem cell therapy is one new treatment of kidney failure.",
  "Even though stem cell therapy has no toxicity and no rejection reaction in any of the patients treated so far, it still has some side effects or risks.",
].join("\n\n");

const QUOTES = {
  exact: "Stem cell therapy is one new treatment",
  changed:
    "stem cell therapy has no toxicity and rejection reaction in any of the patients treated so far",
  moved: "it still has some side effects or risks",
  orphaned: "the stem cell from sheep or other animals",
};

async function articleRow(id: string) {
  const [row] = await db().select().from(articles).where(eq(articles.id, id));
  if (!row) throw new Error("no article");
  return row;
}

async function totals() {
  const [r] = await db().select({ n: count() }).from(revisions);
  const [a] = await db().select({ n: count() }).from(claimAnchors);
  const [e] = await db().select({ n: count() }).from(auditEvents);
  return { revisions: r?.n, anchors: a?.n, events: e?.n };
}

async function transition(actor: Actor, articleId: string, name: ArticleTransition) {
  const { version } = await articleRow(articleId);
  // A retraction needs its reason, published with the notice.
  const note = name === "retract" ? "Withdrawn while the claims are re-checked." : undefined;
  return run(transitionArticle, actor, { articleId, transition: name, version, note });
}

/** An editor's article with the four claims of QUOTES made by a reviewer. */
async function articleWithClaims() {
  const editor = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const imported = await importArticle(db(), editor, ORIGINAL, `Revise ${randomUUID()}`);
  const ids: Record<keyof typeof QUOTES, { id: string; number: number; version: number }> = {
    exact: await claimQuote(db(), reviewer, imported.revisionId, QUOTES.exact),
    changed: await claimQuote(db(), reviewer, imported.revisionId, QUOTES.changed),
    moved: await claimQuote(db(), reviewer, imported.revisionId, QUOTES.moved),
    orphaned: await claimQuote(db(), reviewer, imported.revisionId, QUOTES.orphaned),
  };
  return { editor, reviewer, article: imported, claims: ids };
}

async function save(
  actor: Actor | null,
  article: { id: string },
  baseRevisionId: string,
  text: string | DocRoot,
  summary = "Edited",
) {
  return run(saveRevision, actor, {
    articleId: article.id,
    baseRevisionId,
    summary,
    doc: typeof text === "string" ? textToDoc(text) : text,
  });
}

function saved(result: Awaited<ReturnType<typeof save>>): SavedRevision {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function anchorOf(claimId: string, revisionId: string) {
  const [row] = await db()
    .select()
    .from(claimAnchors)
    .where(and(eq(claimAnchors.claimId, claimId), eq(claimAnchors.revisionId, revisionId)));
  return row;
}

async function claimRow(id: string) {
  const [row] = await db().select().from(claims).where(eq(claims.id, id));
  if (!row) throw new Error("no claim");
  return row;
}

describe("saving a revision", () => {
  it("stores the revision, makes it current and re-anchors every claim", async () => {
    const { editor, reviewer, article, claims: c } = await articleWithClaims();
    // The reworded claim had a verdict: it must go back for a re-check.
    const resolved = await run(updateClaim, reviewer, {
      claimId: c.changed.id,
      version: c.changed.version,
      status: "resolved",
      verdict: "unsupported",
      severity: "high",
      rationale: "No trial shows this.",
      suggestedCorrection: "",
    });
    if (!resolved.ok) throw new Error(resolved.error.message);
    const before = await articleRow(article.id);

    const data = saved(
      await save(editor, article, article.revisionId, EDITED, "Reword the harm claim"),
    );
    expect(data).toMatchObject({
      number: 2,
      state: "draft",
      anchors: { exact: 1, moved: 1, changed: 1, orphaned: 1 },
      recheck: [c.changed.number],
      orphaned: [c.orphaned.number],
    });

    const [revision] = await db().select().from(revisions).where(eq(revisions.id, data.revisionId));
    expect(revision).toMatchObject({
      number: 2,
      parentId: article.revisionId,
      summary: "Reword the harm claim",
      authorId: editor.id,
      plainText: EDITED,
    });
    const after = await articleRow(article.id);
    expect(after.currentRevisionId).toBe(data.revisionId);
    expect(after.version).toBeGreaterThan(before.version);
    expect(data.articleVersion).toBe(after.version);

    for (const key of ["exact", "moved", "changed"] as const) {
      const anchor = await anchorOf(c[key].id, data.revisionId);
      expect(anchor?.state, key).toBe(key);
      expect(EDITED.slice(anchor?.start ?? 0, anchor?.end ?? 0), key).toBe(anchor?.exact);
    }
    expect((await anchorOf(c.exact.id, data.revisionId))?.start).toBe(0);
    expect((await anchorOf(c.changed.id, data.revisionId))?.exact).toContain(
      "no rejection reaction",
    );
    expect(await anchorOf(c.orphaned.id, data.revisionId)).toMatchObject({
      state: "orphaned",
      exact: QUOTES.orphaned,
      start: null,
      end: null,
      score: 0,
    });
    // The old revision's anchors are untouched.
    expect(await anchorOf(c.orphaned.id, article.revisionId)).toMatchObject({ state: "exact" });

    const changed = await claimRow(c.changed.id);
    expect(changed).toMatchObject({
      status: "in_review",
      verdict: "unsupported",
      verdictStale: true,
      version: c.changed.version + 2,
    });
    // Claims that kept their words are not touched.
    expect(await claimRow(c.moved.id)).toMatchObject({ status: "open", version: 1 });
    expect(await claimRow(c.orphaned.id)).toMatchObject({ status: "open", version: 1 });

    const events = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.articleId, article.id))
      .orderBy(auditEvents.id);
    const ofSave = events.filter(
      (e) => e.action.startsWith("revision.") || e.action === "claim.reanchor",
    );
    // One event per claim whose anchor state changed (the exact one has none).
    expect(ofSave.map((e) => [e.action, e.entityId])).toEqual([
      ["claim.reanchor", expect.any(String)],
      ["claim.reanchor", expect.any(String)],
      ["claim.reanchor", expect.any(String)],
      ["revision.create", data.revisionId],
    ]);
    expect(new Set(ofSave.slice(0, 3).map((e) => e.entityId))).toEqual(
      new Set([c.changed.id, c.moved.id, c.orphaned.id]),
    );
    const reanchorOf = (id: string) => ofSave.find((e) => e.entityId === id);
    expect(reanchorOf(c.changed.id)).toMatchObject({
      actorId: editor.id,
      before: {
        anchorState: "exact",
        exact: QUOTES.changed,
        status: "resolved",
        verdictStale: false,
      },
      after: { anchorState: "changed", status: "in_review", verdictStale: true, revision: 2 },
    });
    expect(reanchorOf(c.orphaned.id)).toMatchObject({
      before: { anchorState: "exact", exact: QUOTES.orphaned },
      after: { anchorState: "orphaned", start: null, end: null },
    });
    expect(reanchorOf(c.moved.id)).toMatchObject({
      before: { anchorState: "exact", exact: QUOTES.moved },
      after: { anchorState: "moved", exact: QUOTES.moved, revision: 2 },
    });
    expect(ofSave[3]).toMatchObject({
      entityType: "revision",
      before: { revision: 1, state: "draft" },
      after: { revision: 2, summary: "Reword the harm claim", anchors: { orphaned: 1 } },
    });

    // A reviewer holding the claim's old version gets a conflict, not a silent overwrite.
    const stale = await run(updateClaim, reviewer, {
      claimId: c.changed.id,
      version: c.changed.version + 1,
      status: "resolved",
      verdict: "accurate",
      severity: "high",
      rationale: "",
      suggestedCorrection: "",
    });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });

    // The claim's history tells the story in words.
    const history = await getClaimHistory(db(), reviewer, c.changed.id);
    const reanchored = history.find(
      (h) =>
        h.summary ===
        `re-anchored the claim in revision 2: wording changed, was “${QUOTES.changed}”`,
    );
    expect(reanchored?.changes).toEqual(
      expect.arrayContaining([
        { field: "Anchor", before: "Same text, same place", after: "Wording changed" },
        { field: "Status", before: "Resolved", after: "In progress" },
        { field: "Needs re-check", before: "No", after: "Yes" },
      ]),
    );
  });

  it("carries an orphaned claim on without new events, and finds it again when its text returns", async () => {
    const { editor, article, claims: c } = await articleWithClaims();
    const second = saved(await save(editor, article, article.revisionId, EDITED));
    const third = saved(
      await save(editor, article, second.revisionId, `${EDITED}\n\nA new paragraph.`),
    );
    expect(third.orphaned).toEqual([c.orphaned.number]);
    expect(await anchorOf(c.orphaned.id, third.revisionId)).toMatchObject({
      state: "orphaned",
      exact: QUOTES.orphaned,
    });
    const fourth = saved(await save(editor, article, third.revisionId, ORIGINAL));
    const back = await anchorOf(c.orphaned.id, fourth.revisionId);
    expect(back?.state).not.toBe("orphaned");
    expect(ORIGINAL.slice(back?.start ?? 0, back?.end ?? 0)).toBe(QUOTES.orphaned);
    const reanchors = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, c.orphaned.id), eq(auditEvents.action, "claim.reanchor")))
      .orderBy(auditEvents.id);
    expect(reanchors.map((e) => (e.after as { anchorState: string }).anchorState)).toEqual([
      "orphaned",
      back?.state,
    ]);
  });

  it("refuses a save on top of a revision that is no longer current, writing nothing", async () => {
    const { editor, article } = await articleWithClaims();
    const other = await createActor(db(), "editor");
    const first = saved(await save(other, article, article.revisionId, EDITED, "Other editor"));
    const before = await totals();
    const stale = await save(editor, article, article.revisionId, `${ORIGINAL}\n\nMine.`);
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message: expect.stringContaining("Revision 2 was saved while you were editing"),
        details: { current: { id: first.revisionId, number: 2, summary: "Other editor" } },
      },
    });
    expect(await totals()).toEqual(before);
    // Saving anyway names the newer revision as its base.
    const anyway = saved(await save(editor, article, first.revisionId, `${ORIGINAL}\n\nMine.`));
    expect(anyway.number).toBe(3);
  });

  it("refuses reviewers, viewers and anonymous visitors, writing nothing", async () => {
    const { article } = await articleWithClaims();
    const before = await totals();
    for (const [actor, code] of [
      [await createActor(db(), "reviewer"), "forbidden"],
      [await createActor(db(), "viewer"), "forbidden"],
      [null, "unauthenticated"],
    ] as const) {
      const result = await save(actor, article, article.revisionId, EDITED);
      expect(result).toMatchObject({ ok: false, error: { code } });
    }
    const admin = await createActor(db(), "admin");
    expect((await save(admin, article, article.revisionId, EDITED)).ok).toBe(true);
    expect((await totals()).revisions).toBe((before.revisions ?? 0) + 1);
  });

  it("validates the document and summary on the server and computes the text itself", async () => {
    const { editor, article } = await articleWithClaims();
    const before = await totals();
    const base = { articleId: article.id, baseRevisionId: article.revisionId };
    const badDocs: unknown[] = [
      { type: "doc", content: [{ type: "codeBlock", content: [{ type: "text", text: "x" }] }] },
      {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              {
                type: "text",
                text: "click",
                marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
              },
            ],
          },
        ],
      },
      { type: "doc", content: [] },
      "<p>html</p>",
    ];
    for (const doc of badDocs) {
      const result = await run(saveRevision, editor, { ...base, summary: "Bad", doc });
      expect(result, JSON.stringify(doc)).toMatchObject({
        ok: false,
        error: { code: "validation" },
      });
    }
    let deep: unknown = { type: "paragraph", content: [{ type: "text", text: "deep" }] };
    for (let i = 0; i < 200; i++) deep = { type: "blockquote", content: [deep] };
    expect(
      await run(saveRevision, editor, {
        ...base,
        summary: "Deep",
        doc: { type: "doc", content: [deep] },
      }),
    ).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(
      await run(saveRevision, editor, { ...base, summary: "  ", doc: textToDoc(EDITED) }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { summary: expect.any(Array) } },
    });
    expect(
      await run(saveRevision, editor, {
        ...base,
        summary: "x".repeat(201),
        doc: textToDoc(EDITED),
      }),
    ).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(
      await run(saveRevision, editor, {
        ...base,
        summary: "Empty",
        doc: { type: "doc", content: [{ type: "paragraph" }] },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation", message: "The article has no text." },
    });
    expect(await save(editor, article, article.revisionId, ORIGINAL)).toMatchObject({
      ok: false,
      error: { code: "rule", message: "Nothing changed since revision 1." },
    });
    expect(await totals()).toEqual(before);

    // A plain text sent along is ignored: the server derives its own.
    const result = await run(saveRevision, editor, {
      ...base,
      summary: "Formatting",
      doc: textToDoc(EDITED),
      plainText: "forged",
    });
    const [row] = await db()
      .select({ plainText: revisions.plainText })
      .from(revisions)
      .where(eq(revisions.id, saved(result).revisionId));
    expect(row?.plainText).toBe(EDITED);
  });
});

describe("editing states", () => {
  it("keeps draft, in review and changes requested; sends approved and published back to draft; refuses retracted", async () => {
    const editor = await createActor(db(), "editor");
    const approver = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const imported = await importArticle(db(), editor, ORIGINAL, `States ${randomUUID()}`);
    let base = imported.revisionId;
    let n = 0;
    const edit = async () => {
      n++;
      const result = saved(await save(editor, imported, base, `${ORIGINAL}\n\nEdit ${n}.`));
      base = result.revisionId;
      return result.state;
    };
    expect(await edit()).toBe("draft");
    expect((await transition(editor, imported.id, "submit")).ok).toBe(true);
    expect(await edit()).toBe("in_review");
    expect((await transition(approver, imported.id, "request_changes")).ok).toBe(true);
    expect(await edit()).toBe("changes_requested");
    expect((await transition(editor, imported.id, "submit")).ok).toBe(true);
    await triageSuggestions(db(), reviewer, imported.id);
    expect((await transition(approver, imported.id, "approve")).ok).toBe(true);
    expect(await edit()).toBe("draft");
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.articleId, imported.id), eq(auditEvents.action, "revision.create")))
      .orderBy(auditEvents.id);
    expect(events.at(-1)).toMatchObject({
      before: { state: "approved" },
      after: { state: "draft" },
    });

    expect((await transition(editor, imported.id, "submit")).ok).toBe(true);
    await triageSuggestions(db(), reviewer, imported.id);
    expect((await transition(approver, imported.id, "approve")).ok).toBe(true);
    expect((await transition(approver, imported.id, "publish")).ok).toBe(true);
    expect(await edit()).toBe("draft");

    expect((await transition(editor, imported.id, "submit")).ok).toBe(true);
    await triageSuggestions(db(), reviewer, imported.id);
    expect((await transition(approver, imported.id, "approve")).ok).toBe(true);
    expect((await transition(approver, imported.id, "publish")).ok).toBe(true);
    expect((await transition(approver, imported.id, "retract")).ok).toBe(true);
    const before = await totals();
    expect(await save(editor, imported, base, `${ORIGINAL}\n\nToo late.`)).toMatchObject({
      ok: false,
      error: { code: "rule", message: "A retracted article cannot be edited." },
    });
    expect(await totals()).toEqual(before);
  });
});

describe("orphaned claims", () => {
  async function orphaned() {
    const setup = await articleWithClaims();
    const second = saved(await save(setup.editor, setup.article, setup.article.revisionId, EDITED));
    return { ...setup, second };
  }

  const attach = (
    actor: Actor,
    claim: { id: string; version: number },
    revisionId: string,
    quote: string,
    text = EDITED,
  ) =>
    run(reattachClaim, actor, {
      claimId: claim.id,
      version: claim.version,
      revisionId,
      start: text.indexOf(quote),
      end: text.indexOf(quote) + quote.length,
      exact: quote,
    });

  it("block approval until they are re-attached or dismissed", async () => {
    const { editor, reviewer, article, claims: c } = await orphaned();
    const approver = await createActor(db(), "editor");
    // Everything else is decided, so only the orphan is in the way.
    for (const key of ["exact", "changed", "moved", "orphaned"] as const) {
      const row = await claimRow(c[key].id);
      const result = await run(updateClaim, reviewer, {
        claimId: row.id,
        version: row.version,
        status: key === "orphaned" ? "open" : "dismissed",
        verdict: null,
        severity: "medium",
        rationale: "",
        suggestedCorrection: "",
      });
      if (!result.ok) throw new Error(result.error.message);
    }
    expect((await transition(editor, article.id, "submit")).ok).toBe(true);
    await triageSuggestions(db(), reviewer, article.id);
    const refused = await transition(approver, article.id, "approve");
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "rule",
        details: { blockers: [{ claimId: c.orphaned.id, reason: "orphaned" }] },
      },
    });
    const row = await claimRow(c.orphaned.id);
    expect(
      (
        await run(updateClaim, reviewer, {
          claimId: row.id,
          version: row.version,
          status: "dismissed",
          verdict: null,
          severity: "medium",
          rationale: "Removed from the text.",
          suggestedCorrection: "",
        })
      ).ok,
    ).toBe(true);
    expect((await transition(approver, article.id, "approve")).ok).toBe(true);
  });

  it("are re-attached by a reviewer to selected text, keeping the old quote in the history", async () => {
    const { reviewer, second, claims: c } = await orphaned();
    const quote = "some side effects";
    const result = await attach(
      reviewer,
      { id: c.orphaned.id, version: 1 },
      second.revisionId,
      quote,
    );
    expect(result).toMatchObject({ ok: true, data: { id: c.orphaned.id, version: 2 } });
    expect(await anchorOf(c.orphaned.id, second.revisionId)).toMatchObject({
      state: "exact",
      exact: quote,
      start: EDITED.indexOf(quote),
      end: EDITED.indexOf(quote) + quote.length,
      score: 1,
    });
    // Unstarted claims stay unstarted; there was no verdict to mark stale.
    expect(await claimRow(c.orphaned.id)).toMatchObject({
      status: "open",
      verdictStale: false,
      version: 2,
    });
    const history = await getClaimHistory(db(), reviewer, c.orphaned.id);
    expect(history.at(-1)).toMatchObject({
      actor: reviewer.name,
      summary: "re-attached the claim",
      changes: expect.arrayContaining([
        { field: "Anchor", before: "Orphaned (text not found)", after: "Same text, same place" },
        { field: "Quote", before: QUOTES.orphaned, after: quote },
      ]),
    });
    // Re-attached once: it is not orphaned any more.
    expect(
      await attach(reviewer, { id: c.orphaned.id, version: 2 }, second.revisionId, "Stem cell"),
    ).toMatchObject({ ok: false, error: { code: "rule" } });
  });

  it("sends a decided claim back for a re-check when re-attached to other words", async () => {
    const { editor, reviewer, article, claims: c } = await articleWithClaims();
    const decided = await run(updateClaim, reviewer, {
      claimId: c.orphaned.id,
      version: 1,
      status: "resolved",
      verdict: "unsupported",
      severity: "medium",
      rationale: "",
      suggestedCorrection: "",
    });
    if (!decided.ok) throw new Error(decided.error.message);
    const second = saved(await save(editor, article, article.revisionId, EDITED));
    const result = await attach(
      reviewer,
      { id: c.orphaned.id, version: 2 },
      second.revisionId,
      "side effects or risks",
    );
    expect(result.ok).toBe(true);
    expect(await claimRow(c.orphaned.id)).toMatchObject({
      status: "in_review",
      verdict: "unsupported",
      verdictStale: true,
      version: 3,
    });
  });

  it("refuses stale versions, old revisions, mismatched text and viewers, writing nothing", async () => {
    const { editor, reviewer, second, claims: c } = await orphaned();
    const before = await totals();
    const quote = "some side effects";
    expect(
      await attach(reviewer, { id: c.orphaned.id, version: 7 }, second.revisionId, quote),
    ).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(
      await run(reattachClaim, reviewer, {
        claimId: c.orphaned.id,
        version: 1,
        revisionId: second.revisionId,
        start: 0,
        end: quote.length,
        exact: quote,
      }),
    ).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(
      await attach(
        await createActor(db(), "viewer"),
        { id: c.orphaned.id, version: 1 },
        second.revisionId,
        quote,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await totals()).toEqual(before);
    const third = saved(
      await save(editor, { id: second.articleId }, second.revisionId, `${EDITED}\n\nMore.`),
    );
    expect(
      await attach(reviewer, { id: c.orphaned.id, version: 1 }, second.revisionId, quote),
    ).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringContaining("newer revision") },
    });
    expect(third.orphaned).toEqual([c.orphaned.number]);
  });
});

describe("revision pages", () => {
  it("list every revision, show one with its own anchors and compare two", async () => {
    const { editor, article, claims: c } = await articleWithClaims();
    const viewer = await createActor(db(), "viewer");
    const second = saved(await save(editor, article, article.revisionId, EDITED, "Second"));
    const slug = second.slug;

    const history = await getRevisionHistory(db(), viewer, slug);
    expect(history.revisions.map((r) => [r.number, r.summary, r.authorName])).toEqual([
      [2, "Second", editor.name],
      [1, "Imported", editor.name],
    ]);
    expect(history.article.currentRevisionId).toBe(second.revisionId);

    const first = await getRevisionView(db(), viewer, slug, 1);
    // The page gets the text's fingerprint, not the text itself (a 2 MB article sent it twice).
    expect(first.revision).toMatchObject({
      number: 1,
      current: false,
      textFingerprint: textFingerprint(ORIGINAL),
    });
    expect(first.revision).not.toHaveProperty("plainText");
    expect(first.claims.find((x) => x.id === c.orphaned.id)?.anchor).toMatchObject({
      state: "exact",
    });
    const now = await getRevisionView(db(), viewer, slug, 2);
    expect(now.claims.find((x) => x.id === c.orphaned.id)?.anchor).toMatchObject({
      state: "orphaned",
      start: null,
    });
    await expect(getRevisionView(db(), viewer, slug, 9)).rejects.toMatchObject({
      code: "not_found",
    });

    const compared = await getComparison(db(), viewer, slug, {});
    expect(compared).toMatchObject({ from: 1, to: 2 });
    const pieces = compared.comparison?.diff.pieces ?? [];
    expect(pieces.filter((p) => p.kind === "insert").map((p) => p.text.trim())).toEqual(["no"]);
    expect(pieces.some((p) => p.kind === "delete" && p.claimId === c.orphaned.id)).toBe(true);
    expect(compared.comparison?.claims.find((x) => x.id === c.orphaned.id)?.anchor.state).toBe(
      "orphaned",
    );
    expect(await getComparison(db(), viewer, slug, { from: 2, to: 1 })).toMatchObject({
      from: 1,
      to: 2,
    });
    await expect(getRevisionHistory(db(), null, slug)).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});

describe("re-import", () => {
  async function imported(sourceUrl: string) {
    const editor = await createActor(db(), "editor");
    const result = await db().transaction(async (tx) => {
      const { createArticleFromText } = await import("../../lib/services/articles/service");
      return createArticleFromText(tx, editor.id, {
        title: `Source ${randomUUID()}`,
        text: ORIGINAL,
        sourceUrl,
        originalAuthor: null,
        originalPublishedAt: null,
      });
    });
    return { editor, article: result };
  }

  it("makes a new revision of the article with the same source URL", async () => {
    const url = `https://clinic.example/${randomUUID()}`;
    const { editor, article } = await imported(url);
    const reviewer = await createActor(db(), "reviewer");
    const claim = await claimQuote(db(), reviewer, article.revisionId, QUOTES.orphaned);
    const result = await db().transaction((tx) =>
      reviseFromImport(tx, editor, {
        sourceUrl: ` ${url} `,
        doc: textToDoc(EDITED),
        title: "New title",
      }),
    );
    expect(result).toMatchObject({
      kind: "revision",
      articleId: article.id,
      slug: article.slug,
      number: 2,
      unchanged: false,
    });
    const [row] = await db()
      .select()
      .from(revisions)
      .where(eq(revisions.id, result?.revisionId ?? ""));
    expect(row).toMatchObject({
      summary: `Re-imported from ${url}`,
      parentId: article.revisionId,
      plainText: EDITED,
    });
    expect((await articleRow(article.id)).title).toBe(article.title);
    expect(await anchorOf(claim.id, row?.id ?? "")).toMatchObject({ state: "orphaned" });
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, row?.id ?? ""), eq(auditEvents.action, "revision.import")),
      );
    expect(event?.note).toContain("New title");

    // The same document again writes nothing.
    const again = await db().transaction((tx) =>
      reviseFromImport(tx, editor, { sourceUrl: url, doc: textToDoc(EDITED), title: "" }),
    );
    expect(again).toMatchObject({ kind: "revision", number: 2, unchanged: true });
  });

  it("returns null for another or no source URL, and for a retracted article", async () => {
    const url = `https://clinic.example/${randomUUID()}`;
    const { editor } = await imported(url);
    const doc = textToDoc(EDITED);
    for (const sourceUrl of [`${url}/other`, null, ""]) {
      expect(
        await db().transaction((tx) => reviseFromImport(tx, editor, { sourceUrl, doc, title: "" })),
      ).toBeNull();
    }
    const retractedUrl = `https://clinic.example/${randomUUID()}`;
    const { article } = await imported(retractedUrl);
    const approver = await createActor(db(), "editor");
    await triageSuggestions(db(), await createActor(db(), "reviewer"), article.id);
    for (const [actor, name] of [
      [editor, "submit"],
      [approver, "approve"],
      [approver, "publish"],
      [approver, "retract"],
    ] as const) {
      expect((await transition(actor, article.id, name)).ok).toBe(true);
    }
    expect(
      await db().transaction((tx) =>
        reviseFromImport(tx, editor, { sourceUrl: retractedUrl, doc, title: "" }),
      ),
    ).toBeNull();
  });

  it("refuses reviewers", async () => {
    const url = `https://clinic.example/${randomUUID()}`;
    const { article } = await imported(url);
    const reviewer = await createActor(db(), "reviewer");
    await expect(
      db().transaction((tx) =>
        reviseFromImport(tx, reviewer, { sourceUrl: url, doc: textToDoc(EDITED), title: "" }),
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    // The import's own entry: a reviewer's re-import of the article's source is refused too.
    await expect(
      executeAction(
        importArticleDocument,
        { db: db(), actor: reviewer },
        { source: "paste", format: "text", text: EDITED, title: "", sourceUrl: url },
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(
      (await db().select().from(revisions).where(eq(revisions.articleId, article.id))).length,
    ).toBe(1);
  });
});
