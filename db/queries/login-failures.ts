import "server-only";
import { and, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { loginFailures } from "../schema";

/** Any constant: the class half of the two-part advisory lock key, so keys of other locks never clash. */
const LOGIN_LOCK_CLASS = 72_503_017;

/**
 * Serialises attempts on the same keys across connections and instances until the transaction
 * ends, so that "count, then record" cannot be raced. Locked in sorted order (no deadlock between
 * two attempts sharing one key); a hash collision only makes two keys wait for each other.
 */
export async function lockLoginKeys(db: Db, keys: string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await db.execute(sql`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}, hashtext(${key}))`);
  }
}

/**
 * The times of the `limit` most recent failures of `key` after `since`, newest first: the
 * throttle needs the count up to its maximum and the time of the maximum-th.
 */
export async function recentLoginFailures(
  db: Db,
  key: string,
  since: Date,
  limit: number,
): Promise<Date[]> {
  const rows = await db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at))
    .limit(limit);
  return rows.map((r) => r.at);
}

/** One failure per key at `at`; returns the new rows' ids by key. */
export async function insertLoginFailures(
  db: Db,
  keys: string[],
  at: Date,
): Promise<Map<string, number>> {
  const rows = await db
    .insert(loginFailures)
    .values(keys.map((key) => ({ key, at })))
    .returning({ id: loginFailures.id, key: loginFailures.key });
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function deleteLoginFailuresOfKey(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

export async function deleteLoginFailuresById(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/**
 * Deletes up to `limit` rows that left the window (at or before `before`), skipping rows another
 * transaction holds, so pruning never waits or deadlocks; each attempt prunes a little.
 */
export async function pruneLoginFailures(db: Db, before: Date, limit: number): Promise<void> {
  await db.execute(sql`
    DELETE FROM ${loginFailures} WHERE ${loginFailures.id} IN (
      SELECT ${loginFailures.id} FROM ${loginFailures}
      WHERE ${loginFailures.at} <= ${before.toISOString()}::timestamptz
      ORDER BY ${loginFailures.at}
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )`);
}

/** Failures per key after `since`, for the keys that have any (the Users page's "Locked"). */
export async function countRecentLoginFailures(
  db: Db,
  keys: string[],
  since: Date,
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: loginFailures.key, n: count() })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gt(loginFailures.at, since)))
    .groupBy(loginFailures.key);
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** Removes every failure of `key`; returns how many there were. */
export async function clearLoginFailuresOfKey(db: Db, key: string): Promise<number> {
  const rows = await db
    .delete(loginFailures)
    .where(eq(loginFailures.key, key))
    .returning({ id: loginFailures.id });
  return rows.length;
}
