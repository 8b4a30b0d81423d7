/**
 * Mentions and notifications (docs/architecture.md, "Notifications and mentions"): the fan-out
 * that runs in each audit event's transaction, read back from the tables it writes, through
 * the real actions. One database for the file: each test makes its own people and article.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { articles, claimFollowers, comments, emailOutbox, notifications } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { formatMention } from "../../lib/core/comments/mentions";
import { textToDoc } from "../../lib/core/document/from-text";
import { nextDigestAt } from "../../lib/core/email/config";
import { executeAction } from "../../lib/server/action";
import { getReviewData } from "../../lib/services/articles/read";
import { transitionArticle } from "../../lib/services/articles/service";
import { assignClaim } from "../../lib/services/claims/assign";
import { updateClaim } from "../../lib/services/claims/service";
import { addComment, editComment } from "../../lib/services/comments/service";
import {
  listMembersForPicker,
  loadNotificationPreferences,
  loadNotifications,
  loadUnreadCount,
} from "../../lib/services/notifications/read";
import { reviewDueJob } from "../../lib/services/notifications/review-due-job";
import {
  markNotificationsReadDef,
  saveNotificationPreferences,
} from "../../lib/services/notifications/service";
import { saveRevision } from "../../lib/services/revisions/service";
import { disableUser } from "../../lib/services/users/service";
import { databasePerFile } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  STEM_CELL_QUOTE,
  STEM_CELL_TEXT,
} from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

const savedSmtp = process.env.SMTP_URL;
afterEach(() => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
});

const tag = () => randomUUID().slice(0, 6);

/** A desk of its own: an editor, two reviewers, an admin, an article and a claim by Ana. */
async function desk(title = `Stem cell therapy ${tag()}`) {
  const t = tag();
  const editor = await createActor(db(), "editor", `Eli Editor ${t}`);
  const ana = await createActor(db(), "reviewer", `Ana Reviewer ${t}`);
  const rob = await createActor(db(), "reviewer", `Rob Reviewer ${t}`);
  const admin = await createActor(db(), "admin", `Ada Admin ${t}`);
  const article = await importArticle(db(), editor, STEM_CELL_TEXT, title);
  const claim = await claimQuote(db(), ana, article.revisionId);
  return { editor, ana, rob, admin, article, claim, title };
}

const notesOf = (who: Actor) =>
  db()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, who.id))
    .orderBy(notifications.id);

const followersOf = async (claimId: string) =>
  Object.fromEntries(
    (await db().select().from(claimFollowers).where(eq(claimFollowers.claimId, claimId))).map(
      (f) => [f.userId, f.reason],
    ),
  );

describe("mentions", () => {
  it("stores the picked person's mention, tells them once, and shows their current name", async () => {
    const { editor, ana, article, claim, title } = await desk();
    const saved = await ok(
      run(addComment, ana, {
        claimId: claim.id,
        body: `@${editor.name} can you check the dose?`,
        mentions: [editor.id],
      }),
    );
    const [row] = await db().select().from(comments).where(eq(comments.id, saved.id));
    expect(row).toMatchObject({
      body: `${formatMention(editor)} can you check the dose?`,
      mentions: [editor.id],
    });
    const [note] = await notesOf(editor);
    expect(note).toMatchObject({
      kind: "mentioned",
      claimId: claim.id,
      actorId: ana.id,
      readAt: null,
      summary: `${ana.name} mentioned you on claim ${claim.number} of “${title}”`,
    });
    expect(await notesOf(ana)).toEqual([]);
    expect(await followersOf(claim.id)).toEqual({
      [ana.id]: "created",
      [editor.id]: "mentioned",
    });

    // The page shows the current name, and the edit box the plain `@Name` with its id.
    await db().execute(sql`UPDATE users SET name = 'Eli Renamed' WHERE id = ${editor.id}`);
    const data = await getReviewData(db(), ana, (await articleSlug(article.id)) ?? "");
    const shown = data.claims.find((c) => c.id === claim.id)?.comments[0];
    expect(shown?.bodyHtml).toContain(
      `<span class="mention" data-user-id="${editor.id}">@Eli Renamed</span>`,
    );
    expect(shown).toMatchObject({
      body: `@${editor.name} can you check the dose?`,
      mentions: [editor.id],
    });
  });

  it("an edit keeps the mentions and tells only the newly mentioned", async () => {
    const { editor, ana, rob, claim } = await desk();
    const saved = await ok(
      run(addComment, ana, {
        claimId: claim.id,
        body: `@${editor.name} look`,
        mentions: [editor.id],
      }),
    );
    await ok(
      run(editComment, ana, {
        commentId: saved.id,
        body: `@${editor.name} look, and @${rob.name} too`,
        mentions: [editor.id, rob.id],
      }),
    );
    expect((await notesOf(editor)).map((n) => n.kind)).toEqual(["mentioned"]);
    expect((await notesOf(rob)).map((n) => n.kind)).toEqual(["mentioned"]);
    const [row] = await db().select().from(comments).where(eq(comments.id, saved.id));
    expect(row?.mentions.sort()).toEqual([editor.id, rob.id].sort());
  });

  it("refuses a mention of someone unknown or disabled, writing nothing", async () => {
    const { ana, admin, rob, claim } = await desk();
    await ok(run(disableUser, admin, { userId: rob.id }));
    const before = (await db().select().from(comments)).length;
    for (const id of [rob.id, randomUUID()]) {
      const refused = await run(addComment, ana, {
        claimId: claim.id,
        body: "@Someone hi",
        mentions: [id],
      });
      expect(refused).toMatchObject({ ok: false, error: { code: "validation" } });
    }
    expect((await db().select().from(comments)).length).toBe(before);
    // The picker offers active members only, matched by a word of their name.
    const found = await listMembersForPicker(db(), ana, ana.name);
    expect(found.map((m) => m.id)).toEqual([ana.id]);
    expect(
      (await listMembersForPicker(db(), ana, "Rob Reviewer")).some((m) => m.id === rob.id),
    ).toBe(false);
  });
});

async function articleSlug(articleId: string) {
  const [a] = await db()
    .select({ slug: articles.slug })
    .from(articles)
    .where(eq(articles.id, articleId));
  return a?.slug;
}

describe("replies, assignments and re-checks", () => {
  it("tells the followers of a claim about a reply, the mentioned once, never the writer", async () => {
    const { editor, ana, rob, claim } = await desk();
    await ok(run(addComment, rob, { claimId: claim.id, body: "First look." }));
    expect((await notesOf(ana)).map((n) => n.kind)).toEqual(["reply"]);
    expect(await notesOf(rob)).toEqual([]);
    // Ana replies mentioning Rob: Rob (a follower) is told once, as mentioned.
    await ok(
      run(addComment, ana, { claimId: claim.id, body: `@${rob.name} thanks`, mentions: [rob.id] }),
    );
    expect((await notesOf(rob)).map((n) => n.kind)).toEqual(["mentioned"]);
    expect((await notesOf(ana)).map((n) => n.kind)).toEqual(["reply"]);
    // A muted follower hears no more replies.
    await db()
      .update(claimFollowers)
      .set({ muted: true })
      .where(and(eq(claimFollowers.claimId, claim.id), eq(claimFollowers.userId, ana.id)));
    await ok(run(addComment, rob, { claimId: claim.id, body: "Again." }));
    expect((await notesOf(ana)).map((n) => n.kind)).toEqual(["reply"]);
    expect(await notesOf(editor)).toEqual([]);
  });

  it("tells the new assignee, not someone who assigns themselves, and both follow", async () => {
    const { editor, ana, claim, title } = await desk();
    await ok(run(assignClaim, editor, { claimId: claim.id, assigneeId: ana.id }));
    expect(await notesOf(ana)).toMatchObject([
      {
        kind: "assigned",
        summary: `${editor.name} assigned you claim ${claim.number} of “${title}”`,
      },
    ]);
    await ok(run(assignClaim, editor, { claimId: claim.id, assigneeId: editor.id }));
    expect(await notesOf(editor)).toEqual([]);
    expect(await followersOf(claim.id)).toMatchObject({
      [editor.id]: "assigned",
      [ana.id]: "created",
    });
  });

  it("tells the claim's owner when a new revision sends it back for a re-check", async () => {
    const { editor, ana, article } = await desk();
    // A resolved claim of its own (the desk's claim stays open).
    const resolved = await resolvedInaccurateClaim(db(), ana, article.revisionId);
    const edited = STEM_CELL_TEXT.replace(STEM_CELL_QUOTE, "no toxicity and no rejection reaction");
    await ok(
      run(saveRevision, editor, {
        articleId: article.id,
        baseRevisionId: article.revisionId,
        summary: "Edited",
        doc: textToDoc(edited),
      }),
    );
    const notes = (await notesOf(ana)).filter((n) => n.kind === "recheck");
    expect(notes.map((n) => n.claimId)).toContain(resolved.id);
    expect(notes.find((n) => n.claimId === resolved.id)?.summary).toMatch(
      /^Claim \d+ of “.*” needs a re-check: its quote changed in revision 2$/,
    );
  });

  it("a claim update tells nobody, and a rolled-back action leaves no notification", async () => {
    const { ana, rob, claim } = await desk();
    await ok(
      run(updateClaim, rob, {
        claimId: claim.id,
        version: claim.version,
        status: "in_review",
        verdict: null,
        severity: "medium",
        rationale: "",
        suggestedCorrection: "",
      }),
    );
    expect(await notesOf(ana)).toEqual([]);
    await expect(
      db().transaction(async (tx) => {
        await ok(
          executeAction(addComment, { db: tx, actor: rob }, { claimId: claim.id, body: "Gone." }),
        );
        expect(
          (await tx.select().from(notifications).where(eq(notifications.userId, ana.id))).length,
        ).toBe(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await notesOf(ana)).toEqual([]);
  });
});

describe("approval and reviews due", () => {
  it("asks the editors and admins to approve, and tells the workers of the outcome", async () => {
    const { editor, ana, admin, article, claim, title } = await desk();
    const other = await createActor(db(), "editor", `Mona Approver ${tag()}`);
    await ok(run(assignClaim, editor, { claimId: claim.id, assigneeId: ana.id }));
    const version = async () =>
      (await db().select().from(articles).where(eq(articles.id, article.id)))[0]?.version ?? 0;
    await ok(
      run(transitionArticle, editor, {
        articleId: article.id,
        transition: "submit",
        version: await version(),
      }),
    );
    for (const who of [other, admin]) {
      expect((await notesOf(who)).filter((n) => n.articleId === article.id)).toMatchObject([
        { kind: "approval_requested", summary: `${editor.name} submitted “${title}” for approval` },
      ]);
    }
    expect((await notesOf(editor)).filter((n) => n.kind === "approval_requested")).toEqual([]);
    await ok(
      run(transitionArticle, other, {
        articleId: article.id,
        transition: "request_changes",
        version: await version(),
      }),
    );
    for (const who of [editor, ana]) {
      expect((await notesOf(who)).filter((n) => n.kind === "approval_refused")).toMatchObject([
        { summary: `${other.name} requested changes on “${title}”` },
      ]);
    }
    expect((await notesOf(other)).filter((n) => n.kind === "approval_refused")).toEqual([]);
  });

  it("tells the editors once per due date when an article's review comes due", async () => {
    const { editor, article, title } = await desk();
    await db()
      .update(articles)
      .set({ nextReviewDue: "2026-01-15" })
      .where(eq(articles.id, article.id));
    const ctx = {
      db: db(),
      actorId: null,
      now: new Date("2026-02-01T08:00:00Z"),
      heartbeat: async () => {},
    };
    const first = await reviewDueJob.run(ctx);
    expect(first.due).toBeGreaterThanOrEqual(1);
    await reviewDueJob.run(ctx);
    const due = (await notesOf(editor)).filter(
      (n) => n.kind === "review_due" && n.articleId === article.id,
    );
    expect(due).toMatchObject([
      { summary: `“${title}” is due for its medical review (due 2026-01-15)`, actorId: null },
    ]);
  });
});

describe("preferences, e-mail and read receipts", () => {
  it("follows each person's preferences, and puts e-mail in the outbox only while SMTP is set", async () => {
    const { editor, ana, rob, article, claim } = await desk();
    const mention = (who: Actor) =>
      ok(run(addComment, ana, { claimId: claim.id, body: `@${who.name} hi`, mentions: [who.id] }));

    // No SMTP: in-app only, no outbox row.
    delete process.env.SMTP_URL;
    await mention(editor);
    const [plain] = await notesOf(editor);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.userId, editor.id))).toEqual(
      [],
    );

    // Rob: no mentions in the app, e-mailed in the daily digest.
    await ok(
      run(saveNotificationPreferences, rob, {
        preferences: { mentioned: { inApp: false, email: true, cadence: "daily" } },
      }),
    );
    expect((await loadNotificationPreferences(db(), rob)).preferences.mentioned).toEqual({
      inApp: false,
      email: true,
      cadence: "daily",
    });
    // Without SMTP an e-mail-only choice writes nothing.
    await mention(rob);
    expect(await notesOf(rob)).toEqual([]);

    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    const before = new Date();
    await mention(rob);
    await mention(editor);
    // Rob follows the claim since his first mention, so Ana's mention of Eli is a reply to him.
    const robNotes = await notesOf(rob);
    expect(robNotes.map((n) => n.kind)).toEqual(["mentioned", "reply"]);
    const robNote = robNotes[0];
    expect(robNote?.readAt).not.toBeNull();
    expect(robNotes[1]?.readAt).toBeNull();
    expect(await loadUnreadCount(db(), rob)).toBe(1);
    const mails = await db()
      .select()
      .from(emailOutbox)
      .where(inArray(emailOutbox.userId, [rob.id, editor.id]));
    // Since SMTP: Rob's mention and reply, Eli's reply and mention, each its e-mail.
    expect(mails.map((m) => `${m.userId === rob.id ? "rob" : "eli"} ${m.kind}`).sort()).toEqual([
      "eli mentioned",
      "eli reply",
      "rob mentioned",
      "rob reply",
    ]);
    const robMail = mails.find((m) => m.notificationId === robNote?.id);
    expect(robMail).toMatchObject({
      kind: "mentioned",
      cadence: "daily",
      notificationId: robNote?.id,
      articleId: article.id,
    });
    expect(robMail?.deliverAfter.getTime()).toBe(
      nextDigestAt(robMail?.createdAt ?? before, 7).getTime(),
    );
    const editorMail = mails.find((m) => m.userId === editor.id && m.kind === "mentioned");
    expect(editorMail).toMatchObject({ cadence: "immediate", state: "pending" });
    expect(editorMail?.notificationId).not.toBe(plain?.id);

    // Both off: nothing at all.
    await ok(
      run(saveNotificationPreferences, rob, {
        preferences: { mentioned: { inApp: false, email: false, cadence: "daily" } },
      }),
    );
    await mention(rob);
    expect((await notesOf(rob)).filter((n) => n.kind === "mentioned")).toHaveLength(1);
  });

  it("saving preferences is audited when it changes something; bad input is refused", async () => {
    const { rob } = await desk();
    const same = await ok(
      run(saveNotificationPreferences, rob, {
        preferences: { reply: { inApp: true, email: true, cadence: "immediate" } },
      }),
    );
    expect(same).toEqual({ changed: 0 });
    const refused = await run(saveNotificationPreferences, rob, {
      preferences: { nonsense: { inApp: true, email: true, cadence: "hourly" } },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "validation" } });
  });

  it("marks read only one's own notifications, one or all, and lists them by article", async () => {
    const { editor, ana, rob, claim } = await desk();
    await ok(run(addComment, rob, { claimId: claim.id, body: "One." }));
    await ok(
      run(addComment, rob, {
        claimId: claim.id,
        body: `@${editor.name} two`,
        mentions: [editor.id],
      }),
    );
    const [first, second] = await notesOf(ana);
    const [editorNote] = await notesOf(editor);
    expect(await loadUnreadCount(db(), ana)).toBe(2);
    // Someone else's id changes nothing.
    expect(await ok(run(markNotificationsReadDef, ana, { ids: [editorNote?.id ?? 0] }))).toEqual({
      marked: 0,
    });
    expect(await loadUnreadCount(db(), editor)).toBe(1);
    expect(await ok(run(markNotificationsReadDef, ana, { ids: [first?.id ?? 0] }))).toEqual({
      marked: 1,
    });
    const page = await loadNotifications(db(), ana);
    expect(page.unread).toBe(1);
    expect(page.groups).toHaveLength(1);
    expect(page.groups[0]?.items.map((i) => [i.id, i.unread])).toEqual([
      [second?.id, true],
      [first?.id, false],
    ]);
    expect(page.groups[0]?.items[0]?.href).toMatch(
      new RegExp(`^/articles/[^?]+\\?claim=${claim.id}$`),
    );
    expect(await ok(run(markNotificationsReadDef, ana, { ids: null }))).toEqual({ marked: 1 });
    expect(await loadUnreadCount(db(), ana)).toBe(0);
  });
});
