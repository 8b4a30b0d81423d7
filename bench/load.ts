/**
 * `npm run bench:load [-- SECONDS]`: 50 simulated reviewers (read the article page, create a
 * claim, add evidence, comment, again) for 60 s against `next start`, on PGlite and on
 * PostgreSQL; prints throughput, latency percentiles by request kind and the count of errors
 * (which must be zero: the command exits 1 otherwise). PostgreSQL is the server at
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), in a scratch
 * database dropped afterwards; BENCH_SKIP_BUILD=1 reuses the last build in .next-bench.
 * The system tests run the same driver for 10 s (tests/system/load*.test.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ARTICLE_SLUG } from "@/lib/entry/demo/seed";
import {
  type AppServer,
  buildApp,
  createScratchDatabase,
  ROOT,
  startServer,
} from "../tests/helpers/app-server";
import { formatLoadReport, runLoad, signInWriters } from "../tests/helpers/load-driver";

const USERS = 50;
const seconds = Number(process.argv[2] ?? process.env.LOAD_SECONDS ?? 60);
const distDir = ".next-bench";
process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

if (!process.env.BENCH_SKIP_BUILD || !fs.existsSync(path.join(ROOT, distDir))) {
  console.log(`next build: ${buildApp(distDir).toFixed(1)} s`);
}

let errors = 0;
async function measure(label: string, server: AppServer) {
  const report = await runLoad({
    ...(await signInWriters(server.base)),
    slug: DEMO_ARTICLE_SLUG,
    users: USERS,
    durationMs: seconds * 1000,
  });
  console.log(formatLoadReport(label, report));
  errors += report.errors;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-load-"));
try {
  const server = await startServer({ port: 3194, dataDir, distDir });
  try {
    await measure("PGlite", server);
  } finally {
    await server.stop();
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const scratch = await createScratchDatabase("bench_load").catch((err: unknown) => {
  console.log(`PostgreSQL: not measured (${err instanceof Error ? err.message : err})`);
  return null;
});
if (scratch) {
  try {
    const server = await startServer({ port: 3195, databaseUrl: scratch.url, distDir });
    try {
      await measure("PostgreSQL", server);
    } finally {
      await server.stop();
    }
  } finally {
    await scratch.drop();
  }
}
process.exit(errors > 0 ? 1 : 0);
