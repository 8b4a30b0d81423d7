/**
 * The claims library matcher's accuracy (lib/core/library/relation.ts) on the labelled pairs of
 * tests/fixtures/library/pairs.jsonl, per split: precision/recall/F1 of "same" and of
 * "opposite", matching (same or opposite) against unrelated, the confusion matrix, the share of
 * opposites flagged, and a breakdown by `kind`. Prints figures only; nothing is asserted.
 *
 *   node --conditions=react-server --import tsx bench/library-accuracy.ts [--split train,dev] [--errors]
 *
 * Without --split it prints train, dev and test. The rules were tuned on train only (see the
 * fixture's README.md for how dev and test may be used); --errors lists the wrong pairs and is
 * meant for train.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compareClaim, type Relation } from "../lib/core/library/relation";

interface Pair {
  id: string;
  library: string;
  sentence: string;
  label: Relation;
  kind: string;
  split: "train" | "dev" | "test";
}

const file = path.join(import.meta.dirname, "..", "tests", "fixtures", "library", "pairs.jsonl");
const pairs: Pair[] = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Pair);

const args = process.argv.slice(2);
const splitArg = args[args.indexOf("--split") + 1];
const splits =
  args.includes("--split") && splitArg ? splitArg.split(",") : ["train", "dev", "test"];
const showErrors = args.includes("--errors");
const LABELS: Relation[] = ["same", "opposite", "unrelated"];

const pct = (n: number, d: number) => (d === 0 ? "  -  " : (n / d).toFixed(3));
function prf(tp: number, fp: number, fn: number) {
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return `precision ${p.toFixed(3)}  recall ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (TP ${tp} FP ${fp} FN ${fn})`;
}

function report(split: string, set: Pair[]) {
  const results = set.map((p) => ({ p, got: compareClaim(p.library, p.sentence) }));
  const count = (label: Relation | null, got: Relation | null) =>
    results.filter((r) => (!label || r.p.label === label) && (!got || r.got.relation === got))
      .length;
  const claims = new Set(set.map((p) => p.library)).size;
  console.log(`\n== ${split}: ${set.length} pairs, ${claims} claims`);
  for (const label of ["same", "opposite"] as const) {
    const tp = count(label, label);
    console.log(
      `  ${label.padEnd(9)} ${prf(tp, count(null, label) - tp, count(label, null) - tp)}`,
    );
  }
  const isMatch = (r: Relation) => r !== "unrelated";
  const mtp = results.filter((r) => isMatch(r.p.label) && isMatch(r.got.relation)).length;
  const mfp = results.filter((r) => !isMatch(r.p.label) && isMatch(r.got.relation)).length;
  const mfn = results.filter((r) => isMatch(r.p.label) && !isMatch(r.got.relation)).length;
  console.log(`  matching  ${prf(mtp, mfp, mfn)}  [same|opposite vs unrelated]`);
  const opp = count("opposite", null);
  console.log(
    `  opposites flagged ${count("opposite", "opposite")}/${opp} = ${pct(count("opposite", "opposite"), opp)}` +
      `;  opposites carried as same ${count("opposite", "same")}` +
      `;  same flagged as opposite ${count("same", "opposite")}` +
      `;  unrelated flagged as opposite ${count("unrelated", "opposite")}`,
  );
  console.log(`  confusion (rows = label, columns = answer)`);
  console.log(`    ${"".padEnd(10)}${LABELS.map((l) => l.padStart(10)).join("")}`);
  for (const label of LABELS) {
    console.log(
      `    ${label.padEnd(10)}${LABELS.map((g) => String(count(label, g)).padStart(10)).join("")}`,
    );
  }
  console.log(`  by kind (label/kind: right of total)`);
  const kinds = [...new Set(set.map((p) => `${p.label}/${p.kind}`))].sort();
  for (const k of kinds) {
    const rs = results.filter((r) => `${r.p.label}/${r.p.kind}` === k);
    const right = rs.filter((r) => r.got.relation === r.p.label).length;
    console.log(`    ${k.padEnd(28)} ${String(right).padStart(3)}/${rs.length}`);
  }
  const missed = new Map<string, number>();
  for (const r of results.filter((x) => x.got.relation !== x.p.label)) {
    const key = r.got.relation === "unrelated" ? r.got.reason : `${r.p.label}→${r.got.relation}`;
    missed.set(key, (missed.get(key) ?? 0) + 1);
  }
  console.log(
    `  errors by cause: ${[...missed].map(([k, n]) => `${k} ${n}`).join("; ") || "none"}`,
  );
  if (showErrors) {
    for (const r of results.filter((x) => x.got.relation !== x.p.label)) {
      console.log(
        `  ✗ ${r.p.id} ${r.p.label}→${r.got.relation} (${r.p.kind}) score ${r.got.score.toFixed(2)} ` +
          `${r.got.reason}; missing ${r.got.missing.join(" ")}\n      ${r.p.library}\n      ${r.p.sentence}`,
      );
    }
  }
}

if (args.includes("--grid")) {
  // Threshold search, on train only: matching precision and recall for each setting.
  const train = pairs.filter((p) => p.split === "train");
  for (const score of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65]) {
    for (const part of [0.3, 0.35, 0.4, 0.45, 0.5]) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const p of train) {
        const got = compareClaim(p.library, p.sentence, { score, part }).relation;
        if (p.label !== "unrelated" && got !== "unrelated") tp++;
        else if (got !== "unrelated") fp++;
        else if (p.label !== "unrelated") fn++;
      }
      console.log(`score ${score} part ${part}: ${prf(tp, fp, fn)}`);
    }
  }
  process.exit(0);
}

for (const split of splits) {
  report(
    split,
    pairs.filter((p) => p.split === split),
  );
}

const t0 = performance.now();
let n = 0;
for (let round = 0; round < 5; round++) {
  for (const p of pairs.filter((x) => splits.includes(x.split))) {
    compareClaim(p.library, p.sentence);
    n++;
  }
}
const ms = performance.now() - t0;
console.log(
  `\nspeed: ${n} comparisons in ${ms.toFixed(0)} ms (${((ms / n) * 1000).toFixed(0)} µs each)`,
);
