/**
 * Runs once per `vitest run`: migrates one in-memory PGlite and saves a dump of it, so that
 * every integration test gets a fresh migrated database in about half a second instead of
 * three (tests/helpers/db.ts loads the dump).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
