/**
 * `npm run bench -- detect`: the claim detector's accuracy on the hand-labelled sentences and
 * its speed on a 20,000-word synthetic health article. Prints figures only; the quality bar is
 * held by `lib/core/detect/accuracy.test.ts`.
 *
 * Two sets: `labelled-sentences.json` (written before the rules, but the rules were then
 * developed looking at it, so its figures are optimistic) and `holdout-sentences.json`
 * (written after the first version of the rules and run once before a few general fixes; see
 * tests/fixtures/detect/README.md for that first-run figure).
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { detectClaims } from "../lib/core/detect/detect";
import { evaluate, type LabelledSentence, labelledSetSchema } from "../lib/core/detect/evaluate";

const fixtures = path.join(import.meta.dirname, "..", "tests", "fixtures", "detect");
const load = (name: string): LabelledSentence[] =>
  labelledSetSchema.parse(JSON.parse(fs.readFileSync(path.join(fixtures, name), "utf8")));

function report(name: string, set: LabelledSentence[]) {
  const r = evaluate(set);
  console.log(`\n${name}`);
  console.log(
    `  sentences ${r.sentences} (check-worthy ${r.tp + r.fn})  TP ${r.tp}  FP ${r.fp}  FN ${r.fn}  TN ${r.tn}`,
  );
  console.log(
    `  precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  F1 ${r.f1.toFixed(3)}`,
  );
  for (const e of r.errors) console.log(`  ${e.expected ? "FN" : "FP"}  ${e.text}`);
}

/** A deterministic article of at least `words` words: headings, paragraphs, lists. */
function syntheticArticle(pool: string[], words: number): string {
  const paragraphs: string[] = [];
  let count = 0;
  let i = 0;
  while (count < words) {
    const heading = `Section ${paragraphs.length + 1}: what the evidence says`;
    const body: string[] = [];
    for (let n = 0; n < 6; n++) body.push(pool[(i++ * 7) % pool.length] ?? "");
    const list = [0, 1, 2].map(() => `- ${pool[(i++ * 11) % pool.length]}`);
    const block = `${heading}\n\n${body.join(" ")}\n\n${list.join("\n")}`;
    paragraphs.push(block);
    count += block.split(/\s+/).length;
  }
  return paragraphs.join("\n\n");
}

function throughput(text: string) {
  const words = text.split(/\s+/).length;
  for (let i = 0; i < 3; i++) detectClaims(text); // warm-up: JIT and regular-expression caches
  const times: number[] = [];
  let suggestions = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    suggestions = detectClaims(text).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`\nthroughput on a ${words}-word synthetic article (${text.length} characters)`);
  console.log(
    `  ${suggestions} suggestions per run; median ${median.toFixed(1)} ms, mean ${mean.toFixed(1)} ms, ` +
      `min ${times[0]?.toFixed(1)} ms over ${times.length} runs; ` +
      `${Math.round(words / (median / 1000)).toLocaleString("en")} words/s`,
  );
}

const labelled = load("labelled-sentences.json");
const holdout = load("holdout-sentences.json");
report("labelled-sentences.json (development set)", labelled);
report("holdout-sentences.json (held-out set)", holdout);
throughput(
  syntheticArticle(
    [...labelled, ...holdout].map((s) => s.text),
    20_000,
  ),
);
