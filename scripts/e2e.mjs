#!/usr/bin/env node
/**
 * `npm run test:e2e`: a production build in .next-e2e (or E2E_DIST_DIR; a running `next dev`
 * keeps .next), then
 * 1. the system tests (tests/system, vitest project "system"): the build as real servers over
 *    HTTP — SIGKILL mid-burst on PGlite, two instances on one PostgreSQL (with
 *    TEST_DATABASE_URL), a 10-second load run;
 * 2. Playwright against `next start` servers on their own temporary PGlite directories,
 *    removed afterwards: two workers, each with its own demo workspace (playwright.config.ts).
 *    E2E_DEMO_PORT / E2E_FRESH_PORT / E2E_OUTSIDE_PORT move the servers (the second demo
 *    workspace and stand-in take E2E_DEMO_PORT + 2 and E2E_OUTSIDE_PORT + 1 unless
 *    E2E_DEMO_2_PORT / E2E_OUTSIDE_2_PORT say otherwise).
 * Extra arguments go to Playwright (e.g. a spec file or --grep) and skip the system tests;
 * E2E_SKIP_SYSTEM=1 skips them too.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";
const env = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" };
const run = (args, extraEnv = {}) =>
  spawnSync(process.execPath, args, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;

if (!process.env.E2E_SKIP_BUILD) {
  const status = run([path.join("node_modules", "next", "dist", "bin", "next"), "build"]);
  if (status !== 0) process.exit(status);
}

const playwrightArgs = process.argv.slice(2);
if (playwrightArgs.length === 0 && !process.env.E2E_SKIP_SYSTEM) {
  const status = run(
    [path.join("node_modules", "vitest", "vitest.mjs"), "run", "--project", "system"],
    { CLAIMDESK_SYSTEM_TESTS: "1" },
  );
  if (status !== 0) process.exit(status);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-e2e-"));
let status = 1;
try {
  status = run(
    [path.join("node_modules", "@playwright", "test", "cli.js"), "test", ...playwrightArgs],
    {
      E2E_DEMO_DATA_DIR: path.join(tmp, "demo"),
      E2E_DEMO_2_DATA_DIR: path.join(tmp, "demo-2"),
      E2E_FRESH_DATA_DIR: path.join(tmp, "fresh"),
    },
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
