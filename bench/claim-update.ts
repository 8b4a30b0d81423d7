/**
 * `node --conditions=react-server --import tsx bench/claim-update.ts [N]`: one claim update
 * (`POST /api/actions/claim.update`, a changed rationale, so the audit event is written too)
 * over HTTP on an idle `next start`, N times one after the other (default 200, after 20 not
 * counted); prints p50/p95/max per engine and the server's CPU per request. Then, for the cost
 * of a read beside it, the review page of the same article once it has 40 claims (each with an
 * evidence item and a comment, as the load's rounds make them), N/2 times. Same environment as
 * bench/load.ts: BENCH_DIST_DIR (default .next-bench, built if missing), BENCH_PORT (default
 * 3196), BENCH_ENGINE=pglite|postgres, TEST_DATABASE_URL for PostgreSQL's scratch database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ARTICLE_SLUG } from "@/lib/entry/demo/seed";
import {
  ApiClient,
  type AppServer,
  buildApp,
  demoLogin,
  ROOT,
  sentenceRanges,
} from "../tests/helpers/app-server";
import { reviewRound } from "../tests/helpers/workload";
import { onEachAppServer } from "./_app-servers";
import { serverCpuMs } from "./_server-cpu";

const N = Number(process.argv[2] ?? 200);
const WARM_UP = 20;
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const port = Number(process.env.BENCH_PORT ?? 3196);
process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

if (!fs.existsSync(path.join(ROOT, distDir))) {
  console.log(`next build: ${buildApp(distDir).toFixed(1)} s`);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function measure(label: string, server: AppServer) {
  const reviewer = await ApiClient.signIn(server.base, demoLogin("reviewer@example.com"));
  const article = await reviewer.article(DEMO_ARTICLE_SLUG);
  const sentence = sentenceRanges(article.revision.plainText)[0];
  if (!sentence) throw new Error("the demo article has no sentence");
  const created = await reviewer.action<{ id: string; version: number }>("claim.create", {
    revisionId: article.revision.id,
    ...sentence,
  });
  if (!("data" in created)) throw new Error(`claim.create: ${created.error.message}`);
  let version = created.data.version;
  const times: number[] = [];
  let cpuBefore = 0;
  for (let i = 0; i < WARM_UP + N; i++) {
    if (i === WARM_UP) cpuBefore = serverCpuMs(server.process.pid as number);
    const started = performance.now();
    const result = await reviewer.action<{ version: number }>("claim.update", {
      claimId: created.data.id,
      version,
      status: "in_review",
      verdict: null,
      severity: "medium",
      rationale: `Checked against the source, pass ${i}.`,
      suggestedCorrection: "",
    });
    const ms = performance.now() - started;
    if (!("data" in result)) throw new Error(`claim.update: ${result.error.message}`);
    version = result.data.version;
    if (i >= WARM_UP) times.push(ms);
  }
  const cpu = serverCpuMs(server.process.pid as number) - cpuBefore;
  console.log(`${label} (${distDir}): claim.update over HTTP, ${summary(times, cpu)}`);

  for (let i = 1; i < 40; i++) await reviewRound(reviewer, article, i, `idle-${i}`);
  const page = `/articles/${encodeURIComponent(DEMO_ARTICLE_SLUG)}`;
  const pageTimes: number[] = [];
  let pageCpuBefore = 0;
  let bytes = 0;
  for (let i = 0; i < WARM_UP + N / 2; i++) {
    if (i === WARM_UP) pageCpuBefore = serverCpuMs(server.process.pid as number);
    const started = performance.now();
    const response = await reviewer.get(page);
    bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`GET ${page}: ${response.status}`);
    if (i >= WARM_UP) pageTimes.push(performance.now() - started);
  }
  const pageCpu = serverCpuMs(server.process.pid as number) - pageCpuBefore;
  console.log(
    `${label} (${distDir}): review page, 40 claims (${(bytes / 1024).toFixed(0)} kB as sent), ${summary(pageTimes, pageCpu)}`,
  );
}

function summary(times: number[], cpuMs: number) {
  const sorted = [...times].sort((a, b) => a - b);
  return `n=${sorted.length}: p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms; server CPU ${(cpuMs / sorted.length).toFixed(1)} ms/request; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
}

await onEachAppServer({ name: "bench-update", port, distDir }, measure);
