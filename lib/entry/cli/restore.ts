/**
 * `claimdesk restore FILE [--check]`: loads a `claimdesk backup` file into the app's database
 * (DATABASE_URL, else PGlite in CLAIMDESK_DATA_DIR or ./data), which must be empty: a new
 * PGlite folder or PostgreSQL database, or one migrated and never used. The whole file is
 * checked before the database is opened; the rows go in in one transaction (lib/services/backup/restore.ts).
 * `--check` only checks the file.
 */
import path from "node:path";
import { migrationsFolder } from "@/db/client";
import { BackupError } from "@/lib/core/backup/errors";
import { type BackupHeader, totalRows } from "@/lib/core/backup/format";
import { readCodeMigrations } from "@/lib/services/backup/migrations";
import { checkBackupMigration, restoreBackup, verifyBackup } from "@/lib/services/backup/restore";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { openCliDatabase } from "./database";
import { readError } from "./io";

/** FILE and `--check`; anything else is a usage error. */
export function parseRestoreArgs(args: string[]): { file: string; check: boolean } {
  const files: string[] = [];
  let check = false;
  for (const arg of args) {
    if (arg === "--check") check = true;
    else if (arg.startsWith("-")) {
      throw new CliError(`unknown option ${arg.split("=")[0]}`, EXIT_USAGE);
    } else files.push(arg);
  }
  if (files.length !== 1) {
    throw new CliError(files.length === 0 ? "missing FILE" : "expects one FILE", EXIT_USAGE);
  }
  return { file: files[0] as string, check };
}

/** A failure on the backup file as one line: its own words, or why it could not be read. */
function fileError(err: unknown, name: string): unknown {
  if (err instanceof BackupError) return new CliError(err.message);
  // File system errors carry the path (a database's network errors do not).
  if (typeof (err as NodeJS.ErrnoException).path === "string") return readError(name, err);
  return err;
}

function summary(header: BackupHeader): string {
  const m = header.migration;
  return (
    `${header.tables.length} tables, ${totalRows(header)} rows, taken ${header.createdAt} ` +
    `at migration ${m.tag ?? m.createdAt} (Claimdesk ${header.app.version}, ` +
    `${header.source.engine} ${header.source.serverVersion})`
  );
}

export const restoreCommand: Command = {
  name: "restore",
  help: [
    "Usage: claimdesk restore FILE [--check]",
    "",
    "Loads the backup FILE (written by `claimdesk backup`) into the app's database, which",
    "must be empty: a new PGlite folder or PostgreSQL database, or one that was migrated and",
    "never used. Nothing is written unless all of it goes in: the whole file is checked first",
    "(counts and checksums of every table), the rows are loaded in one transaction and read",
    "back against the checksums before it commits. A backup taken at an older migration is",
    "loaded at that migration and then upgraded; one from a newer Claimdesk is refused.",
    "--check only checks FILE and prints what it holds; no database is opened.",
    "",
    "The database is the app's: DATABASE_URL, else PGlite in CLAIMDESK_DATA_DIR (default",
    "./data). Stop the server first on PGlite. See docs/operations.md.",
  ].join("\n"),
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    const { file: name, check } = parseRestoreArgs(args);
    const file = path.resolve(io.cwd, name);
    let header: BackupHeader;
    try {
      header = await verifyBackup(file, name);
    } catch (err) {
      throw fileError(err, name);
    }
    if (check) {
      io.stdout(`${name} is a complete Claimdesk backup: ${summary(header)}.\n`);
      return 0;
    }
    const folder = migrationsFolder();
    try {
      checkBackupMigration(header, readCodeMigrations(folder), name);
    } catch (err) {
      throw fileError(err, name);
    }
    const handle = await openCliDatabase(process.env, { migrate: false });
    try {
      const result = await restoreBackup(handle, file, {
        name,
        migrationsFolder: folder,
        verified: header,
      });
      const upgraded = result.upgradedThrough.at(-1);
      io.stdout(
        `Restored ${name} into ${handle.location}: ${summary(header)}` +
          (upgraded ? `; then migrated to ${upgraded}` : "") +
          ".\n",
      );
      return 0;
    } catch (err) {
      throw fileError(err, name);
    } finally {
      await handle.close();
    }
  },
};
