/**
 * `npm run bench:load [-- SECONDS]`: 50 simulated reviewers (read the article page, create a
 * claim, add evidence, comment, again) for 60 s against `next start`, on PGlite and on
 * PostgreSQL; prints throughput, latency percentiles by request kind and the count of errors
 * (which must be zero: the command exits 1 otherwise). PostgreSQL is the server at
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), in a scratch
 * database dropped afterwards; BENCH_SKIP_BUILD=1 reuses the last build in BENCH_DIST_DIR
 * (default .next-bench; another tree's build can be measured side by side this way), BENCH_PORT
 * picks the first port (default 3194; PostgreSQL's server takes the next), BENCH_ENGINE=pglite
 * or postgres measures one engine only. Besides the totals it prints a growth table (latency
 * per 10-s window as the articles gain claims) and the server's CPU time per request (its
 * process tree's, from /proc: the driver shares the two cores, so wall time alone misleads).
 * The system tests run the same driver for 10 s (tests/system/load*.test.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ARTICLE_SLUG } from "@/lib/entry/demo/seed";
import { type AppServer, buildApp, ROOT } from "../tests/helpers/app-server";
import {
  formatGrowthTable,
  formatLoadReport,
  runLoad,
  signInWriters,
} from "../tests/helpers/load-driver";
import { onEachAppServer } from "./_app-servers";
import { serverCpuMs } from "./_server-cpu";

const USERS = 50;
const seconds = Number(process.argv[2] ?? process.env.LOAD_SECONDS ?? 60);
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const port = Number(process.env.BENCH_PORT ?? 3194);
process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

if (!process.env.BENCH_SKIP_BUILD || !fs.existsSync(path.join(ROOT, distDir))) {
  console.log(`next build: ${buildApp(distDir).toFixed(1)} s`);
}

let errors = 0;
async function measure(label: string, server: AppServer) {
  const pid = server.process.pid as number;
  const writers = await signInWriters(server.base);
  const cpuBefore = serverCpuMs(pid);
  const driverBefore = process.cpuUsage();
  const report = await runLoad({
    ...writers,
    slug: DEMO_ARTICLE_SLUG,
    users: USERS,
    durationMs: seconds * 1000,
  });
  const cpu = serverCpuMs(pid) - cpuBefore;
  const driver = process.cpuUsage(driverBefore);
  console.log(`${formatLoadReport(`${label} (${distDir})`, report)}
  server CPU ${(cpu / 1000).toFixed(1)} s over ${report.seconds.toFixed(0)} s: ${(cpu / report.requests).toFixed(1)} ms/request (the import of the 9 copies included); driver CPU ${((driver.user + driver.system) / 1e6).toFixed(1)} s; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}
${formatGrowthTable(report)}`);
  errors += report.errors;
}

await onEachAppServer({ name: "bench-load", port, distDir }, measure);

process.exit(errors > 0 ? 1 : 0);
