// Temporary: the First Load JS measurement of bench/app-build-and-start.mjs on an existing build.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ApiClient, demoLogin, startServer } from "./tests/helpers/app-server.ts";

const distDir = process.argv[2] ?? ".next-e2e";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-fl-"));
const app = await startServer({ distDir, dataDir, port: 3213, demo: true });
try {
  const reviewer = await ApiClient.signIn(app.base, demoLogin("reviewer@example.com"));
  const html = await (
    await reviewer.get("/articles/how-does-stem-cell-therapy-treat-kidney-failure")
  ).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let gz = 0;
  for (const src of scripts)
    gz += gzipSync(Buffer.from(await (await fetch(new URL(src, app.base))).arrayBuffer()), {
      level: 9,
    }).length;
  console.log(`article page First Load JS: ${gz} bytes gzipped, ${scripts.length} scripts`);
} finally {
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
