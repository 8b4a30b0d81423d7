/**
 * `npm run bench -- anchoring`: the anchoring engine (lib/core/anchoring/anchor.ts) on
 * (1) the real-world corpus in ../shared/benchmarks/anchoring-yawp (453 quotes of public
 *     Hypothesis annotations on an older version of a web page; see its README), and
 * (2) a synthetic 1 MB health text with 1,000 claims and a revision with ~5% of it edited,
 *     where every answer is known, against (3) a baseline done as the Hypothesis client does it
 *     (old position, else exact search, else approximate search over the whole text for each
 *     quote on its own, best by context score, no threshold).
 * Prints figures only; record them in docs/figures.md.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import approxSearch from "approx-string-match";
import { type AnchorResult, type AnchorSelector, anchorMany } from "../lib/core/anchoring/anchor";
import { describeRange } from "../lib/core/anchoring/describe";
import { type SyntheticCase, syntheticCase } from "./_anchoring-synthetic";
import { htmlBodyText } from "./_html-text";

const repo = path.resolve(import.meta.dirname, "..");
const corpusDir = path.resolve(repo, "../shared/benchmarks/anchoring-yawp");

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs `fn` `runs` times after two warm-up runs; the median time and the last result. */
function timed<T>(runs: number, fn: () => T): { ms: number; result: T } {
  fn();
  let result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

function countStates(results: AnchorResult[]) {
  const counts = { exact: 0, moved: 0, changed: 0, orphaned: 0 };
  for (const r of results) counts[r.state]++;
  return counts;
}

/** Lower-case words, for a check of an anchor that owes nothing to the engine's own scoring. */
function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Dice coefficient of the two texts' word multisets: 1 same words, 0 none in common. */
function wordOverlap(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const w of words(a)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  const other = words(b);
  for (const w of other) {
    const left = counts.get(w) ?? 0;
    if (left > 0) {
      common++;
      counts.set(w, left - 1);
    }
  }
  return (2 * common) / Math.max(1, words(a).length + other.length);
}

function corpus() {
  console.log("\n(1) Real-world corpus: The American Yawp, ch. 1, 453 Hypothesis quotes");
  const html = path.join(corpusDir, "american-yawp-01-the-new-world.html");
  const selectorsFile = path.join(corpusDir, "american-yawp-01-the-new-world.selectors.json");
  if (!fs.existsSync(html) || !fs.existsSync(selectorsFile)) {
    console.log(`  skipped: the corpus is not at ${corpusDir}`);
    return;
  }
  const { text, unknownEntities } = htmlBodyText(fs.readFileSync(html, "utf8"));
  interface Row {
    selector: { type: string; exact?: string; prefix?: string; suffix?: string; start?: number }[];
  }
  const rows = (JSON.parse(fs.readFileSync(selectorsFile, "utf8")) as { rows: Row[] }).rows;
  const selectors: AnchorSelector[] = [];
  for (const row of rows) {
    const quote = row.selector.find((s) => s.type === "TextQuoteSelector");
    const position = row.selector.find((s) => s.type === "TextPositionSelector");
    if (quote?.exact === undefined) continue;
    selectors.push({
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      start: position?.start ?? null,
    });
  }
  console.log(
    `  page text: ${text.length.toLocaleString("en")} characters (body text without scripts and ` +
      `styles${unknownEntities.length ? `; undecoded: ${unknownEntities.join(" ")}` : ""})`,
  );
  const { ms, result } = timed(5, () => anchorMany(text, selectors));
  const counts = countStates(result);
  const anchored = selectors.length - counts.orphaned;
  const verbatim = selectors.filter((s) => text.includes(s.exact)).length;
  const highScore = result.filter((r) => r.state === "changed" && r.score >= 0.8).length;
  // No answer key exists for this corpus. A fuzzy anchor is counted as doubtful when the words
  // it covers share less than half of the quote's words, and each doubtful one is printed to be
  // judged by reading it.
  const doubtful: string[] = [];
  result.forEach((r, i) => {
    const exact = selectors[i]?.exact ?? "";
    if (r.start === null || r.end === null) return;
    const found = text.slice(r.start, r.end);
    const overlap = wordOverlap(exact, found);
    if (overlap < 0.5) doubtful.push(`    ${overlap.toFixed(2)} "${exact}" → "${found}"`);
  });
  console.log(`  quotes: ${selectors.length}; found verbatim in the page text: ${verbatim}`);
  console.log(
    `  anchored ${anchored} of ${selectors.length} (published: dom-anchor-text-quote 318, ` +
      `anchor-quote 331): exact ${counts.exact}, moved ${counts.moved} (same words), changed ` +
      `${counts.changed} (${highScore} with score ≥ 0.8); orphaned ${counts.orphaned}`,
  );
  console.log(`  doubtful anchors (word overlap with the quote < 0.5): ${doubtful.length}`);
  for (const line of doubtful) console.log(line);
  console.log(`  whole batch: ${ms.toFixed(1)} ms median of 5 (after 2 warm-up runs)`);
}

/** A Hypothesis client-like anchoring of one selector, for the baseline (see the top). */
function hypothesisLike(text: string, sel: AnchorSelector): { start: number; end: number } | null {
  const { exact, prefix = "", suffix = "" } = sel;
  const hint = sel.start ?? null;
  if (hint !== null && text.startsWith(exact, hint))
    return { start: hint, end: hint + exact.length };
  let matches: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    matches.push({ start: at, end: at + exact.length, errors: 0 });
  }
  if (matches.length === 0) {
    matches = approxSearch(text, exact, Math.min(256, Math.floor(exact.length / 2)));
  }
  const textMatchScore = (slice: string, context: string) => {
    if (context.length === 0 || slice.length === 0) return 0;
    const best = approxSearch(slice, context, context.length)[0];
    return best ? 1 - best.errors / context.length : 0;
  };
  let best: { start: number; end: number; score: number } | null = null;
  for (const m of matches) {
    const prefixScore = prefix
      ? textMatchScore(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix)
      : 1;
    const suffixScore = suffix
      ? textMatchScore(text.slice(m.end, m.end + suffix.length), suffix)
      : 1;
    const posScore = hint === null ? 1 : 1 - Math.abs(m.start - hint) / text.length;
    const score =
      (50 * (1 - m.errors / exact.length) + 20 * prefixScore + 20 * suffixScore + 2 * posScore) /
      92;
    if (!best || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best;
}

/** How the found ranges compare with the known answers of the synthetic case. */
function grade(c: SyntheticCase, found: ({ start: number | null; end: number | null } | null)[]) {
  let correct = 0;
  let missed = 0;
  let wrong = 0;
  c.claims.forEach((claim, i) => {
    const f = found[i];
    const anchored =
      f && f.start !== null && f.end !== null ? { start: f.start, end: f.end } : null;
    if (claim.newStart === null || claim.newEnd === null) {
      if (anchored) wrong++;
      else correct++;
      return;
    }
    if (!anchored) {
      missed++;
      return;
    }
    // An unchanged quote must be found exactly; a changed one must overlap its new range well.
    const overlap = Math.min(anchored.end, claim.newEnd) - Math.max(anchored.start, claim.newStart);
    const union = Math.max(anchored.end, claim.newEnd) - Math.min(anchored.start, claim.newStart);
    const right = claim.changed
      ? overlap / union >= 0.8
      : anchored.start === claim.newStart && anchored.end === claim.newEnd;
    if (right) correct++;
    else wrong++;
  });
  const total = c.claims.length;
  const pct = (k: number) => `${((100 * k) / total).toFixed(1)}%`;
  return `correct ${correct}/${total} (${pct(correct)}), missed ${missed}, wrong ${wrong}`;
}

function synthetic() {
  console.log("\n(2) Synthetic: ~1 MB health text, 1,000 claims, a revision with ~5% edited");
  const c = syntheticCase(1_000_000, 1000, 0.05, 7);
  const selectors: AnchorSelector[] = c.claims.map((claim) => {
    const { quote, position } = describeRange(c.oldText, claim.oldStart, claim.oldEnd);
    return { ...quote, start: position.start, end: position.end };
  });
  const deleted = c.claims.filter((x) => x.newStart === null).length;
  const changed = c.claims.filter((x) => x.changed).length;
  console.log(
    `  old text ${c.oldText.length.toLocaleString("en")} characters, new ${c.newText.length.toLocaleString("en")}; ` +
      `${(100 * c.editedShare).toFixed(1)}% of the old text in edited, deleted or inserted-after ` +
      `sentences; truth: ${changed} claims reworded, ${deleted} deleted`,
  );

  const same = timed(9, () => anchorMany(c.oldText, selectors));
  const sameCounts = countStates(same.result);
  console.log(
    `  all-exact case (claims on their own text): ${same.ms.toFixed(1)} ms median of 9; ` +
      `exact ${sameCounts.exact}/${selectors.length}`,
  );
  const edited = timed(9, () => anchorMany(c.newText, selectors));
  const counts = countStates(edited.result);
  console.log(
    `  revision: ${edited.ms.toFixed(1)} ms median of 9; exact ${counts.exact}, moved ` +
      `${counts.moved}, changed ${counts.changed}, orphaned ${counts.orphaned}`,
  );
  console.log(`    ${grade(c, edited.result)}`);
  // The revision service passes the old text too, so that a claim whose paragraph moved is
  // `moved` rather than `exact` (lib/core/anchoring/blocks.ts): the same revision, as saved.
  const withOld = timed(9, () => anchorMany(c.newText, selectors, { previousText: c.oldText }));
  const oldCounts = countStates(withOld.result);
  console.log(
    `  revision with the old text (as saved): ${withOld.ms.toFixed(1)} ms median of 9; exact ` +
      `${oldCounts.exact}, moved ${oldCounts.moved}, changed ${oldCounts.changed}, orphaned ` +
      `${oldCounts.orphaned}`,
  );
  console.log(`    ${grade(c, withOld.result)}`);

  console.log("\n(3) Baseline on the same revision: Hypothesis-like, one quote at a time");
  // Median of 3 in the same run as the engine's figures above, so that the ratio printed is
  // not skewed by the machine's load moving between runs.
  const baseline = timed(3, () => selectors.map((s) => hypothesisLike(c.newText, s)));
  console.log(`  ${baseline.ms.toFixed(0)} ms median of 3; ${grade(c, baseline.result)}`);
  console.log(
    `  the engine on the revision is ${(baseline.ms / edited.ms).toFixed(1)}× faster ` +
      `(${(baseline.ms / withOld.ms).toFixed(1)}× with the old text, as saved)`,
  );
}

corpus();
synthetic();
