import "server-only";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { PresenceMode } from "@/lib/core/desk-vocabulary";
import type { Db } from "../client";
import { auditEvents, claims, presence, users } from "../schema";

/**
 * Who has an article's review page open, one row per live connection (lib/server/live). Rows
 * are kept fresh by the connection's heartbeat and count as gone once not seen for
 * `PRESENCE_TTL_SECONDS`, judged by the database's clock so that instances agree. Not audited:
 * presence changes nothing anyone made.
 */
export const PRESENCE_TTL_SECONDS = 60;

const fresh = sql`${presence.seenAt} > now() - make_interval(secs => ${PRESENCE_TTL_SECONDS})`;

/** A connection opened on an article: viewing it, no claim open yet. */
export async function insertPresence(
  db: Db,
  row: { connectionId: string; userId: string; articleId: string },
): Promise<void> {
  await db
    .insert(presence)
    .values({ ...row, claimId: null, mode: "viewing" })
    .onConflictDoUpdate({ target: presence.connectionId, set: { seenAt: sql`now()` } });
}

/** The heartbeat: the connection is still there. False when its row was cleaned meanwhile. */
export async function touchPresence(db: Db, connectionId: string): Promise<boolean> {
  const rows = await db
    .update(presence)
    .set({ seenAt: sql`now()` })
    .where(eq(presence.connectionId, connectionId))
    .returning({ id: presence.connectionId });
  return rows.length > 0;
}

/**
 * Which claim the connection's person has open and whether they are typing in it. Only the
 * connection's own user may say so; the claim must be the article's. Returns the article's id
 * when a row changed, else null.
 */
export async function updatePresenceFocus(
  db: Db,
  focus: { connectionId: string; userId: string; claimId: string | null; mode: PresenceMode },
): Promise<string | null> {
  const [row] = await db
    .update(presence)
    .set({
      claimId: focus.claimId,
      mode: focus.claimId ? focus.mode : "viewing",
      seenAt: sql`now()`,
    })
    .where(
      and(
        eq(presence.connectionId, focus.connectionId),
        eq(presence.userId, focus.userId),
        focus.claimId
          ? sql`exists (select 1 from ${claims} where ${claims.id} = ${focus.claimId} and ${claims.articleId} = ${presence.articleId})`
          : undefined,
      ),
    )
    .returning({ articleId: presence.articleId });
  return row?.articleId ?? null;
}

/** The connection closed. Returns the article's id when there was a row. */
export async function deletePresence(db: Db, connectionId: string): Promise<string | null> {
  const [row] = await db
    .delete(presence)
    .where(eq(presence.connectionId, connectionId))
    .returning({ articleId: presence.articleId });
  return row?.articleId ?? null;
}

/** Removes the rows not seen for the TTL (a crashed instance's); the articles they were on. */
export async function deleteStalePresence(db: Db): Promise<string[]> {
  const rows = await db
    .delete(presence)
    .where(lte(presence.seenAt, sql`now() - make_interval(secs => ${PRESENCE_TTL_SECONDS})`))
    .returning({ articleId: presence.articleId });
  return [...new Set(rows.map((r) => r.articleId))];
}

export interface PresentPerson {
  userId: string;
  name: string;
  claimId: string | null;
  claimNumber: number | null;
  mode: PresenceMode;
}

/**
 * Everyone on the article's page now, one entry per person (several tabs count once: the one
 * editing, else the latest seen), by name.
 */
export async function listPresence(db: Db, articleId: string): Promise<PresentPerson[]> {
  const rows = await db
    .select({
      userId: presence.userId,
      name: users.name,
      claimId: presence.claimId,
      claimNumber: claims.number,
      mode: presence.mode,
    })
    .from(presence)
    .innerJoin(users, eq(users.id, presence.userId))
    .leftJoin(claims, and(eq(claims.id, presence.claimId), eq(claims.articleId, articleId)))
    .where(and(eq(presence.articleId, articleId), fresh))
    .orderBy(asc(users.name), sql`${presence.mode} = 'editing' desc`, sql`${presence.seenAt} desc`);
  const byUser = new Map<string, PresentPerson>();
  for (const r of rows) {
    if (byUser.has(r.userId)) continue;
    byUser.set(r.userId, { ...r, claimId: r.claimNumber === null ? null : r.claimId });
  }
  return [...byUser.values()];
}

/** The newest audit event of the article after `afterId`, for a reconnecting browser. */
export async function latestArticleEventAfter(
  db: Db,
  articleId: string,
  afterId: number,
): Promise<number | null> {
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.articleId, articleId), gt(auditEvents.id, afterId)))
    .orderBy(sql`${auditEvents.id} desc`)
    .limit(1);
  return row?.id ?? null;
}
