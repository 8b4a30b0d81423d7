#!/usr/bin/env node
/**
 * `npm run demo`: builds the app and starts it on the embedded database (PGlite in ./data),
 * seeded with the demo workspace. No other service is needed. Ctrl+C stops it.
 *
 * Environment: PORT (default 3000), CLAIMDESK_DATA_DIR (default ./data), NEXTAUTH_URL
 * (default http://localhost:PORT), NEXTAUTH_SECRET (default: a random one kept in the data dir).
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const port = process.env.PORT || "3000";
const dataDir = path.resolve(process.env.CLAIMDESK_DATA_DIR || "data");
fs.mkdirSync(dataDir, { recursive: true });

// A stable secret per data folder keeps demo sessions valid across restarts.
let secret = process.env.NEXTAUTH_SECRET;
if (!secret) {
  const file = path.join(dataDir, "demo-nextauth-secret");
  if (!fs.existsSync(file))
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  secret = fs.readFileSync(file, "utf8").trim();
}

const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const started = Date.now();
console.log("Claimdesk demo: building the app (about a minute on a small machine)…");
const build = spawnSync(process.execPath, [next, "build"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
if (build.status !== 0) {
  console.error("The build failed; see the messages above.");
  process.exit(build.status ?? 1);
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  CLAIMDESK_DEMO: "1",
  CLAIMDESK_DATA_DIR: dataDir,
  NEXTAUTH_SECRET: secret,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
};
// Started as `node …/next start` so this PID is the server itself (STACK-NOTES 9).
const server = spawn(process.execPath, [next, "start", "-p", port], { stdio: "inherit", env });

const url = env.NEXTAUTH_URL;
let announced = false;
const poll = setInterval(async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (res.ok && !announced) {
      announced = true;
      clearInterval(poll);
      console.log(
        `\nClaimdesk demo is ready at ${url} (${((Date.now() - started) / 1000).toFixed(1)} s after the command).\n`,
      );
    }
  } catch {
    // not up yet
  }
}, 500);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    clearInterval(poll);
    server.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  clearInterval(poll);
  process.exit(code ?? (signal ? 0 : 1));
});
