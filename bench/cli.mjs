#!/usr/bin/env node
/**
 * `claimdesk` start-up: wall time of `--help`, of a usage error (an unknown command) and of
 * `detect` on the demo article, each the median of N runs (BENCH_CLI_RUNS, default 15), next
 * to `node -e 0` (Node's own start, the floor). With `--baseline DIR`, the same commands
 * through DIR/bin/claimdesk.mjs too, interleaved run by run so machine load hits both alike
 * (e.g. a checkout from before the bundle). Prints the load average with the figures.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const runs = Number(process.env.BENCH_CLI_RUNS ?? 15);
const baselineArg = process.argv.indexOf("--baseline");
const baseline = baselineArg >= 0 ? path.resolve(process.argv[baselineArg + 1]) : null;
const demo = path.join(root, "lib", "entry", "demo", "stem-cell-kidney-failure.txt");

const cases = [
  { name: "--help", args: ["--help"], status: 0 },
  { name: "usage error", args: ["frobnicate"], status: 2 },
  { name: "detect demo article", args: ["detect", demo], status: 0 },
];

const bins = [
  { label: "node -e 0", argv: (_args) => ["-e", "0"], only: "--help" },
  { label: "bin (this tree)", argv: (args) => [path.join(root, "bin", "claimdesk.mjs"), ...args] },
  ...(baseline
    ? [
        {
          label: `bin (${baseline})`,
          argv: (args) => [path.join(baseline, "bin", "claimdesk.mjs"), ...args],
        },
      ]
    : []),
];

function time(argv, expected, warmUp = false) {
  const started = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: os.tmpdir(), encoding: "utf8" });
  const ms = performance.now() - started;
  if (expected !== undefined && r.status !== expected) {
    throw new Error(`${argv.join(" ")} exited ${r.status}, not ${expected}:\n${r.stderr}`);
  }
  if (warmUp) return ms;
  if (r.stderr.includes("rebuilding") || r.stderr.includes("building the command line")) {
    throw new Error("the bundle was (re)built during the bench: run `npm run build:cli` first");
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// One untimed run each, so the file system cache is warm for all alike (and a stale bundle is
// rebuilt before the timing starts).
for (const c of cases)
  for (const b of bins) if (!b.only || b.only === c.name) time(b.argv(c.args), undefined, true);

console.log(
  `claimdesk start-up, median of ${runs} runs (load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")})`,
);
for (const c of cases) {
  const samples = new Map(bins.map((b) => [b.label, []]));
  for (let i = 0; i < runs; i++) {
    for (const b of bins) {
      if (b.only && b.only !== c.name) continue;
      samples.get(b.label).push(time(b.argv(c.args), b.only ? undefined : c.status));
    }
  }
  for (const [label, xs] of samples) {
    if (xs.length)
      console.log(`  ${c.name.padEnd(20)} ${label.padEnd(28)} ${Math.round(median(xs))} ms`);
  }
}
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
