import "server-only";
import { and, desc, eq, inArray, like, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { articles, auditEvents, claims, users } from "../schema";

/**
 * Stamps the user's visit to the Activity page and returns the stamp it replaced, in one
 * statement: the old value is read from the statement's snapshot and the new one written under
 * the row lock. Two tabs loading at once both succeed (the second waits for the first's row
 * lock) and `greatest` keeps the stamp from moving back when the later one commits first.
 */
export async function markActivitySeen(db: Db, userId: string): Promise<Date | null> {
  const previous = db
    .select({ id: users.id, seenAt: users.activitySeenAt })
    .from(users)
    .where(eq(users.id, userId))
    .as("previous");
  const [row] = await db
    .update(users)
    .set({ activitySeenAt: sql`greatest(${users.activitySeenAt}, now())` })
    .from(previous)
    .where(eq(users.id, previous.id))
    .returning({ previous: previous.seenAt });
  return row?.previous ?? null;
}

/** The stamp of the user's last Activity visit, without moving it (older pages). */
export async function findActivitySeenAt(db: Db, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ seenAt: users.activitySeenAt })
    .from(users)
    .where(eq(users.id, userId));
  return row?.seenAt ?? null;
}

/** Claim events that matter to the claim's creator and assignee. */
const CLAIM_ACTIONS = [
  "claim.update",
  "claim.set_editor_note",
  "claim.reanchor",
  "claim.reattach",
  "claim.delete",
  "claim.restore",
  "claim.library_recheck",
  "comment.add",
];

/**
 * The audit events another person caused that concern `userId`, newest first: claims assigned
 * to them; updates, re-anchoring and comments on claims they created or are assigned; new
 * revisions and workflow transitions of articles where they have such a claim. Keyset paging
 * on the id (`before`), which the append-only log keeps stable.
 *
 * The user's articles are read first and passed as a list: with a subquery instead, PostgreSQL
 * walks the whole log backwards by id hoping to fill the page early, which takes seconds for a
 * user with little activity in a large log; with the list it reads only those articles' events
 * (`audit_events_article_idx`) and sorts them.
 */
export async function listActivityForUser(
  db: Db,
  userId: string,
  page: { before?: number; limit: number },
) {
  const mine = await db
    .selectDistinct({ id: claims.articleId })
    .from(claims)
    .where(or(eq(claims.createdById, userId), eq(claims.assigneeId, userId)));
  if (mine.length === 0) return [];
  // Claim events name the claim as their entity; comment events name it in `after`.
  const claimOfEvent = sql`(CASE ${auditEvents.entityType} WHEN 'claim' THEN ${auditEvents.entityId} WHEN 'comment' THEN ${auditEvents.after}->>'claimId' END)::uuid`;
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      note: auditEvents.note,
      actorName: users.name,
      articleSlug: articles.slug,
      articleTitle: articles.title,
      // A deleted claim's events still concern its people, but there is no claim to link to.
      claimId: sql<string | null>`CASE WHEN ${claims.deletedAt} IS NULL THEN ${claims.id} END`,
      claimNumber: claims.number,
    })
    .from(auditEvents)
    .innerJoin(articles, eq(articles.id, auditEvents.articleId))
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(claims, sql`${claims.id} = ${claimOfEvent}`)
    .where(
      and(
        inArray(
          auditEvents.articleId,
          mine.map((a) => a.id),
        ),
        sql`${auditEvents.actorId} IS DISTINCT FROM ${userId}`,
        or(
          and(
            eq(auditEvents.action, "claim.assign"),
            sql`${auditEvents.after}->>'assigneeId' = ${userId}`,
          ),
          and(
            inArray(auditEvents.action, CLAIM_ACTIONS),
            or(eq(claims.createdById, userId), eq(claims.assigneeId, userId)),
          ),
          inArray(auditEvents.action, ["revision.create", "revision.import"]),
          like(auditEvents.action, "article.transition.%"),
        ),
        page.before === undefined ? undefined : lt(auditEvents.id, page.before),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(page.limit);
}
