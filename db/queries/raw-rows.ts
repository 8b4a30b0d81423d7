import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "../client";

/**
 * The rows of a raw SQL statement. node-postgres and PGlite both answer `db.execute` with
 * `{ rows }`; the shared Db type leaves the result type open, so it is named here, once.
 */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
