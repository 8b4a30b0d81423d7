#!/usr/bin/env node
/**
 * The public page of a large publication: an article of ~60,000 words with 1,000
 * claims and 3,000 evidence items, published through the real workflow, served by `next start`
 * on PGlite and loaded with 10 connections for 10 s each:
 * - `/p/<slug>` as autocannon asks for it (no compression), as browsers do (`br, gzip`: brotli),
 *   and from a client that takes only gzip, each from the render cache's copy in that coding;
 * - `/p/<slug>/export?format=docx`, the heaviest download, as it is and as browsers ask.
 * Load comes from wrk when it is installed (Debian: `apt-get install wrk`; a C client leaves the
 * two cores to the server), else autocannon. Prints requests/s and latency; never asserts.
 * Target: at least 300 requests/s for the page with `br, gzip` (issue 15).
 * BENCH_SKIP_BUILD=1 reuses .next-bench; BENCH_ONLY=page,br (titles, comma-separated) runs only
 * those.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { buildApp, ROOT as root, startServer } from "../tests/helpers/app-server.ts";

const distDir = ".next-bench";
if (!process.env.BENCH_SKIP_BUILD || !fs.existsSync(path.join(root, distDir))) buildApp(distDir);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-public-"));
const t0 = performance.now();
const seed = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "bench/_seed-published-article.ts", dataDir],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (seed.status !== 0) throw new Error("seeding failed");
const seeded = JSON.parse(seed.stdout.trim().split("\n").at(-1));
console.log(
  `seeded ${seeded.claims} claims, ${seeded.evidence} evidence items, published, in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

const app = await startServer({ distDir, dataDir, port: 3192, demo: false });
const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;
console.log(`load: ${hasWrk ? "wrk" : "autocannon"}, 10 connections, 10 s`);
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
console.log(`load average before: ${loadAverage()}`);

/** requests/s, latency p50/p99 in ms, MiB/s and failed requests of one 10-second run. */
async function load(url, headers = {}) {
  if (hasWrk) {
    const args = ["-t2", "-c10", "-d10s", "--latency", url];
    for (const [k, v] of Object.entries(headers)) args.unshift("-H", `${k}: ${v}`);
    const out = execFileSync("wrk", args, { encoding: "utf8" });
    const num = (re) => Number(out.match(re)?.[1] ?? Number.NaN);
    const ms = (re) => {
      const m = out.match(re);
      if (!m) return Number.NaN;
      const unit = m[2];
      return Number(m[1]) * (unit === "s" ? 1000 : unit === "us" ? 0.001 : 1);
    };
    const transfer = out.match(/Transfer\/sec:\s+([\d.]+)(\w+)/);
    const scale = { B: 1 / 1048576, KB: 1 / 1024, MB: 1, GB: 1024 }[transfer?.[2] ?? "MB"] ?? 1;
    return {
      rps: num(/Requests\/sec:\s+([\d.]+)/),
      p50: ms(/50%\s+([\d.]+)(us|ms|s)/),
      p99: ms(/99%\s+([\d.]+)(us|ms|s)/),
      mib: Number(transfer?.[1] ?? Number.NaN) * scale,
      failed: num(/Non-2xx or 3xx responses:\s+(\d+)/) || 0,
    };
  }
  const result = await new Promise((resolve, reject) =>
    autocannon({ url, connections: 10, duration: 10, headers }, (err, r) =>
      err ? reject(err) : resolve(r),
    ),
  );
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mib: result.throughput.average / 1048576,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

try {
  const page = `${app.base}/p/${seeded.slug}`;
  const first = performance.now();
  const response = await fetch(page);
  const body = await response.arrayBuffer();
  console.log(
    `first request (nothing cached): ${(performance.now() - first).toFixed(0)} ms, ${(body.byteLength / 1024).toFixed(0)} KiB, status ${response.status}`,
  );
  // The size each coding sends (fetch would decode the body: read it through node:http).
  for (const acceptEncoding of ["br, gzip", "gzip"]) {
    const { coding, bytes } = await new Promise((resolve, reject) =>
      http
        .get(page, { headers: { "accept-encoding": acceptEncoding } }, (r) => {
          let n = 0;
          r.on("data", (chunk) => {
            n += chunk.length;
          });
          r.on("end", () => resolve({ coding: r.headers["content-encoding"], bytes: n }));
        })
        .on("error", reject),
    );
    console.log(`page as ${coding ?? "identity"}: ${(bytes / 1024).toFixed(0)} KiB`);
  }
  const only = process.env.BENCH_ONLY?.split(",").map((t) => t.trim());
  const browser = { "accept-encoding": "br, gzip" };
  for (const [title, url, headers] of [
    ["page", page, {}],
    ["page, br", page, browser],
    ["page, gzip", page, { "accept-encoding": "gzip" }],
    ["docx download", `${page}/export?format=docx`, {}],
    ["docx, br", `${page}/export?format=docx`, browser],
  ].filter(([title]) => !only || only.includes(title))) {
    const r = await load(url, headers);
    console.log(
      `${title.padEnd(14)} ${r.rps.toFixed(0).padStart(5)} requests/s  latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms  ${r.mib.toFixed(1)} MiB/s  ${r.failed} failed`,
    );
  }
  console.log(`load average after: ${loadAverage()}`);
} finally {
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
