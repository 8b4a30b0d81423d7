/**
 * A fresh, migrated, private database for a test: in-memory PGlite by default, or a new
 * PostgreSQL database on the `TEST_DATABASE_URL` server when the project runs the suite there
 * (CLAIMDESK_TEST_ENGINE=postgres). Always `close()` it (afterEach/afterAll).
 */

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import type { z } from "zod";
import { type DbHandle, openDatabase, PGLITE_EXTENSIONS, pgliteHandle } from "../../db/client";
import type { Actor, Permission } from "../../lib/core/auth/permissions";
import { type ActionDefinition, executeAction } from "../../lib/server/action";

export const testEngine = (): "pglite" | "postgres" =>
  process.env.CLAIMDESK_TEST_ENGINE === "postgres" ? "postgres" : "pglite";

/**
 * A fresh database on the suite's engine, or on `engine` (a test that moves data between the two
 * asks for the other one; PostgreSQL needs TEST_DATABASE_URL). `migrate: false` leaves it as a
 * server would create it, without Claimdesk's tables.
 */
export async function createTestDatabase(
  options: { engine?: "pglite" | "postgres"; migrate?: boolean } = {},
): Promise<DbHandle> {
  const engine = options.engine ?? testEngine();
  const migrate = options.migrate ?? true;
  if (engine === "postgres") return createPostgresDatabase(migrate);
  if (!migrate) return openDatabase({ engine: "pglite", memory: true });
  return createPgliteDatabase();
}

/**
 * A fresh database for every test of the calling file: `const t = freshDatabasePerTest();` then
 * `t.db` inside a test.
 */
export function freshDatabasePerTest(): { readonly handle: DbHandle; readonly db: DbHandle["db"] } {
  let current: DbHandle | null = null;
  beforeEach(async () => {
    current = await createTestDatabase();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  const handle = () => {
    if (!current) throw new Error("freshDatabasePerTest: use the database inside a test");
    return current;
  };
  return {
    get handle() {
      return handle();
    },
    get db() {
      return handle().db;
    },
  };
}

/**
 * One database for all the tests of the calling file (each makes its own article), and a way
 * to run an action on it as someone: `const file = databasePerFile();` then `file.db` and
 * `file.run(definition, actor, input)` inside a test.
 */
export function databasePerFile() {
  let current: DbHandle | null = null;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.close();
  });
  const db = () => {
    if (!current) throw new Error("databasePerFile: use the database inside a test");
    return current.db;
  };
  return {
    get db() {
      return db();
    },
    run: <S extends z.ZodType, R, P extends Permission | null>(
      def: ActionDefinition<S, R, P>,
      actor: Actor | null,
      input: unknown,
    ) => executeAction(def, { db: db(), actor }, input),
  };
}

/**
 * The migrated dump, read once per worker: a Blob cannot change, and PGlite only reads it, so
 * every test database of the worker loads the same one (reading and copying the 42 MB for each
 * cost ~70 ms of CPU a database).
 */
let templateDump: Blob | null = null;

async function createPgliteDatabase(): Promise<DbHandle> {
  templateDump ??= new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
  const client = await PGlite.create({
    loadDataDir: templateDump,
    extensions: PGLITE_EXTENSIONS,
  });
  return pgliteHandle(client, "memory", null);
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("CLAIMDESK_TEST_ENGINE=postgres needs TEST_DATABASE_URL.");
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Each test database is created and dropped on the server; names start with cdt_. A migrated
 * one is a copy of the project's migrated template (global-setup.ts) when there is one (the
 * PostgreSQL project), else it is migrated here.
 */
async function createPostgresDatabase(migrate = true): Promise<DbHandle> {
  const name = `cdt_${randomUUID().replace(/-/g, "")}`;
  const template = migrate ? inject("postgresTemplate") : null;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ engine: "postgres", url: withDatabase(serverUrl(), name) });
  if (migrate && !template) await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl() });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
