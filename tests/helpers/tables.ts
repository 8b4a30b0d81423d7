/** Every table of db/schema.ts, found at run time (so a new table is counted without edits). */
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";

export const allTables = (): PgTable[] =>
  (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

/**
 * Rows per table, by table name: compare two snapshots to show a call wrote nothing. One
 * statement with a count per table (one snapshot in one round trip, all counts at one moment):
 * the authorization matrix takes ~800 snapshots per engine, and a query per table made that
 * ~40,000 round trips.
 */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const tables = allTables();
  const counts = sql.join(
    tables.map(
      (table, i) => sql`(SELECT count(*) FROM ${table})::int AS ${sql.identifier(`n${i}`)}`,
    ),
    sql`, `,
  );
  const result = (await db.execute(sql`SELECT ${counts}`)) as unknown as {
    rows: Record<string, number | string>[];
  };
  const row = result.rows[0] ?? {};
  const out: Record<string, number> = {};
  tables.forEach((table, i) => {
    out[getTableName(table)] = Number(row[`n${i}`] ?? 0);
  });
  return out;
}
