#!/usr/bin/env node
/**
 * `npm run test:e2e`: a production build in .next-e2e (or E2E_DIST_DIR; a running `next dev`
 * keeps .next), then Playwright against `next start` servers on their own temporary PGlite
 * directories, removed afterwards. E2E_DEMO_PORT / E2E_FRESH_PORT move the servers. Extra arguments go to Playwright (e.g. a spec file or --grep).
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-e2e-"));
let status = 1;
try {
  status = run(
    [path.join("node_modules", "@playwright", "test", "cli.js"), "test", ...process.argv.slice(2)],
    {
      E2E_DEMO_DATA_DIR: path.join(tmp, "demo"),
      E2E_FRESH_DATA_DIR: path.join(tmp, "fresh"),
    },
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
