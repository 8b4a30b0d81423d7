/**
 * The one place that knows which database engine runs: embedded PGlite (default, data in
 * `./data/pglite`) or PostgreSQL through node-postgres when `DATABASE_URL` is set. Everything
 * else receives a `Db` and writes the same drizzle queries for both.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { acquireDirectoryLock, type DirectoryLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Engine = "pglite" | "postgres";

export interface MigrateOptions {
  /**
   * Another drizzle-kit migrations folder than `db/migrations`: the restore of an older backup
   * applies only our migrations up to the backup's (lib/services/backup/migrations.ts).
   */
  migrationsFolder?: string;
}

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** A short description for logs: the data directory or the server, never a password. */
  location: string;
  /** Applies the committed drizzle-kit migrations that this database has not seen yet. */
  migrate(options?: MigrateOptions): Promise<void>;
  close(): Promise<void>;
}

/** `db/migrations`, found from the working directory or `CLAIMDESK_ROOT` (set by the CLI). */
export function migrationsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(
    /*turbopackIgnore: true*/ env.CLAIMDESK_ROOT?.trim() || ".",
    "db",
    "migrations",
  );
}

/**
 * The contrib extensions the schema uses (migration 0006: claims-library matching). PGlite
 * loads an extension's code only when the instance is created with it, so every PGlite this
 * app or its tests open passes these — including one loaded from a dump.
 */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent } satisfies PGliteOptions["extensions"];

/** Any constant will do; it only has to be the same in every instance of the app. */
const MIGRATION_LOCK_KEY = 7_250_301_626;

export type DbTarget =
  | { engine: "postgres"; url: string }
  | { engine: "pglite"; dataDir: string }
  | { engine: "pglite"; memory: true };

/** The database the environment asks for: `DATABASE_URL`, else PGlite under `CLAIMDESK_DATA_DIR`. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DbTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL.");
    }
    return { engine: "postgres", url };
  }
  return { engine: "pglite", dataDir: path.join(dataRoot(env), "pglite") };
}

/** The folder for the app's local files (PGlite data, the demo secret). Git-ignored. */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.CLAIMDESK_DATA_DIR?.trim() || "data");
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}

/** Opens a database. PGlite directories are locked to this process until `close()`. */
export async function openDatabase(target: DbTarget): Promise<DbHandle> {
  if (target.engine === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on("error", (err) =>
      console.error(JSON.stringify({ level: "error", msg: "pg pool", err: String(err) })),
    );
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const migrate = async (options?: MigrateOptions) => {
      // Several app instances may start at once: a session-level advisory lock on one dedicated
      // connection makes them apply migrations one after the other.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg({ client, schema }), {
          migrationsFolder: options?.migrationsFolder ?? migrationsFolder(),
        });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    };
    return {
      db,
      engine: "postgres",
      location: redactUrl(target.url),
      migrate,
      close: () => pool.end(),
    };
  }

  if ("memory" in target) {
    const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    return pgliteHandle(client, "memory", null);
  }

  // PGlite creates its own directory but not the parents (STACK-NOTES 2).
  fs.mkdirSync(path.dirname(target.dataDir), { recursive: true });
  const lock = acquireDirectoryLock(`${target.dataDir}.lock`);
  try {
    const client = await PGlite.create(target.dataDir, { extensions: PGLITE_EXTENSIONS });
    return pgliteHandle(client, target.dataDir, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Wraps an open PGlite instance (also used by tests to wrap clones of a migrated template). */
export function pgliteHandle(
  client: PGlite,
  location: string,
  lock: DirectoryLock | null,
): DbHandle {
  // drizzle's PGlite and node-postgres databases differ only in their query-result type
  // parameter, which no query of ours depends on.
  const pgliteDb = drizzlePglite({ client, schema });
  return {
    db: pgliteDb as unknown as Db,
    engine: "pglite",
    location,
    migrate: (options) =>
      migratePglite(pgliteDb, {
        migrationsFolder: options?.migrationsFolder ?? migrationsFolder(),
      }),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
