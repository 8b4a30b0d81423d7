/**
 * This Claimdesk's migrations (db/migrations, drizzle-kit's journal) as a restore needs them:
 * where a backup's migration stands among them, and a folder holding only the first ones, so an
 * empty database can be brought to exactly the backup's schema before its rows are loaded
 * (the newer migrations then run on the restored rows, as they would have on the original).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { readJournal } from "@/db/migrations-status";
import { BackupError } from "@/lib/core/backup/errors";

export interface CodeMigration {
  tag: string;
  /** The journal's `when`: what drizzle stores as `created_at` and compares to decide. */
  createdAt: number;
  /** drizzle's SHA-256 of the SQL file. */
  hash: string;
}

/** The migrations in `folder`, oldest first. */
export function readCodeMigrations(folder: string): CodeMigration[] {
  const { entries } = readJournal(folder);
  const files = readMigrationFiles({ migrationsFolder: folder });
  return entries.map((entry, i) => ({
    tag: entry.tag,
    createdAt: entry.when,
    hash: files[i]?.hash ?? "",
  }));
}

/** `0003_activity_seen_audit_indexes`, or the raw `created_at` when the tag is not known. */
export function migrationName(createdAt: number, code: readonly CodeMigration[]): string {
  return code.find((m) => m.createdAt === createdAt)?.tag ?? `created_at ${createdAt}`;
}

/**
 * The index among `code` of the migration a backup `name` was taken at. A migration this code
 * does not have is refused: newer than its latest means the backup comes from a newer Claimdesk;
 * older and unknown means it is not from this Claimdesk's line of migrations.
 */
export function backupMigrationIndex(
  migration: { tag: string | null; createdAt: number },
  code: readonly CodeMigration[],
  name: string,
): number {
  const index = code.findIndex((m) => m.createdAt === migration.createdAt);
  if (index >= 0) return index;
  const label = migration.tag ?? `created_at ${migration.createdAt}`;
  const latest = code.at(-1);
  if (!latest || migration.createdAt > latest.createdAt) {
    throw new BackupError(
      `${name} was taken at migration ${label}, newer than this Claimdesk's latest ` +
        `(${latest?.tag ?? "none"}): restore it with a Claimdesk that has that migration`,
    );
  }
  throw new BackupError(
    `${name} was taken at migration ${label}, which this Claimdesk does not have: it is not a ` +
      "backup of this application's database",
  );
}

/**
 * A temporary copy of `folder` that holds only its first `count` migrations (journal and SQL
 * files), for drizzle's migrator. `remove()` deletes it.
 */
export function migrationsPrefix(
  folder: string,
  count: number,
): { folder: string; remove(): void } {
  const journal = readJournal(folder);
  const entries = journal.entries.slice(0, count);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-migrations-"));
  try {
    fs.mkdirSync(path.join(dir, "meta"));
    fs.writeFileSync(
      path.join(dir, "meta", "_journal.json"),
      JSON.stringify({ ...journal, entries }, null, 2),
    );
    for (const entry of entries) {
      fs.copyFileSync(path.join(folder, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
    }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { folder: dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
