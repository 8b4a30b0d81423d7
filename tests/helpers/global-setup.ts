/**
 * Runs once per `vitest run` and project: migrates one in-memory PGlite and saves a dump of it,
 * so that every integration test gets a fresh migrated database in about half a second instead
 * of three (tests/helpers/db.ts loads the dump). In the PostgreSQL project it also migrates one
 * template database on the `TEST_DATABASE_URL` server, which db.ts copies with
 * `CREATE DATABASE … TEMPLATE` (~0.1 s) instead of running every migration again (~0.4 s).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client";

export default async function setup(project: TestProject) {
  const handle = await openDatabase({ engine: "pglite", memory: true });
  await handle.migrate();
  const client = (handle.db as unknown as { $client: import("@electric-sql/pglite").PGlite })
    .$client;
  const dump = await client.dumpDataDir("none");
  await handle.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-vitest-"));
  const file = path.join(dir, "migrated.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);

  const serverUrl = process.env.TEST_DATABASE_URL;
  const template =
    project.name === "integration:postgres" && serverUrl
      ? await createPostgresTemplate(serverUrl)
      : null;
  project.provide("postgresTemplate", template?.name ?? null);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await template?.drop();
  };
}

/** A migrated database that nobody may connect to (a template must have no sessions). */
async function createPostgresTemplate(serverUrl: string) {
  // cdt_ like every test database, so that .ci/run drops one an interrupted run left behind.
  const name = `cdt_template_${randomUUID().replace(/-/g, "")}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: "postgres", url: url.toString() });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
  return { name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The migrated template database's name in the PostgreSQL project, else null. */
    postgresTemplate: string | null;
  }
}
