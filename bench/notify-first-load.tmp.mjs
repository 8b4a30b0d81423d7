#!/usr/bin/env node
/**
 * Figures for docs/figures.md (printed, never asserted): `next build` time, start of
 * `next start` to the first page served, and the First Load JS of the article review page
 * (sum of the gzipped scripts it references; Next 16 no longer prints it).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ApiClient, buildApp, demoLogin, startServer } from "../tests/helpers/app-server.ts";

const distDir = ".next-e2e";
const buildSeconds = 0;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-"));
const app = await startServer({ distDir, dataDir, port: 3203, demo: true });
const { base } = app;
try {
  const startSeconds = app.seconds;
  const reviewer = await ApiClient.signIn(base, demoLogin("reviewer@example.com"));
  const page = await reviewer.get("/articles/how-does-stem-cell-therapy-treat-kidney-failure");
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
    `next start → healthy:          ${startSeconds.toFixed(1)} s (new PGlite directory, demo seeding included)`,
  );
  console.log(
    `article page First Load JS:    ${kb(gz)} gzipped, ${gz} bytes (${kb(raw)} raw, ${scripts.length} scripts; budget 300 kB = 307,200 bytes)`,
  );
  for (const { src, size } of perScript.sort((a, b) => b.size - a.size))
    console.log(`  ${kb(size).padStart(9)}  ${src}`);
} finally {
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });

}
