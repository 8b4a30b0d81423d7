/**
 * Restoring a backup into an empty database, on either engine:
 *
 * 1. the whole file is read and checked first (header, every row, counts, checksums), so a
 *    damaged or truncated file is refused before the database is touched;
 * 2. its migration must be one of this code's (a backup from a newer Claimdesk is refused), and
 *    the database must not be past it;
 * 3. the database must hold no rows in any table;
 * 4. a database behind the backup's migration (a new one, never migrated) is migrated to
 *    exactly that migration, so its tables are the backup's;
 * 5. in ONE transaction, with every table locked against other writers: the tables compared
 *    with the backup's (names, columns, types), the rows inserted table by table in the
 *    backup's order (parents first, checked against this database's foreign keys), the
 *    sequences set, and every table read back and compared with the backup's checksums, so the
 *    commit happens only when the database holds exactly the backup's rows;
 * 6. the migrations newer than the backup's then run, as on any older database.
 *
 * No trigger is disabled: the audit log's append-only trigger refuses UPDATE and DELETE, and a
 * restore only inserts.
 */
import type { DbHandle } from "@/db/client";
import {
  applySessionSettings,
  countTableRows,
  insertTextRows,
  lockTablesForRestore,
  readCatalog,
  readLatestMigration,
  restoreSequence,
  streamTableRows,
} from "@/db/queries/backup";
import { BackupError } from "@/lib/core/backup/errors";
import {
  addLine,
  type BackupHeader,
  type BackupValue,
  DUMP_SETTINGS,
  encodeRow,
  newChecksum,
  totalRows,
} from "@/lib/core/backup/format";
import { firstOrderViolation } from "@/lib/core/backup/order";
import { type CatalogTable, structureDifferences } from "@/lib/core/backup/structure";
import { readBackup } from "./file";
import {
  backupMigrationIndex,
  type CodeMigration,
  migrationName,
  migrationsPrefix,
  readCodeMigrations,
} from "./migrations";

export interface RestoreOptions {
  /** The file as the operator named it, for messages. Default: the path. */
  name?: string;
  /** db/migrations of this code. */
  migrationsFolder: string;
  /** The header `verifyBackup` returned, when the caller checked the file already. */
  verified?: BackupHeader;
}

export interface RestoreResult {
  header: BackupHeader;
  rows: number;
  /** The newer migrations applied after the rows were loaded (tags), oldest first. */
  upgradedThrough: string[];
}

/** Reads and checks the whole backup `file` without a database; resolves to its header. */
export function verifyBackup(file: string, name = file): Promise<BackupHeader> {
  return readBackup(file, name);
}

/** Where the backup's migration stands among this code's; throws when it is not one of them. */
export function checkBackupMigration(
  header: BackupHeader,
  code: readonly CodeMigration[],
  name: string,
): number {
  return backupMigrationIndex(header.migration, code, name);
}

/** Inserts are sent in batches of at most this many values, or this many characters. */
const BATCH_VALUES = 5_000;
const BATCH_CHARS = 4 * 1024 * 1024;

/** Restores the backup `file` into the database of `handle`, which must be empty. */
export async function restoreBackup(
  handle: DbHandle,
  file: string,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const name = options.name ?? file;
  const header = options.verified ?? (await verifyBackup(file, name));
  if (!sameSettings(header.settings)) {
    throw new BackupError(
      `${name} was written under other session settings than format version 1's: it was not ` +
        "written by Claimdesk",
    );
  }
  const code = readCodeMigrations(options.migrationsFolder);
  const index = checkBackupMigration(header, code, name);
  const backupAt = header.migration.createdAt;
  const { db } = handle;

  const current = await readLatestMigration(db);
  if (current && current.createdAt > backupAt) {
    throw new BackupError(
      `the database (${handle.location}) is already at migration ` +
        `${migrationName(current.createdAt, code)}, newer than the backup's ` +
        `(${migrationName(backupAt, code)}): restore it into a new, empty database, which the ` +
        "restore brings to the backup's migration before loading it and then upgrades",
    );
  }
  await refuseRows(handle, Object.entries(await countTableRows(db, await tableNames(handle))));

  if (!current || current.createdAt < backupAt) {
    const prefix = migrationsPrefix(options.migrationsFolder, index + 1);
    try {
      await handle.migrate({ migrationsFolder: prefix.folder });
    } finally {
      prefix.remove();
    }
  }

  await db.transaction(async (tx) => {
    // The constant, not the file's copy: a file never gets to choose a setting.
    await applySessionSettings(tx, DUMP_SETTINGS);
    const catalog = await readCatalog(tx);
    const differences = structureDifferences(header, catalog);
    if (differences.length > 0) {
      throw new BackupError(
        `${name} does not fit this database's tables at migration ` +
          `${migrationName(backupAt, code)}: ${differences.slice(0, 3).join("; ")}` +
          (differences.length > 3 ? ` (and ${differences.length - 3} more)` : ""),
      );
    }
    const order = header.tables.map((t) => t.name);
    const broken = firstOrderViolation(order, catalog.references);
    if (broken) {
      throw new BackupError(
        `${name} lists ${broken.table} before ${broken.references}, which it refers to: it ` +
          "cannot be loaded in its order",
      );
    }
    const tables = new Map(catalog.tables.map((t) => [t.name, t]));
    const target = (tableName: string): CatalogTable => {
      const t = tables.get(tableName);
      if (!t) throw new Error(`no table ${tableName}`);
      return t;
    };
    await lockTablesForRestore(tx, order);
    await refuseRows(handle, Object.entries(await countTableRows(tx, order)));

    let batch: { tableIndex: number; rows: BackupValue[][]; values: number; chars: number } = {
      tableIndex: -1,
      rows: [],
      values: 0,
      chars: 0,
    };
    const flush = async () => {
      const table = header.tables[batch.tableIndex];
      if (table && batch.rows.length > 0) {
        try {
          await insertTextRows(
            tx,
            target(table.name),
            table.columns.map((c) => c.name),
            batch.rows,
          );
        } catch (err) {
          // A value its type does not read, a broken reference: the database's own words.
          throw new BackupError(
            `the rows of ${table.name} in ${name} could not be loaded (${databaseMessage(err)}): ` +
              "nothing was restored",
          );
        }
      }
      batch = { tableIndex: -1, rows: [], values: 0, chars: 0 };
    };
    await readBackup(file, name, header, async (row) => {
      if (row.tableIndex !== batch.tableIndex) {
        await flush();
        batch.tableIndex = row.tableIndex;
      }
      batch.rows.push(row.values);
      batch.values += row.values.length;
      batch.chars += row.values.reduce((n, v) => n + (v?.length ?? 0), 0);
      if (batch.values >= BATCH_VALUES || batch.chars >= BATCH_CHARS) {
        const tableIndex = batch.tableIndex;
        await flush();
        batch.tableIndex = tableIndex;
      }
    });
    await flush();

    const sequences = new Map(catalog.sequences.map((s) => [s.name, s]));
    for (const state of header.sequences) {
      const sequence = sequences.get(state.name);
      if (sequence) await restoreSequence(tx, sequence, state);
    }

    // Read back under the backup's settings, in the backup's column order: the same text and
    // so the same checksums, or the values did not survive the trip (and nothing is kept).
    for (const table of header.tables) {
      const columns = new Map(target(table.name).columns.map((c) => [c.name, c]));
      const asInBackup: CatalogTable = {
        ...target(table.name),
        columns: table.columns.map((c) => {
          const column = columns.get(c.name);
          if (!column) throw new Error(`no column ${table.name}.${c.name}`);
          return column;
        }),
      };
      const checksum = newChecksum();
      let rows = 0;
      for await (const values of streamTableRows(tx, asInBackup)) {
        addLine(checksum, encodeRow(table.name, values));
        rows++;
      }
      if (rows !== table.rows || checksum.digest("hex") !== table.sha256) {
        throw new BackupError(
          `the rows of ${table.name} read back differently from ${name} (${rows} of ` +
            `${table.rows} rows): nothing was restored`,
        );
      }
    }
  });

  const upgradedThrough: string[] = [];
  if (index < code.length - 1) {
    await handle.migrate({ migrationsFolder: options.migrationsFolder });
    upgradedThrough.push(...code.slice(index + 1).map((m) => m.tag));
  }
  return { header, rows: totalRows(header), upgradedThrough };
}

/** The innermost message: drizzle wraps the driver's error ("Failed query: …") as `cause`. */
function databaseMessage(err: unknown): string {
  let message = String(err);
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    message = e.message;
    e = e.cause;
  }
  return message;
}

function sameSettings(settings: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(DUMP_SETTINGS);
  return (
    Object.keys(settings).length === names.length &&
    names.every((n) => settings[n] === DUMP_SETTINGS[n])
  );
}

async function tableNames(handle: DbHandle): Promise<string[]> {
  return (await readCatalog(handle.db)).tables.map((t) => t.name);
}

async function refuseRows(handle: DbHandle, counts: [string, number][]): Promise<void> {
  const filled = counts.filter(([, n]) => n > 0);
  if (filled.length === 0) return;
  const listed = filled
    .slice(0, 4)
    .map(([t, n]) => `${t} has ${n} row${n === 1 ? "" : "s"}`)
    .join(", ");
  throw new BackupError(
    `the database (${handle.location}) is not empty (${listed}${filled.length > 4 ? ", …" : ""}): ` +
      "a backup is restored only into an empty database; nothing was changed",
  );
}
