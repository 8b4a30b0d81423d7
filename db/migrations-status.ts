/**
 * Whether a database has every committed migration applied: what `/api/health` reports as
 * "migrations current". drizzle records each applied migration in `drizzle.__drizzle_migrations`
 * with the `when` of its journal entry (`created_at`), on PGlite and PostgreSQL alike.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Db, migrationsFolder } from "./client";

export interface MigrationStatus {
  /** Migrations committed in db/migrations (the journal). */
  expected: number;
  /** Of those, applied to this database. */
  applied: number;
  /** The tag of the newest committed migration, e.g. "0003_activity_seen_audit_indexes". */
  latest: string | null;
  current: boolean;
}

export interface JournalEntry {
  tag: string;
  /** What drizzle stores as `created_at` once the migration is applied. */
  when: number;
}

/** drizzle-kit's journal of the migrations in `folder` (its other fields kept as they are). */
export function readJournal(folder: string): { entries: JournalEntry[] } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8"));
}

export function committedMigrations(folder = migrationsFolder()): JournalEntry[] {
  return readJournal(folder).entries;
}

export async function migrationStatus(
  db: Db,
  folder = migrationsFolder(),
): Promise<MigrationStatus> {
  const entries = committedMigrations(folder);
  // node-postgres and PGlite both answer raw SQL with `{ rows }`; the shared Db type leaves
  // the result type open, so it is named here.
  const result = (await db.execute(sql`SELECT created_at FROM drizzle.__drizzle_migrations`)) as {
    rows: { created_at: string | number }[];
  };
  const appliedAt = new Set(result.rows.map((r) => Number(r.created_at)));
  const applied = entries.filter((e) => appliedAt.has(e.when)).length;
  return {
    expected: entries.length,
    applied,
    latest: entries.at(-1)?.tag ?? null,
    current: applied === entries.length,
  };
}
