/**
 * Taking a backup: every row of every table of the database's `public` schema, read in one
 * REPEATABLE READ, READ ONLY transaction (one snapshot: a write committed meanwhile is either
 * wholly in the backup or not at all), written as the portable format of `format.ts`.
 */
import type { Db, Engine } from "@/db/client";
import {
  applySessionSettings,
  readCatalog,
  readLatestMigration,
  readSequenceState,
  readServerVersion,
  streamTableRows,
} from "@/db/queries/backup";
import { BackupError } from "@/lib/core/backup/errors";
import {
  addLine,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupTable,
  DUMP_SETTINGS,
  encodeRow,
  newChecksum,
} from "@/lib/core/backup/format";
import { orderByForeignKeys } from "@/lib/core/backup/order";
import { BackupWriter } from "./file";
import type { CodeMigration } from "./migrations";

export interface BackupSource {
  engine: Engine;
  /** The running app's version (package.json), for the header. */
  appVersion: string;
  /** This code's migrations, to name the database's migration by its tag. */
  codeMigrations: readonly CodeMigration[];
  /** `location` of the database handle, for messages. */
  location: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  header: BackupHeader;
}

/** Writes a backup of `db` to `out` (which must not exist); `out` appears only when complete. */
export async function createBackup(
  db: Db,
  out: string,
  source: BackupSource,
): Promise<BackupResult> {
  const writer = await BackupWriter.create(out);
  try {
    const header = await db.transaction(
      async (tx) => {
        await applySessionSettings(tx, DUMP_SETTINGS);
        // The snapshot is taken at the transaction's first query: that is the backup's time.
        const createdAt = new Date().toISOString();
        const migration = await readLatestMigration(tx);
        if (!migration) {
          throw new BackupError(
            `the database (${source.location}) has never been migrated by Claimdesk: there is ` +
              "nothing to back up",
          );
        }
        const catalog = await readCatalog(tx);
        const byName = new Map(catalog.tables.map((t) => [t.name, t]));
        const order = orderByForeignKeys([...byName.keys()], catalog.references);
        const tables: BackupTable[] = [];
        for (const name of order) {
          const table = byName.get(name);
          if (!table) continue;
          const checksum = newChecksum();
          let rows = 0;
          for await (const values of streamTableRows(tx, table)) {
            const line = encodeRow(name, values);
            addLine(checksum, line);
            await writer.write(line);
            rows++;
          }
          tables.push({
            name,
            columns: table.columns.map(({ name, type }) => ({ name, type })),
            rows,
            sha256: checksum.digest("hex"),
          });
        }
        const sequences = [];
        for (const sequence of catalog.sequences) {
          sequences.push({ ...sequence, ...(await readSequenceState(tx, sequence.name)) });
        }
        const result: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt,
          app: { name: "claimdesk", version: source.appVersion },
          source: { engine: source.engine, serverVersion: await readServerVersion(tx) },
          migration: {
            tag:
              source.codeMigrations.find((m) => m.createdAt === migration.createdAt)?.tag ?? null,
            createdAt: migration.createdAt,
            hash: migration.hash,
            applied: migration.applied,
          },
          settings: { ...DUMP_SETTINGS },
          tables,
          sequences,
        };
        return result;
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    const bytes = await writer.finish(header);
    return { file: out, bytes, header };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
