/**
 * Article import and the workflow on a real database. One database serves the whole file
 * (creating one per test is the slow part); every test makes its own users and articles and
 * counts only what it made.
 */
import { randomUUID } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { DbHandle } from "../../db/client";
import { articles, auditEvents, claims, revisions } from "../../db/schema";
import type { ArticleTransition } from "../../lib/core/articles/workflow";
import type { Actor, Permission } from "../../lib/core/auth/permissions";
import { normalizeText } from "../../lib/core/document/from-text";
import { type ActionDefinition, executeAction } from "../../lib/server/action";
import { importArticleText, transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote, updateClaim } from "../../lib/services/claims/service";
import { createTestDatabase } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  STEM_CELL_TEXT,
  triageSuggestions,
  withAuditEventsFailing,
} from "../helpers/fixtures";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});
const db = () => handle.db;

const QUOTE = "no toxicity and rejection reaction";

function run<S extends z.ZodType, R, P extends Permission | null>(
  def: ActionDefinition<S, R, P>,
  actor: Actor | null,
  input: unknown,
) {
  return executeAction(def, { db: db(), actor }, input);
}

async function totals() {
  const [a] = await db().select({ n: count() }).from(articles);
  const [r] = await db().select({ n: count() }).from(revisions);
  const [e] = await db().select({ n: count() }).from(auditEvents);
  return { articles: a?.n, revisions: r?.n, events: e?.n };
}

async function article(id: string) {
  const [row] = await db().select().from(articles).where(eq(articles.id, id));
  if (!row) throw new Error("article not found");
  return row;
}

const eventsOf = (articleId: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.articleId, articleId))
    .orderBy(auditEvents.id);

async function transition(actor: Actor, articleId: string, name: ArticleTransition, note = "") {
  const { version } = await article(articleId);
  return run(transitionArticle, actor, { articleId, transition: name, version, note });
}

/** An editor's article in review, a second editor and a reviewer. */
async function inReview(text = STEM_CELL_TEXT) {
  const author = await createActor(db(), "editor");
  const approver = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const imported = await importArticle(db(), author, text, `Review ${randomUUID()}`);
  const submitted = await transition(author, imported.id, "submit");
  expect(submitted).toMatchObject({ ok: true, data: { state: "in_review" } });
  return { author, approver, reviewer, article: imported };
}

describe("import", () => {
  it("lets an editor import text as a draft with its first revision and an audit event", async () => {
    const editor = await createActor(db(), "editor");
    const text = "Stem cells  \r\nheal kidneys.\r\n\r\n\r\nSecond paragraph 😀.\n";
    const result = await run(importArticleText, editor, {
      title: " Kidney claims ",
      text,
      sourceUrl: "https://example.org/kidney",
      originalAuthor: "",
      originalPublishedAt: "2016-04-02 10:37",
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toMatchObject({ slug: "kidney-claims", title: "Kidney claims" });

    const row = await article(result.data.id);
    expect(row).toMatchObject({
      state: "draft",
      sourceUrl: "https://example.org/kidney",
      originalAuthor: null,
      originalPublishedAt: "2016-04-02 10:37",
      createdById: editor.id,
      currentRevisionId: result.data.revisionId,
    });
    const revs = await db().select().from(revisions).where(eq(revisions.articleId, row.id));
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatchObject({
      number: 1,
      authorId: editor.id,
      plainText: normalizeText(text),
      approvedById: null,
    });
    expect(revs[0]?.plainText).toBe("Stem cells\nheal kidneys.\n\nSecond paragraph 😀.");

    const events = await eventsOf(row.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "article.import",
      actorId: editor.id,
      entityType: "article",
      entityId: row.id,
      after: { slug: "kidney-claims", title: "Kidney claims", revision: 1 },
    });
  });

  it("lets an admin import too", async () => {
    const admin = await createActor(db(), "admin");
    const result = await run(importArticleText, admin, { title: "", text: "Admin's text." });
    expect(result).toMatchObject({ ok: true, data: { title: "Admin's text." } });
  });

  it("refuses reviewers, viewers and anonymous visitors, writing nothing", async () => {
    const input = { title: "Not allowed", text: "Some text." };
    const before = await totals();
    for (const [actor, code] of [
      [await createActor(db(), "reviewer"), "forbidden"],
      [await createActor(db(), "viewer"), "forbidden"],
      [null, "unauthenticated"],
    ] as const) {
      const result = await run(importArticleText, actor, input);
      expect(result, actor?.role ?? "anonymous").toEqual({
        ok: false,
        error: expect.objectContaining({ code }),
      });
    }
    const [slugRow] = await db()
      .select({ n: count() })
      .from(articles)
      .where(eq(articles.slug, "not-allowed"));
    expect(slugRow?.n).toBe(0);
    // Users were created above, which writes no audit events: everything else is unchanged.
    expect(await totals()).toEqual(before);
  });

  it("refuses text without words and unsafe source URLs, writing nothing", async () => {
    const editor = await createActor(db(), "editor");
    const before = await totals();
    const blank = await run(importArticleText, editor, { title: "Blank", text: " \n\n\t" });
    expect(blank).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { text: ["Article text is required."] } },
    });
    const unsafe = await run(importArticleText, editor, {
      title: "Unsafe",
      text: "Text.",
      sourceUrl: "javascript:alert(1)",
    });
    expect(unsafe).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await totals()).toEqual(before);
  });

  it("gives articles with the same title distinct slugs", async () => {
    const editor = await createActor(db(), "editor");
    const title = `Same title ${randomUUID().slice(0, 8)}`;
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await run(importArticleText, editor, { title, text: `Text ${i}.` });
      if (!result.ok) throw new Error(result.error.message);
      slugs.push(result.data.slug);
    }
    const base = title.toLowerCase().replace(/ /g, "-");
    expect(slugs).toEqual([base, `${base}-2`, `${base}-3`]);
    // A slug that merely starts like another does not push it to a number.
    const longer = await run(importArticleText, editor, { title: `${title} extra`, text: "T." });
    expect(longer).toMatchObject({ ok: true, data: { slug: `${base}-extra` } });
  });

  it("turns a unique-key clash with a concurrent writer into a conflict asking to retry", async () => {
    const editor = await createActor(db(), "editor");
    const title = `Clash ${randomUUID().slice(0, 8)}`;
    // The other writer, simulated in the database itself: the slug is taken between our check
    // and our insert, so PostgreSQL raises unique_violation (23505) as it would for real.
    const fn = `cd_clash_${randomUUID().replace(/-/g, "")}`;
    await db().execute(
      sql.raw(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'duplicate key value violates unique constraint "articles_slug_key"' USING ERRCODE = 'unique_violation'; END; $$`,
      ),
    );
    await db().execute(
      sql.raw(
        `CREATE TRIGGER ${fn} BEFORE INSERT ON articles FOR EACH ROW WHEN (NEW.title = '${title}') EXECUTE FUNCTION ${fn}()`,
      ),
    );
    const before = await totals();
    try {
      const result = await run(importArticleText, editor, { title, text: "Some text." });
      expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
      if (!result.ok) expect(result.error.message).toMatch(/try again/);
    } finally {
      await db().execute(sql.raw(`DROP TRIGGER ${fn} ON articles`));
      await db().execute(sql.raw(`DROP FUNCTION ${fn}()`));
    }
    expect(await totals()).toEqual(before);
  });

  it("never fails two simultaneous imports of one title with an internal error", async () => {
    const editor = await createActor(db(), "editor");
    const title = `Race ${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      [1, 2, 3].map((i) => run(importArticleText, editor, { title, text: `Text ${i}.` })),
    );
    for (const r of results) {
      if (!r.ok) expect(r.error.code).toBe("conflict");
    }
    const slugs = results.flatMap((r) => (r.ok ? [r.data.slug] : []));
    expect(slugs.length).toBeGreaterThan(0);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});

describe("workflow transitions", () => {
  it("submits a draft, bumps the version and records one audit event with the note", async () => {
    const editor = await createActor(db(), "editor");
    const imported = await importArticle(db(), editor, STEM_CELL_TEXT, `Submit ${randomUUID()}`);
    const before = await article(imported.id);
    const result = await run(transitionArticle, editor, {
      articleId: imported.id,
      transition: "submit",
      version: before.version,
      note: " Ready for review. ",
    });
    expect(result).toEqual({
      ok: true,
      data: { state: "in_review", version: before.version + 1 },
    });
    expect(await article(imported.id)).toMatchObject({
      state: "in_review",
      version: before.version + 1,
    });
    const events = await eventsOf(imported.id);
    expect(events.map((e) => e.action)).toEqual(["article.import", "article.transition.submit"]);
    expect(events[1]).toMatchObject({
      actorId: editor.id,
      before: { state: "draft" },
      after: { state: "in_review", revisionId: imported.revisionId },
      note: "Ready for review.",
    });
  });

  it("refuses a reviewer and a transition the state does not allow, changing nothing", async () => {
    const { reviewer, approver, article: a } = await inReview();
    const before = await article(a.id);
    const forbidden = await transition(reviewer, a.id, "request_changes");
    expect(forbidden).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const wrong = await transition(approver, a.id, "publish");
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: "rule",
        message: 'An article that is in review cannot be sent through "publish".',
      },
    });
    expect(await article(a.id)).toMatchObject({ state: before.state, version: before.version });
    expect((await eventsOf(a.id)).length).toBe(2);
  });

  it("refuses a stale article version with a conflict naming the current state", async () => {
    const { author, approver, article: a } = await inReview();
    const seen = await article(a.id);
    const first = await run(transitionArticle, approver, {
      articleId: a.id,
      transition: "request_changes",
      version: seen.version,
    });
    expect(first).toMatchObject({ ok: true, data: { state: "changes_requested" } });
    // The author still has the page from before the decision.
    const crossing = await run(transitionArticle, author, {
      articleId: a.id,
      transition: "request_changes",
      version: seen.version,
    });
    expect(crossing).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: "Someone else changed this article's state. Reload to see it.",
        details: { state: "changes_requested", version: seen.version + 1 },
      },
    });
    expect(await article(a.id)).toMatchObject({
      state: "changes_requested",
      version: seen.version + 1,
    });
  });

  it("refuses an unknown article", async () => {
    const editor = await createActor(db(), "editor");
    const result = await run(transitionArticle, editor, {
      articleId: randomUUID(),
      transition: "submit",
      version: 1,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("approval gate", () => {
  it("refuses approval while a claim is open, naming the claim, and writes nothing", async () => {
    const { approver, reviewer, article: a } = await inReview();
    const claim = await claimQuote(db(), reviewer, a.revisionId);
    // Issue 10: untriaged suggestions block too (tests/integration/approval-gate.test.ts).
    await triageSuggestions(db(), reviewer, a.id);
    const before = await article(a.id);
    const eventsBefore = (await eventsOf(a.id)).length;

    const result = await transition(approver, a.id, "approve");
    expect(result).toEqual({
      ok: false,
      error: {
        code: "rule",
        message: "Approval is blocked: 1 claim needs a verdict.",
        details: {
          blockers: [
            {
              claimId: claim.id,
              number: claim.number,
              quote: QUOTE,
              reason: "unresolved",
              message: `Claim ${claim.number} needs a verdict.`,
            },
          ],
        },
      },
    });
    expect(await article(a.id)).toMatchObject({ state: "in_review", version: before.version });
    const [rev] = await db().select().from(revisions).where(eq(revisions.id, a.revisionId));
    expect(rev).toMatchObject({ approvedById: null, approvedAt: null });
    expect((await eventsOf(a.id)).length).toBe(eventsBefore);
  });

  it("lets an editor's note override a resolved Unsupported verdict", async () => {
    const { approver, reviewer, article: a } = await inReview();
    const claim = await claimQuote(db(), reviewer, a.revisionId);
    const resolved = await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict: "unsupported",
      severity: "high",
      rationale: "No trial shows this.",
      suggestedCorrection: "",
    });
    if (!resolved.ok) throw new Error(resolved.error.message);
    await triageSuggestions(db(), reviewer, a.id);

    const blocked = await transition(approver, a.id, "approve");
    expect(blocked).toMatchObject({
      ok: false,
      error: {
        code: "rule",
        details: { blockers: [{ claimId: claim.id, reason: "verdict_needs_note" }] },
      },
    });

    // A reviewer may not write the editor's note.
    const byReviewer = await run(setEditorNote, reviewer, {
      claimId: claim.id,
      version: resolved.data.version,
      editorNote: "Fine.",
    });
    expect(byReviewer).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const note = await run(setEditorNote, approver, {
      claimId: claim.id,
      version: resolved.data.version,
      editorNote: "Published with the reviewer's correction below.",
    });
    expect(note).toMatchObject({ ok: true });

    const approved = await transition(approver, a.id, "approve", "Checked.");
    expect(approved).toMatchObject({ ok: true, data: { state: "approved" } });
    const [rev] = await db().select().from(revisions).where(eq(revisions.id, a.revisionId));
    expect(rev?.approvedById).toBe(approver.id);
    expect(rev?.approvedAt).toBeInstanceOf(Date);

    const published = await transition(approver, a.id, "publish");
    expect(published).toMatchObject({ ok: true, data: { state: "published" } });
    expect((await eventsOf(a.id)).map((e) => e.action)).toEqual([
      "article.import",
      "article.transition.submit",
      "claim.create",
      "claim.update",
      "suggestion.dismiss",
      "claim.set_editor_note",
      "article.transition.approve",
      "article.transition.publish",
    ]);
  });

  it("does not let the revision's author approve it (four-eyes), even with no claims", async () => {
    const { author, approver, article: a } = await inReview();
    const own = await transition(author, a.id, "approve");
    expect(own).toEqual({
      ok: false,
      error: {
        code: "rule",
        message: "You wrote this revision: another editor must approve it (four-eyes rule).",
      },
    });
    expect(await article(a.id)).toMatchObject({ state: "in_review" });
    // An admin is not exempt from the rule either.
    const admin = await createActor(db(), "admin");
    const imported = await importArticle(db(), admin, "Admin text.", `Admin ${randomUUID()}`);
    await transition(admin, imported.id, "submit");
    expect(await transition(admin, imported.id, "approve")).toMatchObject({
      ok: false,
      error: { code: "rule" },
    });
    // Another editor may (once the suggestions are triaged).
    await triageSuggestions(db(), await createActor(db(), "reviewer"), a.id);
    expect(await transition(approver, a.id, "approve")).toMatchObject({
      ok: true,
      data: { state: "approved" },
    });
  });

  it("does not block on dismissed claims or on claims of other articles", async () => {
    const { approver, reviewer, article: a } = await inReview();
    const claim = await claimQuote(db(), reviewer, a.revisionId);
    await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "dismissed",
      verdict: null,
      severity: "low",
      rationale: "",
      suggestedCorrection: "",
    });
    const other = await inReview();
    await claimQuote(db(), other.reviewer, other.article.revisionId);
    await triageSuggestions(db(), reviewer, a.id);
    expect(await transition(approver, a.id, "approve")).toMatchObject({
      ok: true,
      data: { state: "approved" },
    });
    const [openElsewhere] = await db()
      .select({ n: count() })
      .from(claims)
      .where(and(eq(claims.articleId, other.article.id), eq(claims.status, "open")));
    expect(openElsewhere?.n).toBe(1);
  });
});

describe("transitions and their audit events", () => {
  it("writes exactly one audit event per transition, and none for a refused one", async () => {
    const { author, approver, reviewer, article: a } = await inReview();
    await triageSuggestions(db(), reviewer, a.id);
    const steps: [Actor, ArticleTransition, string?][] = [
      [approver, "request_changes"],
      [author, "submit"],
      [approver, "approve"],
      [approver, "publish"],
      [author, "retract", "Retracted in a test."],
    ];
    for (const [actor, name, note] of steps) {
      const before = (await eventsOf(a.id)).length;
      const result = await transition(actor, a.id, name, note);
      expect(result, name).toMatchObject({ ok: true });
      const events = await eventsOf(a.id);
      expect(events.length, name).toBe(before + 1);
      expect(events.at(-1)?.action).toBe(`article.transition.${name}`);
    }
    expect(await article(a.id)).toMatchObject({ state: "retracted" });
    const before = (await eventsOf(a.id)).length;
    expect(await transition(author, a.id, "publish")).toMatchObject({ ok: false });
    expect((await eventsOf(a.id)).length).toBe(before);
  });

  it("keeps no state change whose audit event the database refuses (one transaction)", async () => {
    const { approver, article: a } = await inReview();
    const before = await article(a.id);
    // A fault injected in the database itself: inserting this article's audit events fails.
    const { result, errorLogs: errors } = await withAuditEventsFailing(db(), a.id, () =>
      transition(approver, a.id, "request_changes"),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(errors).toHaveLength(1);
    expect(await article(a.id)).toMatchObject({ state: "in_review", version: before.version });
    // With the database healthy again, the same decision goes through.
    expect(await transition(approver, a.id, "request_changes")).toMatchObject({ ok: true });
  });
});
