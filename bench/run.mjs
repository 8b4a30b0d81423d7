#!/usr/bin/env node
/** `npm run bench`: runs every benchmark in bench/ (or those named) one after the other. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.dirname(new URL(import.meta.url).pathname);
const wanted = process.argv.slice(2);
const benches = fs
  .readdirSync(dir)
  .filter((f) => /\.(mjs|ts)$/.test(f) && f !== "run.mjs" && !f.startsWith("_"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  // Every bench loads TypeScript (tsx): the .ts ones the app's server modules, which insist on
  // the react-server condition; the .mjs ones (Chromium, HTTP load) the test helpers that start
  // the app.
  const args = file.endsWith(".ts")
    ? ["--conditions=react-server", "--import", "tsx", path.join(dir, file)]
    : ["--import", "tsx", path.join(dir, file)];
  const { status } = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
