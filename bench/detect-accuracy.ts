/**
 * `npm run bench -- detect`: the claim detector's accuracy on the hand-labelled sentences and
 * its speed on a 20,000-word synthetic health article. Prints figures only; the quality bar is
 * held by `lib/core/detect/accuracy.test.ts`.
 *
 * Sets: the training sets (`labelled-sentences.json`, `train-sentences.json`; optimistic) and
 * the held-out sets, never trained on (`holdout-sentences.json`, `test-sentences.json`,
 * `test-second-kind.json`), each with the rules-only baseline beside it and figures per kind
 * (the `note` of each sentence). See docs/detector.md.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { readContext } from "../lib/core/detect/context";
import { detectClaims, REASON_CAP, ruleMatches } from "../lib/core/detect/detect";
import { evaluate, type LabelledSentence, labelledSetSchema } from "../lib/core/detect/evaluate";
import { splitSentences } from "../lib/core/detect/split";

const fixtures = path.join(import.meta.dirname, "..", "tests", "fixtures", "detect");
const load = (name: string): LabelledSentence[] =>
  labelledSetSchema.parse(JSON.parse(fs.readFileSync(path.join(fixtures, name), "utf8")));

/** The rules alone, as before the model: suggested from a summed score of 1 up. */
const rulesOnly = (text: string) =>
  splitSentences(text).some((s) => {
    const c = readContext(s.text, s);
    if (c.question || c.heading) return false;
    const per = new Map<string, number>();
    for (const m of ruleMatches(s.text)) per.set(m.reason, (per.get(m.reason) ?? 0) + m.weight);
    let score = 0;
    for (const v of per.values()) score += Math.min(REASON_CAP, v);
    for (const a of c.adjustments) score += a.delta;
    return per.size > 0 && score >= 1;
  });

function report(name: string, set: LabelledSentence[], errors = true) {
  const r = evaluate(set);
  const base = evaluate(set, rulesOnly);
  console.log(`\n${name}`);
  console.log(
    `  rules only (before): precision ${base.precision.toFixed(3)}  recall ${base.recall.toFixed(3)}  F1 ${base.f1.toFixed(3)}`,
  );
  const kinds = [...new Set(set.map((s) => s.note ?? ""))];
  for (const kind of kinds) {
    const part = set.filter((s) => (s.note ?? "") === kind);
    const k = evaluate(part);
    const b = evaluate(part, rulesOnly);
    const positives = part.filter((s) => s.checkWorthy).length;
    console.log(
      `  ${kind.padEnd(22)} n=${String(part.length).padStart(3)} (+${positives})  ` +
        (positives > 0 && positives < part.length
          ? `P ${k.precision.toFixed(2)} R ${k.recall.toFixed(2)} F1 ${k.f1.toFixed(2)}  (rules F1 ${b.f1.toFixed(2)})`
          : positives > 0
            ? `recall ${k.recall.toFixed(2)} (rules ${b.recall.toFixed(2)})`
            : `false positives ${k.fp} (rules ${b.fp})`),
    );
  }
  if (!errors) {
    console.log(
      `  precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  F1 ${r.f1.toFixed(3)}`,
    );
    return;
  }
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
const training = load("train-sentences.json");
const holdout = load("holdout-sentences.json");
const test = load("test-sentences.json");
const second = load("test-second-kind.json");
report("labelled-sentences.json (training set)", labelled, false);
report("train-sentences.json (training set)", training, false);
report("holdout-sentences.json (old held-out set, not trained on)", holdout);
report("test-sentences.json (held-out health sentences, not trained on)", test);
report("test-second-kind.json (held-out forum, press, ads, news, social; not trained on)", second);
throughput(
  syntheticArticle(
    [...labelled, ...holdout].map((s) => s.text),
    20_000,
  ),
);
