/**
 * The load benchmark's short run (`npm run bench:load` runs 60 s and prints the figures): 50
 * simulated reviewers for 10 s against `next start` on PGlite (load.postgres.test.ts: the
 * same on PostgreSQL). Asserts no errors and that work got done; never a time.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, it } from "vitest";
import { portFor, startServer } from "../helpers/app-server";
import { expectCleanLoad } from "./load-check";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-load-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it("50 simulated reviewers on PGlite, without an error", async () => {
  const server = await startServer({ port: portFor(20), dataDir });
  try {
    await expectCleanLoad(server, "PGlite");
  } finally {
    await server.stop();
  }
});
