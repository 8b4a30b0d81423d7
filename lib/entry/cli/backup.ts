/**
 * `claimdesk backup [--out FILE]`: writes a backup of the app's database (DATABASE_URL, else
 * PGlite in CLAIMDESK_DATA_DIR or ./data) in Claimdesk's portable format (lib/core/backup/format.ts),
 * which `claimdesk restore` loads into an empty database of either engine. The database is read
 * as it is (not migrated first), in one snapshot; the file appears only once it is complete.
 */
import fs from "node:fs";
import path from "node:path";
import { migrationsFolder, targetFromEnv } from "@/db/client";
import { BackupError } from "@/lib/core/backup/errors";
import { totalRows } from "@/lib/core/backup/format";
import { createBackup } from "@/lib/services/backup/backup";
import { readCodeMigrations } from "@/lib/services/backup/migrations";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { openCliDatabase } from "./database";
import { writeFailureReason } from "./io";

/** `--out FILE` or `--out=FILE`, at most once; nothing else. */
export function parseBackupArgs(args: string[]): { out?: string } {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg];
    if (name !== "--out") {
      throw new CliError(
        arg.startsWith("-") ? `unknown option ${name}` : `unexpected argument ${arg}`,
        EXIT_USAGE,
      );
    }
    if (out !== undefined) throw new CliError("--out is given twice", EXIT_USAGE);
    const value = inline ?? args[++i];
    if (value === undefined || value === "") throw new CliError("--out needs a value", EXIT_USAGE);
    out = value;
  }
  return { out };
}

/** `claimdesk-backup-20260501T101500Z.jsonl.gz`: sorts by time, safe in any file system. */
export function defaultBackupName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `claimdesk-backup-${stamp}.jsonl.gz`;
}

/** The version in package.json, for the backup's header. */
export function appVersion(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const file = path.resolve(env.CLAIMDESK_ROOT?.trim() || ".", "package.json");
    const { version } = JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

export const backupCommand: Command = {
  name: "backup",
  help: [
    "Usage: claimdesk backup [--out FILE]",
    "",
    "Writes every row of every table of the app's database to FILE (default:",
    "claimdesk-backup-<UTC time>.jsonl.gz in the current folder), read in one consistent",
    "snapshot, as gzip'd JSON lines with a header (format version, app version, migration,",
    "time, row counts and checksums per table). FILE must not exist yet; it appears only",
    "when complete. `claimdesk restore FILE` loads it into an empty database, PGlite or",
    "PostgreSQL alike: that is also how to move from PGlite to PostgreSQL.",
    "",
    "The database is the app's: DATABASE_URL, else PGlite in CLAIMDESK_DATA_DIR (default",
    "./data). PGlite allows one process at a time: stop the server first, or use PostgreSQL.",
    "See docs/operations.md.",
  ].join("\n"),
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    const { out } = parseBackupArgs(args);
    const display = out ?? defaultBackupName(new Date());
    const file = path.resolve(io.cwd, display);
    let target: ReturnType<typeof targetFromEnv>;
    try {
      target = targetFromEnv(process.env);
    } catch (err) {
      throw new CliError(err instanceof Error ? err.message : String(err));
    }
    // Opening a PGlite folder that does not exist would create an empty database.
    if (target.engine === "pglite" && "dataDir" in target && !fs.existsSync(target.dataDir)) {
      throw new CliError(
        `there is no database in ${target.dataDir}: set CLAIMDESK_DATA_DIR to the server's ` +
          "data folder, or DATABASE_URL for PostgreSQL",
      );
    }
    if (fs.existsSync(file)) {
      throw new CliError(
        `${display} already exists: choose another --out (a backup never replaces a file)`,
      );
    }
    const handle = await openCliDatabase(process.env, { migrate: false });
    try {
      const { bytes, header } = await createBackup(handle.db, file, {
        engine: handle.engine,
        appVersion: appVersion(),
        codeMigrations: readCodeMigrations(migrationsFolder()),
        location: handle.location,
      });
      const tables = header.tables.length;
      io.stdout(
        `Wrote ${display} (${bytes} bytes): ${tables} tables, ${totalRows(header)} rows, at ` +
          `migration ${header.migration.tag ?? header.migration.createdAt}.\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof BackupError) throw new CliError(err.message.replace(file, display));
      const reason = writeFailureReason(err);
      if (reason) throw new CliError(`cannot write ${display}: ${reason}`);
      throw err;
    } finally {
      await handle.close();
    }
  },
};
