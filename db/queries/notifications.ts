import "server-only";
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { AuditEventInput, StoredAuditEvent } from "@/lib/core/audit/events";
import type { FollowReason, NotificationKind } from "@/lib/core/desk-vocabulary";
import { emailConfig, nextDigestAt } from "@/lib/core/email/config";
import type { LiveEvent } from "@/lib/core/live/events";
import {
  deliveries,
  FAN_OUT_ACTIONS,
  newlyMentioned,
  notificationSummary,
  recheckReason,
  sentBackForRecheck,
} from "@/lib/core/notifications/rules";
import type { Db } from "../client";
import {
  articles,
  auditEvents,
  claimFollowers,
  claims,
  emailOutbox,
  notificationPreferences,
  notifications,
  users,
} from "../schema";
import { publishLive } from "./live";

/**
 * The notification fan-out of one audit event, in its transaction (called by
 * `insertAuditEvent` right after the insert): who follows the claim now, and who is told
 * (lib/core/notifications/rules.ts decides; this file only reads and writes). An action that
 * notifies nobody returns before any query. A rolled-back action takes its notifications, its
 * e-mail outbox rows and its live messages with it.
 */
export async function fanOutNotifications(
  db: Db,
  input: AuditEventInput & { eventId: number },
): Promise<void> {
  if (!FAN_OUT_ACTIONS.has(input.action)) return;
  const event = {
    action: input.action,
    before: input.before ?? null,
    after: input.after ?? null,
  } as StoredAuditEvent;
  const actorId = input.actorId;
  const base = { eventId: input.eventId, actorId };
  switch (event.action) {
    case "claim.create":
      if (actorId) await followClaim(db, input.entityId, [actorId], "created");
      return;
    case "claim.assign": {
      const assignee = event.after?.assigneeId;
      if (!assignee) return;
      await followClaim(db, input.entityId, [assignee], "assigned");
      if (assignee === actorId) return;
      const facts = await claimFacts(db, input.entityId, actorId);
      if (facts) await notify(db, { ...base, ...facts, kind: "assigned", to: [assignee] });
      return;
    }
    case "comment.add":
    case "comment.edit": {
      const claimId = event.after?.claimId;
      if (!claimId) return;
      const mentioned = newlyMentioned(event);
      const adding = event.action === "comment.add";
      if (adding && actorId) await followClaim(db, claimId, [actorId], "commented");
      if (mentioned.length === 0 && !adding) return;
      const facts = await claimFacts(db, claimId, actorId);
      if (!facts) return;
      if (mentioned.length > 0) {
        await followClaim(db, claimId, mentioned, "mentioned");
        await notify(db, { ...base, ...facts, kind: "mentioned", to: mentioned });
      }
      if (!adding) return;
      const told = new Set(mentioned);
      const followers = await db
        .select({ userId: claimFollowers.userId })
        .from(claimFollowers)
        .where(and(eq(claimFollowers.claimId, claimId), eq(claimFollowers.muted, false)));
      const to = followers.map((f) => f.userId).filter((id) => !told.has(id));
      await notify(db, { ...base, ...facts, kind: "reply", to });
      return;
    }
    case "claim.reanchor":
    case "claim.reattach":
    case "claim.library_recheck":
    case "claim.reference_recheck": {
      if (!sentBackForRecheck(event)) return;
      const facts = await claimFacts(db, input.entityId, actorId);
      if (!facts) return;
      const owner = facts.assigneeId ?? facts.createdById;
      await notify(db, {
        ...base,
        ...facts,
        kind: "recheck",
        to: [owner],
        reason: recheckReason(event),
      });
      return;
    }
    case "article.transition.submit":
    case "article.review_due": {
      const facts = await articleFacts(db, input.entityId, actorId);
      if (!facts) return;
      const kind = event.action === "article.review_due" ? "review_due" : "approval_requested";
      const due = event.action === "article.review_due" ? event.after?.nextReviewDue : null;
      await notify(db, { ...base, ...facts, kind, to: await listEditors(db), due });
      return;
    }
    case "article.transition.request_changes":
    case "article.transition.approve": {
      const facts = await articleFacts(db, input.entityId, actorId);
      if (!facts) return;
      const kind =
        event.action === "article.transition.approve" ? "approval_given" : "approval_refused";
      await notify(db, {
        ...base,
        ...facts,
        kind,
        to: await listArticleWorkers(db, facts.articleId),
      });
      return;
    }
    default:
      return;
  }
}

/** Makes people follow a claim; one who already follows keeps their first reason. */
export async function followClaim(
  db: Db,
  claimId: string,
  userIds: readonly string[],
  reason: FollowReason,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insert(claimFollowers)
    .values([...new Set(userIds)].map((userId) => ({ claimId, userId, reason })))
    .onConflictDoNothing();
}

interface Facts {
  articleId: string;
  articleTitle: string;
  actorName: string | null;
  claimId: string | null;
  claimNumber: number | null;
}

/** A claim's number, owners and article, with the actor's name, in one query. */
async function claimFacts(db: Db, claimId: string, actorId: string | null) {
  const [row] = await db
    .select({
      claimId: claims.id,
      claimNumber: claims.number,
      assigneeId: claims.assigneeId,
      createdById: claims.createdById,
      articleId: articles.id,
      articleTitle: articles.title,
      actorName: actorId
        ? sql<string | null>`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${actorId})`
        : sql<null>`NULL`,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(eq(claims.id, claimId));
  return row ?? null;
}

/** An article's title, with the actor's name, in one query. */
async function articleFacts(
  db: Db,
  articleId: string,
  actorId: string | null,
): Promise<Facts | null> {
  const [row] = await db
    .select({
      articleId: articles.id,
      articleTitle: articles.title,
      actorName: actorId
        ? sql<string | null>`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${actorId})`
        : sql<null>`NULL`,
    })
    .from(articles)
    .where(eq(articles.id, articleId));
  return row ? { ...row, claimId: null, claimNumber: null } : null;
}

/** The active editors and admins (they approve, and keep the review dates). */
async function listEditors(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, ["editor", "admin"]), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/** Who worked on an article: who last submitted it, and the assignees of its claims. */
async function listArticleWorkers(db: Db, articleId: string): Promise<string[]> {
  const [submitter, assignees] = await Promise.all([
    db
      .select({ id: auditEvents.actorId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.articleId, articleId),
          eq(auditEvents.action, "article.transition.submit"),
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1),
    db
      .selectDistinct({ id: claims.assigneeId })
      .from(claims)
      .where(and(eq(claims.articleId, articleId), isNull(claims.deletedAt))),
  ]);
  return [...submitter, ...assignees].flatMap((r) => (r.id ? [r.id] : []));
}

/**
 * Writes one kind of notification of one event to the people `to` that `deliveries` keeps,
 * sends each out live, and puts the e-mailed ones in the outbox while SMTP is configured.
 */
async function notify(
  db: Db,
  n: Facts & {
    eventId: number;
    actorId: string | null;
    kind: NotificationKind;
    to: readonly string[];
    reason?: string | null;
    due?: string | null;
  },
): Promise<void> {
  const to = [...new Set(n.to)].filter((id) => id !== n.actorId);
  if (to.length === 0) return;
  const candidates = await db
    .select({
      id: users.id,
      disabledAt: users.disabledAt,
      inApp: notificationPreferences.inApp,
      email: notificationPreferences.email,
      cadence: notificationPreferences.cadence,
    })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, n.kind)),
    )
    .where(inArray(users.id, to));
  const email = emailConfig(process.env);
  const chosen = deliveries(
    candidates.map((c) => ({
      id: c.id,
      disabled: c.disabledAt !== null,
      preference:
        c.inApp === null || c.email === null || c.cadence === null
          ? null
          : { inApp: c.inApp, email: c.email, cadence: c.cadence },
    })),
    n.actorId,
    email !== null,
  );
  if (chosen.length === 0) return;
  const summary = notificationSummary(n.kind, n);
  const now = new Date();
  const rows = await db
    .insert(notifications)
    .values(
      chosen.map((d) => ({
        userId: d.userId,
        kind: n.kind,
        articleId: n.articleId,
        claimId: n.claimId,
        auditEventId: n.eventId,
        actorId: n.actorId,
        summary,
        readAt: d.read ? now : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  if (rows.length === 0) return;
  // One message per person, all in one statement (delivered at commit).
  await publishLive(
    db,
    ...rows.map(
      (r): LiveEvent => ({ type: "notification", userId: r.userId, notificationId: r.id }),
    ),
  );
  if (!email) return;
  const byUser = new Map(chosen.map((d) => [d.userId, d]));
  const mails = rows.flatMap((r) => {
    const cadence = byUser.get(r.userId)?.email;
    if (!cadence) return [];
    return [
      {
        userId: r.userId,
        notificationId: r.id,
        articleId: n.articleId,
        kind: n.kind,
        cadence,
        deliverAfter: cadence === "daily" ? nextDigestAt(now, email.digestHourUtc) : now,
      },
    ];
  });
  if (mails.length > 0) await db.insert(emailOutbox).values(mails).onConflictDoNothing();
}

/** The bell's figure: one person's unread notifications. */
export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** One person's notifications, newest first, with their articles' slugs and titles. */
export async function listNotificationsForUser(
  db: Db,
  userId: string,
  page: { before?: number; limit: number },
) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      summary: notifications.summary,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      claimId: notifications.claimId,
      articleId: notifications.articleId,
      articleSlug: articles.slug,
      articleTitle: articles.title,
    })
    .from(notifications)
    .leftJoin(articles, eq(articles.id, notifications.articleId))
    .where(
      and(
        eq(notifications.userId, userId),
        page.before === undefined ? undefined : lt(notifications.id, page.before),
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(page.limit);
}
export type NotificationListRow = Awaited<ReturnType<typeof listNotificationsForUser>>[number];

/**
 * Marks one person's notifications read: those of `ids` (all unread when null). Only their own:
 * the user id is in the condition, so another's id changes nothing. The number marked.
 */
export async function markNotificationsRead(
  db: Db,
  userId: string,
  ids: readonly number[] | null,
): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === null ? undefined : inArray(notifications.id, [...ids]),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** One person's stored preferences (kinds without a row use the default). */
export async function listNotificationPreferences(db: Db, userId: string) {
  return db
    .select({
      kind: notificationPreferences.kind,
      inApp: notificationPreferences.inApp,
      email: notificationPreferences.email,
      cadence: notificationPreferences.cadence,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
}

/** Stores one person's choice for some kinds (insert or replace). */
export async function upsertNotificationPreferences(
  db: Db,
  userId: string,
  rows: readonly {
    kind: NotificationKind;
    inApp: boolean;
    email: boolean;
    cadence: "immediate" | "daily";
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(rows.map((r) => ({ ...r, userId })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: {
        inApp: sql`excluded.in_app`,
        email: sql`excluded.email`,
        cadence: sql`excluded.cadence`,
        updatedAt: sql`now()`,
      },
    });
}

/**
 * Articles whose medical review date has come (`today` or before, not retracted) and that no
 * `article.review_due` event has been written for at that date yet: the review-due job's work.
 */
export async function listArticlesNewlyDue(db: Db, today: string, limit: number) {
  return db
    .select({ id: articles.id, nextReviewDue: articles.nextReviewDue })
    .from(articles)
    .where(
      and(
        sql`${articles.nextReviewDue} <= ${today}`,
        sql`${articles.state} <> 'retracted'`,
        sql`NOT EXISTS (SELECT 1 FROM ${auditEvents} WHERE ${auditEvents.articleId} = ${articles.id}
          AND ${auditEvents.action} = 'article.review_due'
          AND ${auditEvents.after}->>'nextReviewDue' = ${articles.nextReviewDue}::text)`,
      ),
    )
    .orderBy(articles.nextReviewDue)
    .limit(limit);
}
