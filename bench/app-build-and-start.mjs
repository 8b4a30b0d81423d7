#!/usr/bin/env node
/**
 * Figures for docs/figures.md (printed, never asserted): `next build` time, start of
 * `next start` to the first page served, and the First Load JS of the article review page
 * (sum of the gzipped scripts it references; Next 16 no longer prints it).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const next = path.join("node_modules", "next", "dist", "bin", "next");
const port = 3190;
const base = `http://localhost:${port}`;
const env = { ...process.env, NEXT_DIST_DIR: ".next-bench", NEXT_TELEMETRY_DISABLED: "1" };

fs.rmSync(".next-bench", { recursive: true, force: true });
let t = performance.now();
const build = spawnSync(process.execPath, [next, "build"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
if (build.status !== 0) throw new Error("build failed");
const buildSeconds = (performance.now() - t) / 1000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-"));
t = performance.now();
const server = spawn(process.execPath, [next, "start", "-p", String(port)], {
  env: {
    ...env,
    NODE_ENV: "production",
    CLAIMDESK_DEMO: "1",
    CLAIMDESK_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: "bench-secret-0123456789abcdef",
    NEXTAUTH_URL: base,
  },
  stdio: "ignore",
});
try {
  let up = false;
  while (!up) {
    try {
      up = (await fetch(`${base}/signin`)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const startSeconds = (performance.now() - t) / 1000;

  // Sign in through next-auth's own endpoints, as the browser does.
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({
      csrfToken,
      email: "reviewer@example.com",
      password: "demo-reviewer-pass",
      json: "true",
    }),
  });
  cookies.push(...login.headers.getSetCookie().map((c) => c.split(";")[0]));
  const page = await fetch(`${base}/articles/how-does-stem-cell-therapy-treat-kidney-failure`, {
    headers: { cookie: cookies.join("; ") },
  });
  const html = await page.text();
  if (
    !html.includes("Create claim") &&
    !html.includes("article-text") &&
    !html.includes("Claims (")
  ) {
    throw new Error(`article page did not render (status ${page.status})`);
  }
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let gz = 0;
  let raw = 0;
  const perScript = [];
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    const size = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += size;
    perScript.push({ src, size });
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`next build:                    ${buildSeconds.toFixed(1)} s`);
  console.log(
    `next start → first page:       ${startSeconds.toFixed(1)} s (new PGlite directory, demo seeding included)`,
  );
  console.log(
    `article page First Load JS:    ${kb(gz)} gzipped (${kb(raw)} raw, ${scripts.length} scripts; budget 300 kB)`,
  );
  for (const { src, size } of perScript.sort((a, b) => b.size - a.size))
    console.log(`  ${kb(size).padStart(9)}  ${src}`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(".next-bench", { recursive: true, force: true });
}
