/**
 * The e-mail outbox (db/schema.ts `email_outbox`), as the delivery worker uses it
 * (lib/services/email/deliver.ts). A row moves pending → sending → sent (or back to pending for
 * a retry, or to failed after the last attempt; skipped when it is no longer wanted). Claiming
 * takes due rows with `FOR UPDATE SKIP LOCKED`, fixes their Message-ID and marks them sending in
 * one transaction, so two workers never take one row; `next_attempt_at` of a sending row is the
 * moment a worker may decide its sender died and take it again.
 */
import "server-only";
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { EmailCadence, EmailState, NotificationKind } from "@/lib/core/desk-vocabulary";
import type { Db } from "../client";
import {
  articles,
  claims,
  emailOutbox,
  notificationPreferences,
  notifications,
  users,
} from "../schema";

/** At most this many rows in one digest e-mail (the rest go in the next one). */
export const MAX_DIGEST_ROWS = 100;

const DUE_STATES: EmailState[] = ["pending", "sending"];

export interface ClaimedEmail {
  ids: number[];
  userId: string;
  cadence: EmailCadence;
  messageId: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
}

/**
 * Takes the next due e-mail: the oldest due row and, for a daily digest, the person's other due
 * daily rows (a retried digest keeps the rows it had, by its Message-ID). Fixes the Message-ID
 * (`newMessageId(firstRowId, notificationId)`) if the rows have none yet, counts the attempt and
 * marks them sending until `sendingUntil`. Null when nothing is due.
 */
export async function claimNextEmail(
  db: Db,
  {
    now,
    sendingUntil,
    newMessageId,
  }: {
    now: Date;
    sendingUntil: Date;
    newMessageId: (row: { id: number; notificationId: number; cadence: EmailCadence }) => string;
  },
): Promise<ClaimedEmail | null> {
  return db.transaction(async (tx) => {
    const due = and(
      inArray(emailOutbox.state, DUE_STATES),
      lte(emailOutbox.nextAttemptAt, now),
      lte(emailOutbox.deliverAfter, now),
    );
    const [first] = await tx
      .select({
        id: emailOutbox.id,
        userId: emailOutbox.userId,
        notificationId: emailOutbox.notificationId,
        cadence: emailOutbox.cadence,
        messageId: emailOutbox.messageId,
        attempts: emailOutbox.attempts,
      })
      .from(emailOutbox)
      .where(due)
      .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!first) return null;
    let ids = [first.id];
    if (first.cadence === "daily") {
      const group = await tx
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(
          and(
            due,
            eq(emailOutbox.userId, first.userId),
            eq(emailOutbox.cadence, "daily"),
            first.messageId
              ? eq(emailOutbox.messageId, first.messageId)
              : isNull(emailOutbox.messageId),
          ),
        )
        .orderBy(asc(emailOutbox.id))
        .limit(MAX_DIGEST_ROWS)
        .for("update", { skipLocked: true });
      ids = [...new Set([first.id, ...group.map((g) => g.id)])];
    }
    const messageId = first.messageId ?? newMessageId(first);
    const attempt = first.attempts + 1;
    await tx
      .update(emailOutbox)
      .set({ state: "sending", messageId, attempts: attempt, nextAttemptAt: sendingUntil })
      .where(inArray(emailOutbox.id, ids));
    return { ids, userId: first.userId, cadence: first.cadence, messageId, attempt };
  });
}

export interface OutgoingRow {
  id: number;
  kind: NotificationKind;
  summary: string;
  createdAt: Date;
  articleId: string | null;
  articleTitle: string | null;
  articleSlug: string | null;
  claimId: string | null;
  claimNumber: number | null;
  /** The person's choice now: false once they turned e-mail for this kind off. */
  stillWanted: boolean;
}

export interface OutgoingEmail {
  recipient: { id: string; email: string; name: string; disabled: boolean };
  rows: OutgoingRow[];
}

/** What the claimed rows say, and to whom, in row order. */
export async function loadOutgoingEmail(
  db: Db,
  userId: string,
  ids: number[],
): Promise<OutgoingEmail | null> {
  const [recipient] = await db
    .select({ id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!recipient) return null;
  const rows = await db
    .select({
      id: emailOutbox.id,
      kind: notifications.kind,
      summary: notifications.summary,
      createdAt: notifications.createdAt,
      articleId: notifications.articleId,
      articleTitle: articles.title,
      articleSlug: articles.slug,
      claimId: notifications.claimId,
      claimNumber: claims.number,
      email: notificationPreferences.email,
    })
    .from(emailOutbox)
    .innerJoin(notifications, eq(notifications.id, emailOutbox.notificationId))
    .leftJoin(articles, eq(articles.id, notifications.articleId))
    .leftJoin(claims, eq(claims.id, notifications.claimId))
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, emailOutbox.userId),
        eq(notificationPreferences.kind, notifications.kind),
      ),
    )
    .where(inArray(emailOutbox.id, ids))
    .orderBy(asc(emailOutbox.id));
  return {
    recipient: {
      id: recipient.id,
      email: recipient.email,
      name: recipient.name,
      disabled: recipient.disabledAt !== null,
    },
    rows: rows.map(({ email, ...r }) => ({ ...r, stillWanted: email ?? true })),
  };
}

/** The rows went out: sent, for good. Only rows still sending under this Message-ID. */
export async function markEmailSent(
  db: Db,
  ids: number[],
  messageId: string,
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(emailOutbox)
    .set({ state: "sent", sentAt: now, lastError: null })
    .where(
      and(
        inArray(emailOutbox.id, ids),
        eq(emailOutbox.state, "sending"),
        eq(emailOutbox.messageId, messageId),
      ),
    )
    .returning({ id: emailOutbox.id });
  return rows.length;
}

/** The rows were not sent: back to pending for `retryAt`, or failed (null) for good. */
export async function markEmailNotSent(
  db: Db,
  ids: number[],
  { error, retryAt }: { error: string; retryAt: Date | null },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(emailOutbox)
    .set(
      retryAt
        ? { state: "pending", nextAttemptAt: retryAt, lastError: error }
        : { state: "failed", lastError: error },
    )
    .where(and(inArray(emailOutbox.id, ids), eq(emailOutbox.state, "sending")));
}

/** Rows nobody wants any more (e-mail turned off, account disabled): skipped, not sent. */
export async function markEmailSkipped(db: Db, ids: number[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(emailOutbox)
    .set({ state: "skipped", lastError: reason })
    .where(and(inArray(emailOutbox.id, ids), eq(emailOutbox.state, "sending")));
}

/** Deletes finished rows (sent, failed, skipped) written before `before`; how many. */
export async function deleteFinishedEmails(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(emailOutbox)
    .where(
      and(
        inArray(emailOutbox.state, ["sent", "failed", "skipped"]),
        lte(emailOutbox.createdAt, before),
      ),
    )
    .returning({ id: emailOutbox.id });
  return rows.length;
}

export interface OutboxStatus {
  counts: Record<EmailState, number>;
  /** When the next waiting row is due (null: none waits). */
  nextDueAt: Date | null;
  recentFailures: { id: number; attempts: number; lastError: string | null }[];
}

/** The outbox at a glance, for `claimdesk email` and the admin's settings page. */
export async function readOutboxStatus(db: Db): Promise<OutboxStatus> {
  const byState = await db
    .select({ state: emailOutbox.state, n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .groupBy(emailOutbox.state);
  const [next] = await db
    .select({
      at: sql<Date | null>`min(greatest(${emailOutbox.nextAttemptAt}, ${emailOutbox.deliverAfter}))`,
    })
    .from(emailOutbox)
    .where(inArray(emailOutbox.state, DUE_STATES));
  const failures = await db
    .select({
      id: emailOutbox.id,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.state, "failed"))
    .orderBy(sql`${emailOutbox.id} DESC`)
    .limit(5);
  const counts: Record<EmailState, number> = {
    pending: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
  };
  for (const row of byState) counts[row.state] = Number(row.n);
  const at = next?.at ?? null;
  return { counts, nextDueAt: at ? new Date(at) : null, recentFailures: failures };
}
