import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * The two conventions the writes in db/queries share, written once: optimistic concurrency on a
 * row's `version`, and numbers that count up per article ("Claim 3", revision 2, publication 1).
 */

/**
 * The row `id` if it is still at the `version` the caller read: an update or delete under this
 * condition touches nothing when someone else saved first, and the caller answers a conflict.
 */
export function atVersion(
  table: { id: PgColumn; version: PgColumn },
  id: string,
  version: number,
): SQL | undefined {
  return and(eq(table.id, id), eq(table.version, version));
}

/** What every write of a versioned row sets beside its changes: the time and the next version. */
export function nextVersion(table: { version: PgColumn }): { updatedAt: Date; version: SQL } {
  return { updatedAt: new Date(), version: sql`${table.version} + 1` };
}

/**
 * The next number of a row of the article (1 for its first): call with the article row locked,
 * so that two writers cannot take the same number.
 */
export function nextNumberInArticle(
  table: PgTable & { number: PgColumn; articleId: PgColumn },
  articleId: string,
): SQL {
  return sql`(SELECT coalesce(max(${table.number}), 0) + 1 FROM ${table} WHERE ${table.articleId} = ${articleId})`;
}
