/**
 * Runs a benchmark on each engine: in-memory PGlite always, and PostgreSQL when
 * `BENCH_DATABASE_URL` names a scratch database (its schemas are dropped and migrated afresh).
 */
import { sql } from "drizzle-orm";
import { type DbHandle, openDatabase } from "../db/client";

export async function onEachEngine(
  run: (label: string, handle: DbHandle) => Promise<void>,
): Promise<void> {
  const pglite = await openDatabase({ engine: "pglite", memory: true });
  await pglite.migrate();
  await run("PGlite (in memory)", pglite);
  await pglite.close();

  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL to a scratch database)");
    return;
  }
  const pg = await openDatabase({ engine: "postgres", url });
  await pg.db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
  await pg.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
  await pg.db.execute(sql`CREATE SCHEMA public`);
  await pg.migrate();
  await run("PostgreSQL", pg);
  await pg.close();
}
