import "server-only";
import { and, eq, gt, inArray, lt } from "drizzle-orm";
import type { Db } from "../client";
import { lookupCache } from "../schema";

/**
 * The look-up cache (lib/services/references/lookup.ts): one row per outside answer, keyed by
 * service and identifier ("crossref:10.1/x", "pubmed:123", "idconv:PMC1"). `status` 200 with the
 * answer's useful part as `body`, or 404 with no body ("no such DOI"), each with its own expiry.
 */
export interface CachedAnswer {
  status: number;
  body: unknown;
}

/** The unexpired answers for these keys, by key (one query, for a look-up's two or three keys). */
export async function readCachedAnswers(
  db: Db,
  keys: string[],
  now: Date = new Date(),
): Promise<Map<string, CachedAnswer>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: lookupCache.key, status: lookupCache.status, body: lookupCache.body })
    .from(lookupCache)
    .where(and(inArray(lookupCache.key, keys), gt(lookupCache.expiresAt, now)));
  return new Map(rows.map((r) => [r.key, { status: r.status, body: r.body }]));
}

/** Remembers an answer until `expiresAt`, replacing what was there. */
export async function writeCachedAnswer(
  db: Db,
  key: string,
  answer: CachedAnswer,
  expiresAt: Date,
): Promise<void> {
  const fetchedAt = new Date();
  await db
    .insert(lookupCache)
    .values({ key, status: answer.status, body: answer.body, fetchedAt, expiresAt })
    .onConflictDoUpdate({
      target: lookupCache.key,
      set: { status: answer.status, body: answer.body, fetchedAt, expiresAt },
    });
}

/** Forgets expired answers; returns how many (for a housekeeping job). */
export async function deleteExpiredAnswers(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db
    .delete(lookupCache)
    .where(lt(lookupCache.expiresAt, now))
    .returning({ key: lookupCache.key });
  return rows.length;
}

/** One answer, expired or not (tests and benches read what was stored). */
export async function findCachedAnswer(db: Db, key: string): Promise<CachedAnswer | null> {
  const [row] = await db
    .select({ status: lookupCache.status, body: lookupCache.body })
    .from(lookupCache)
    .where(eq(lookupCache.key, key));
  return row ?? null;
}
