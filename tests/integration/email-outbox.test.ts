/**
 * The e-mail outbox's delivery against a real SMTP server on loopback (tests/helpers/smtp.ts):
 * what arrives, how often, with which headers and links; retries, giving up, digests, threads,
 * unsubscribe links, two workers at once, and e-mail off. Notifications and their outbox rows
 * are seeded as the notification fan-out writes them.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditEvents, emailOutbox, notificationPreferences } from "../../db/schema";
import { nextDigestAt } from "../../lib/core/email/config";
import { verifyUnsubscribeToken } from "../../lib/core/email/unsubscribe-token";
import { ALL_JOBS } from "../../lib/entry/jobs";
import { executeAction } from "../../lib/server/action";
import { appSecret } from "../../lib/server/session-secret";
import { deliverOutbox, MAX_ATTEMPTS, retryDelayMs } from "../../lib/services/email/deliver";
import { emailOutboxJob } from "../../lib/services/email/outbox-job";
import { emailStatusNote } from "../../lib/services/email/settings";
import { readUnsubscribeToken, unsubscribeByToken } from "../../lib/services/email/unsubscribe";
import {
  newHolderId,
  runDueJobs,
  runJobOnce,
  schedulerPollMs,
} from "../../lib/services/jobs/runner";
import { databasePerFile, testEngine } from "../helpers/db";
import { seedEmail } from "../helpers/email-outbox";
import { claimQuote, createActor, importArticle } from "../helpers/fixtures";
import { type ReceivedMail, rawHeader, startTestSmtp, type TestSmtp } from "../helpers/smtp";

const file = databasePerFile();
let smtp: TestSmtp;
const BASE = "http://claimdesk.test";

beforeAll(async () => {
  // Its own port per engine: the two projects may run side by side.
  smtp = await startTestSmtp(testEngine() === "postgres" ? 2611 : 2610);
  process.env.SMTP_URL = smtp.url;
  process.env.EMAIL_FROM = "Claimdesk <desk@claimdesk.test>";
  process.env.NEXTAUTH_URL = BASE;
});
afterAll(async () => {
  await smtp.close();
});

/** A moment past the seeded rows' database defaults (their `now()`). */
const soon = (ms = 1000) => new Date(Date.now() + ms);

const runWorker = (now = soon()) =>
  runJobOnce(file.db, emailOutboxJob, newHolderId(), { now, force: true });

async function sentSummary(now?: Date) {
  const result = await runWorker(now);
  if (!result.ran || !result.ok) throw new Error(`worker did not run: ${JSON.stringify(result)}`);
  return result.summary;
}

async function outboxRow(db: Db, id: number) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

async function desk() {
  const editor = await createActor(file.db, "editor");
  const reviewer = await createActor(file.db, "reviewer");
  const article = await importArticle(file.db, editor);
  const claim = await claimQuote(file.db, reviewer, article.revisionId);
  return { editor, reviewer, article, claim };
}

const mailTo = (email: string) => smtp.received.filter((m) => m.to === email);
const header = (m: ReceivedMail, name: string) => {
  const value = m.parsed.headers.get(name);
  return typeof value === "string" ? value : JSON.stringify(value);
};

describe("the e-mail outbox", () => {
  it("sends an immediate e-mail once, threaded by article, with a link to the claim and unsubscribe headers", async () => {
    const { reviewer, article, claim } = await desk();
    const seeded = await seedEmail(file.db, {
      userId: reviewer.id,
      articleId: article.id,
      claimId: claim.id,
      summary: "Ada assigned you <claim 1> & more",
    });
    expect((await sentSummary()).sent).toBe(1);
    expect((await sentSummary()).sent).toBe(0);
    const mails = mailTo(reviewer.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0] as ReceivedMail;
    const row = await outboxRow(file.db, seeded.outboxId);
    expect(row).toMatchObject({ state: "sent", attempts: 1, lastError: null });
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.parsed.subject).toBe("[Claimdesk] Stem cells");
    const root = `<article-${article.id}@claimdesk.test>`;
    expect(mail.parsed.inReplyTo).toBe(root);
    expect(header(mail, "references")).toContain(root);
    const claimLink = `${BASE}/articles/${article.slug}?claim=${claim.id}`;
    expect(mail.parsed.text).toContain(claimLink);
    expect(mail.parsed.html).toContain(`href="${claimLink}"`);
    // Typed text is escaped in the HTML, never markup.
    expect(mail.parsed.html).toContain("Ada assigned you &lt;claim 1&gt; &amp; more");
    expect(mail.parsed.html).not.toContain("<claim 1>");
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(mail, "List-Unsubscribe")).toMatch(
      new RegExp(`^<${BASE}/api/unsubscribe\\?token=[^>]+>$`),
    );
    expect(mail.parsed.text).toMatch(new RegExp(`${BASE}/unsubscribe\\?token=`));
  });

  it("retries after the server refuses (451) with the same Message-ID, after the backoff", async () => {
    const { reviewer, article, claim } = await desk();
    const seeded = await seedEmail(file.db, {
      userId: reviewer.id,
      articleId: article.id,
      claimId: claim.id,
    });
    const start = smtp.attempts();
    smtp.policy = (n) => (n === start + 1 ? { code: 451, message: "Try again later" } : "accept");
    const t0 = soon();
    expect(await sentSummary(t0)).toMatchObject({ sent: 0, retrying: 1 });
    const waiting = await outboxRow(file.db, seeded.outboxId);
    expect(waiting).toMatchObject({ state: "pending", attempts: 1 });
    expect(waiting.lastError).toContain("451");
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + retryDelayMs(1));
    // Not before the backoff is over.
    expect((await sentSummary(new Date(t0.getTime() + 30_000))).sent).toBe(0);
    expect((await sentSummary(new Date(t0.getTime() + retryDelayMs(1) + 5_000))).sent).toBe(1);
    const sent = await outboxRow(file.db, seeded.outboxId);
    expect(sent).toMatchObject({ state: "sent", attempts: 2, messageId: waiting.messageId });
    expect(mailTo(reviewer.email).map((m) => m.messageId)).toEqual([waiting.messageId]);
    smtp.policy = () => "accept";
  });

  it("gives up after the last attempt, and at once on a permanent refusal", async () => {
    const { reviewer, editor, article } = await desk();
    const seeded = await seedEmail(file.db, { userId: reviewer.id, articleId: article.id });
    smtp.policy = () => ({ code: 451, message: "Greylisted" });
    let at = soon();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const summary = await sentSummary(at);
      expect(summary).toMatchObject(
        attempt < MAX_ATTEMPTS ? { retrying: 1, failed: 0 } : { retrying: 0, failed: 1 },
      );
      at = new Date(at.getTime() + retryDelayMs(attempt) + 5_000);
    }
    expect(await outboxRow(file.db, seeded.outboxId)).toMatchObject({
      state: "failed",
      attempts: MAX_ATTEMPTS,
    });
    expect((await sentSummary(new Date(at.getTime() + 86_400_000))).failed).toBe(0);

    smtp.policy = () => ({ code: 550, message: "No such mailbox" });
    const permanent = await seedEmail(file.db, { userId: editor.id, articleId: article.id });
    expect((await sentSummary(new Date(at.getTime() + 86_400_000))).failed).toBe(1);
    expect(await outboxRow(file.db, permanent.outboxId)).toMatchObject({
      state: "failed",
      attempts: 1,
    });
    expect(mailTo(reviewer.email)).toHaveLength(0);
    smtp.policy = () => "accept";
  });

  it("gathers a person's daily rows into one digest at the digest hour", async () => {
    const { reviewer, editor, article, claim } = await desk();
    const digestAt = nextDigestAt(new Date(), 7);
    const mine = [];
    for (const kind of ["assigned", "mentioned", "reply"] as const) {
      mine.push(
        await seedEmail(file.db, {
          userId: reviewer.id,
          kind,
          articleId: article.id,
          claimId: claim.id,
          summary: `A ${kind} notification`,
          cadence: "daily",
          deliverAfter: digestAt,
        }),
      );
    }
    await seedEmail(file.db, {
      userId: editor.id,
      articleId: article.id,
      cadence: "daily",
      deliverAfter: digestAt,
    });
    expect((await sentSummary()).sent).toBe(0);
    expect((await sentSummary(new Date(digestAt.getTime() + 1000))).sent).toBe(2);
    const [digest, ...more] = mailTo(reviewer.email);
    expect(more).toHaveLength(0);
    expect(digest?.parsed.subject).toBe("[Claimdesk] Your daily digest: 3 notifications");
    for (const kind of ["assigned", "mentioned", "reply"]) {
      expect(digest?.parsed.text).toContain(`A ${kind} notification`);
    }
    expect(digest?.parsed.text).toContain(`${BASE}/articles/${article.slug}?claim=${claim.id}`);
    const rows = await Promise.all(mine.map((m) => outboxRow(file.db, m.outboxId)));
    expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set([digest?.messageId]));
    expect(rows.every((r) => r.state === "sent")).toBe(true);
    expect(mailTo(editor.email)).toHaveLength(1);
  });

  it("keeps one thread per article: same root and subject for its e-mails, another for another article", async () => {
    const { reviewer, editor, article, claim } = await desk();
    const other = await importArticle(file.db, editor, undefined, "Vitamin D");
    await seedEmail(file.db, { userId: reviewer.id, articleId: article.id, claimId: claim.id });
    await seedEmail(file.db, { userId: reviewer.id, kind: "reply", articleId: article.id });
    await seedEmail(file.db, { userId: reviewer.id, articleId: other.id });
    expect((await sentSummary()).sent).toBe(3);
    const [a, b, c] = mailTo(reviewer.email);
    expect(a?.parsed.inReplyTo).toBe(`<article-${article.id}@claimdesk.test>`);
    expect(b?.parsed.inReplyTo).toBe(a?.parsed.inReplyTo);
    expect(b?.parsed.subject).toBe(a?.parsed.subject);
    expect(a?.messageId).not.toBe(b?.messageId);
    expect(c?.parsed.inReplyTo).toBe(`<article-${other.id}@claimdesk.test>`);
    expect(c?.parsed.subject).toBe("[Claimdesk] Vitamin D");
  });

  it("turns a kind's e-mail off from a valid unsubscribe token, audited; refuses tampered and expired ones", async () => {
    const { reviewer, article } = await desk();
    await seedEmail(file.db, { userId: reviewer.id, kind: "mentioned", articleId: article.id });
    await sentSummary();
    const mail = mailTo(reviewer.email)[0] as ReceivedMail;
    const oneClick = rawHeader(mail, "List-Unsubscribe")?.slice(1, -1);
    const token = new URL(oneClick ?? "").searchParams.get("token") ?? "";
    expect(verifyUnsubscribeToken(appSecret(), token, new Date())).toMatchObject({
      ok: true,
      userId: reviewer.id,
      kinds: ["mentioned"],
    });

    const tampered = token.replace(reviewer.id, (await createActor(file.db, "viewer")).id);
    const refused = await executeAction(
      unsubscribeByToken,
      { db: file.db, actor: null },
      { token: tampered },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(readUnsubscribeToken(token, new Date(Date.now() + 366 * 86_400_000))).toMatchObject({
      ok: false,
      message: expect.stringContaining("expired"),
    });

    const done = await executeAction(unsubscribeByToken, { db: file.db, actor: null }, { token });
    expect(done).toMatchObject({ ok: true, data: { kinds: ["mentioned"], changed: 1 } });
    const [pref] = await file.db
      .select()
      .from(notificationPreferences)
      .where(
        and(
          eq(notificationPreferences.userId, reviewer.id),
          eq(notificationPreferences.kind, "mentioned"),
        ),
      );
    expect(pref).toMatchObject({ email: false, inApp: true, cadence: "immediate" });
    const events = await file.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "notification.unsubscribe"),
          eq(auditEvents.entityId, reviewer.id),
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: reviewer.id,
      before: { email: { mentioned: true } },
      after: { email: { mentioned: false } },
    });
    // Again: nothing changes, nothing more is audited.
    expect(
      await executeAction(unsubscribeByToken, { db: file.db, actor: null }, { token }),
    ).toMatchObject({
      ok: true,
      data: { changed: 0 },
    });

    // A row already waiting for that kind is skipped, not sent; other kinds still go out.
    const waiting = await seedEmail(file.db, {
      userId: reviewer.id,
      kind: "mentioned",
      articleId: article.id,
    });
    await seedEmail(file.db, { userId: reviewer.id, kind: "assigned", articleId: article.id });
    expect(await sentSummary()).toMatchObject({ sent: 1, skipped: 1 });
    expect((await outboxRow(file.db, waiting.outboxId)).state).toBe("skipped");
    expect(mailTo(reviewer.email)).toHaveLength(2);
  });

  it("sends each e-mail once with two workers at once (the lease, and SKIP LOCKED without it)", async () => {
    const { reviewer, article } = await desk();
    for (let i = 0; i < 6; i++)
      await seedEmail(file.db, { userId: reviewer.id, articleId: article.id, summary: `n${i}` });
    const now = soon();
    const [a, b] = await Promise.all([
      runJobOnce(file.db, emailOutboxJob, newHolderId(), { now, force: true }),
      runJobOnce(file.db, emailOutboxJob, newHolderId(), { now, force: true }),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    for (let i = 0; i < 6; i++)
      await seedEmail(file.db, { userId: reviewer.id, articleId: article.id, summary: `m${i}` });
    // Without the lease: the rows' own claim keeps two deliveries apart.
    const options = {
      config: { smtpUrl: smtp.url, from: "Claimdesk <desk@claimdesk.test>", digestHourUtc: 7 },
      now: () => soon(),
      baseUrl: BASE,
      host: "claimdesk.test",
      secret: appSecret(),
      sendingMs: 300_000,
      heartbeat: async () => {},
    };
    const [x, y] = await Promise.all([
      deliverOutbox(file.db, options),
      deliverOutbox(file.db, options),
    ]);
    expect(x.sent + y.sent).toBe(6);
    const ids = mailTo(reviewer.email).map((m) => m.messageId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it("deletes finished rows after 30 days", async () => {
    const { reviewer } = await desk();
    const old = await seedEmail(file.db, { userId: reviewer.id });
    await sentSummary();
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect((await sentSummary(later)).deleted).toBeGreaterThanOrEqual(1);
    expect(
      await file.db.select().from(emailOutbox).where(eq(emailOutbox.id, old.outboxId)),
    ).toEqual([]);
  });

  it("sends nothing and is not scheduled without SMTP_URL, and says e-mail is off", async () => {
    const { reviewer } = await desk();
    await seedEmail(file.db, { userId: reviewer.id });
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      expect(emailOutboxJob.intervalMs()).toBeNull();
      // The scheduler goes back to its minute (the watch alone is on).
      expect(schedulerPollMs(ALL_JOBS)).toBe(60_000);
      expect(await runDueJobs(file.db, [emailOutboxJob], newHolderId(), soon())).toEqual({});
      expect(emailStatusNote()).toMatch(/^E-mail is off/);
    } finally {
      process.env.SMTP_URL = url;
    }
    expect(mailTo(reviewer.email)).toHaveLength(0);
    expect(schedulerPollMs(ALL_JOBS)).toBe(10_000);
    expect(emailStatusNote()).toMatch(/^E-mail is on: sent through 127\.0\.0\.1:26/);
  });
});
