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
  /**
   * Calls `onMessage` with the payload of every NOTIFY on `channel` from now on (delivered at
   * commit, never for a rolled-back transaction) until the returned function is called. PGlite
   * delivers in process; PostgreSQL through one dedicated connection (not the pool's), which is
   * re-opened with backoff when it drops — after which `onResync` is called, since messages
   * sent while it was down are lost. Resolves once the first LISTEN is in effect.
   */
  listen(channel: string, onMessage: (payload: string) => void, onResync?: () => void): Listening;
  close(): Promise<void>;
}

/** A listen in effect: call `unlisten()` to stop it (and close its connection). */
export type Listening = Promise<() => Promise<void>>;

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
      listen: (channel, onMessage, onResync) =>
        listenPostgres(target.url, channel, onMessage, onResync),
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
    listen: async (channel, onMessage) => {
      const unlisten = await client.listen(channel, onMessage);
      return async () => {
        // A closed instance has nothing left to unlisten (and throws when asked).
        if (!client.closed) await unlisten();
      };
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** The longest wait between two attempts to re-open a dropped LISTEN connection. */
const MAX_LISTEN_BACKOFF_MS = 30_000;

/**
 * LISTEN on a connection of its own: a pool's connections are shared and recycled, and a
 * LISTEN lasts only as long as its session. A dropped connection is re-opened after 0.5 s,
 * 1 s, 2 s… (at most 30 s), and `onResync` says that messages may have been missed meanwhile.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onResync?: () => void,
): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;

  const open = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    client.on("notification", (m) => {
      if (m.channel === channel) onMessage(m.payload ?? "");
    });
    // A dropped connection emits "error" then "end"; "end" re-opens, "error" is only logged.
    client.on("error", (err) =>
      console.error(JSON.stringify({ level: "error", msg: "pg listen", err: String(err) })),
    );
    await client.connect();
    try {
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (stopped) {
      await client.end().catch(() => {});
      return;
    }
    current = client;
    client.on("end", () => {
      if (current !== client || stopped) return;
      current = null;
      retry();
    });
  };

  const retry = () => {
    const wait = Math.min(MAX_LISTEN_BACKOFF_MS, 500 * 2 ** failures);
    timer = setTimeout(() => {
      timer = null;
      if (stopped) return;
      open().then(
        () => {
          failures = 0;
          if (!stopped) onResync?.();
        },
        () => {
          failures++;
          retry();
        },
      );
    }, wait);
    timer.unref();
  };

  await open();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const client = current;
    current = null;
    await client?.end().catch(() => {});
  };
}
