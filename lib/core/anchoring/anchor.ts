/**
 * Anchoring: finding where a described range sits in a (possibly edited) text. Pure, no I/O.
 *
 * CONTRACT (used by the revision service, the annotation import and the CLI; keep it):
 *   anchorQuote(text, selector, options?) → AnchorResult
 *   anchorMany(text, selectors, options?) → AnchorResult[]   (same order; shares work)
 * Offsets are JavaScript string (UTF-16) offsets into `text`. `options.previousText` is the text
 * the selectors' `start` offsets refer to (the revision being replaced), when it is known.
 *
 * STATES. Whitespace is never evidence: a run of spaces, tabs or line breaks equals any other
 * (splitting or merging a paragraph changes no words). "Context" is the selector's prefix and
 * suffix, compared right next to the found text; an absent or empty side tells nothing.
 * - `exact`: same text, same place: the quote, character for character, with its whole context
 *   unchanged around it, and, when the previous text is known, in the same place relative to
 *   the document's blocks (blocks.ts: its paragraph keeps its order among the paragraphs left
 *   unchanged). Edits elsewhere that only shift offsets keep a claim exact; a paragraph cut and
 *   pasted elsewhere makes its claims `moved`, though their context moved with them. A selector
 *   without any context is exact only at its old position (shifted as its neighbours were), or,
 *   without an old position either, at its first occurrence. Score 1.
 * - `moved`: the same words as the quote (whitespace aside), but not with its whole context, or
 *   not in the same place: elsewhere, with its surroundings edited, or with its paragraph moved.
 *   Nothing to re-check.
 * - `changed`: found only approximately: the wording changed, the verdict must be re-checked.
 * - `orphaned`: not found with confidence: start/end null, score 0.
 * `moved` and `changed` must pass the thresholds in rules.ts (`accepted`): a short phrase seen
 * elsewhere in other surroundings, or a loose look-alike, is a guess, and a guess is orphaned.
 * Their score is the mean of the quote's similarity (1 − edit distance / length) and the
 * context's, below 1: higher is surer.
 *
 * HOW. Selectors go in the order of their old positions, each cheapest step first:
 * (1) the expected position: the old one shifted by as much as the last selector found exact
 *     (an edit shifts everything after it alike), then the old one;
 * (2) exact occurrences near it: one with its context intact (and in place among the blocks,
 *     when the previous text is known) is exact (the nearest, among repeats); one intact but
 *     out of place is a candidate for `moved`;
 * (3) approximate candidates near it, on the whitespace-collapsed text (built once per call,
 *     only when a selector gets here): Myers' bit-parallel matcher (approx-string-match) with a
 *     budget of half the quote's length in a window around the expected position, plus what
 *     now sits between the prefix and the suffix there. A near candidate its surroundings vouch
 *     for (both sides intact, or the same words with one long side intact) settles it: a copy
 *     elsewhere could only beat it by repeating those surroundings too;
 * (3b) otherwise exact occurrences in the whole text (exact when in place, else candidates),
 *     and, if nothing was found at all, approximate matches in the whole text (through an
 *     exact-piece filter when it is large: search.ts);
 * (4) the best accepted candidate (rules.ts `better`: a candidate with both sides of its
 *     context intact beats a copy of the quote elsewhere), its edges trimmed to the context
 *     and snapped to words (boundaries.ts); else orphaned.
 */
import type { AnchorState } from "@/lib/core/vocabulary";
import { BlockPlaces } from "./blocks";
import { snapToWords, trimToContext } from "./boundaries";
import { collapseWhitespace, NormalizedText } from "./normalized-text";
import { accepted, better, type Candidate, makeCandidate, NEAR } from "./rules";
import {
  approximateMatches,
  exactOccurrences,
  filteredApproximateMatches,
  type Occurrence,
} from "./search";
import {
  editDistance,
  prefixIntact,
  prefixSimilarity,
  suffixIntact,
  suffixSimilarity,
} from "./similarity";

export interface AnchorSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** The old position: checked first, then only a hint for choosing between repeats. */
  start?: number | null;
  /** Not used: the end follows from `start` and the quote. */
  end?: number | null;
}

export interface AnchorOptions {
  /**
   * The text the selectors were described on (their `start` is an offset into it). With it,
   * `exact` also requires the same place among the blocks (blocks.ts); without it (imported
   * annotations, whose page is gone) only the quote and its context can tell.
   */
  previousText?: string;
}

export interface AnchorResult {
  state: AnchorState;
  start: number | null;
  end: number | null;
  /** 1 for exact, lower the less sure; 0 when orphaned. */
  score: number;
}

/** The occurrence nearest `expected` (the first, without one); null for none. */
function nearest(list: Occurrence[], expected: number | null): Occurrence | null {
  return list.reduce<Occurrence | null>(
    (best, o) =>
      !best || (expected !== null && Math.abs(o.start - expected) < Math.abs(best.start - expected))
        ? o
        : best,
    null,
  );
}

/** Characters searched on each side of the expected position before the whole text. */
const WINDOW = NEAR;
/**
 * Texts up to this length are searched whole by the approximate matcher (well under a
 * millisecond a quote); longer ones through the exact-piece filter, which on the real-world
 * corpus (63,000 characters) found the same anchors in half the time.
 */
const FULL_SCAN_LIMIT = 16_384;
/** A context side shorter than this (spaces aside) is too common to bracket a quote with. */
const MIN_BRACKET = 8;
/** The approximate matcher's error budget is capped: its cost grows with the budget. */
const MAX_ERRORS = 512;

const ORPHANED: AnchorResult = { state: "orphaned", start: null, end: null, score: 0 };

interface PreparedSelector {
  exact: string;
  prefix: string;
  suffix: string;
  normExact: string;
  normPrefix: string;
  normSuffix: string;
  /** The old start, clamped into the text; null when there is none. */
  hint: number | null;
  /** The old start as an offset of the previous text; null when there is none. */
  oldStart: number | null;
}

function prepare(text: string, selector: AnchorSelector, previous?: string): PreparedSelector {
  const prefix = selector.prefix ?? "";
  const suffix = selector.suffix ?? "";
  const start = selector.start;
  const known = typeof start === "number" && Number.isFinite(start);
  return {
    exact: selector.exact,
    prefix,
    suffix,
    normExact: collapseWhitespace(selector.exact),
    normPrefix: collapseWhitespace(prefix),
    normSuffix: collapseWhitespace(suffix),
    hint: known ? Math.min(Math.max(0, Math.round(start)), text.length) : null,
    oldStart:
      known && previous !== undefined
        ? Math.min(Math.max(0, Math.round(start)), previous.length)
        : null,
  };
}

/** One text's anchoring state: the text and, once needed, its whitespace-collapsed view. */
class Anchorer {
  private normalizedView: NormalizedText | null = null;

  constructor(
    private readonly text: string,
    private readonly blocks: BlockPlaces | null,
  ) {}

  /** Same place among the blocks as before (always, when that cannot be known). */
  private placed(sel: PreparedSelector, start: number): boolean {
    return (
      this.blocks === null || sel.oldStart === null || this.blocks.inPlace(sel.oldStart, start)
    );
  }

  private get normalized(): NormalizedText {
    this.normalizedView ??= new NormalizedText(this.text);
    return this.normalizedView;
  }

  private intact(sel: PreparedSelector, start: number): boolean {
    const end = start + sel.exact.length;
    return (
      prefixIntact(this.text, start, sel.prefix, sel.normPrefix) &&
      suffixIntact(this.text, end, sel.suffix, sel.normSuffix)
    );
  }

  /** Scores a place given in collapsed offsets. */
  private candidate(sel: PreparedSelector, match: Occurrence, expected: number | null): Candidate {
    const norm = this.normalized;
    let trimmed = match;
    if (match.errors > 0) {
      const edges = trimToContext(
        norm.text,
        match.start,
        match.end,
        sel.normPrefix,
        sel.normSuffix,
      );
      if (edges.start !== match.start || edges.end !== match.end) {
        const errors = editDistance(sel.normExact, norm.text.slice(edges.start, edges.end));
        trimmed = { ...edges, errors };
      }
    }
    const { start, end } = norm.rawRange(trimmed.start, trimmed.end);
    return makeCandidate(
      { start, end, errors: trimmed.errors },
      sel.normExact.length,
      {
        similarity: prefixSimilarity(norm.text, trimmed.start, sel.normPrefix),
        length: sel.normPrefix.length,
      },
      {
        similarity: suffixSimilarity(norm.text, trimmed.end, sel.normSuffix),
        length: sel.normSuffix.length,
      },
      expected,
    );
  }

  /** A raw exact occurrence as a candidate (in collapsed offsets for the context). */
  private rawCandidate(sel: PreparedSelector, at: number, expected: number | null): Candidate {
    const norm = this.normalized;
    const start = norm.fromRaw(at);
    const end = norm.fromRaw(at + sel.exact.length - 1) + 1;
    const c = this.candidate(sel, { start, end, errors: 0 }, expected);
    const distance = expected === null ? Number.POSITIVE_INFINITY : Math.abs(at - expected);
    return { ...c, start: at, end: at + sel.exact.length, distance };
  }

  /**
   * What now sits between the selector's prefix and suffix, where both are still found intact
   * (collapsed) in `[from, to)`: the place of a quote reworded in place, even when the
   * approximate matcher prefers a look-alike sentence next to it.
   */
  private bracketed(sel: PreparedSelector, from: number, to: number): Occurrence[] {
    const { normPrefix: prefix, normSuffix: suffix, normExact: quote } = sel;
    if (prefix.trim().length < MIN_BRACKET || suffix.trim().length < MIN_BRACKET) return [];
    const text = this.normalized.text;
    const maxGap = 2 * quote.length + MIN_BRACKET;
    const found: Occurrence[] = [];
    for (const p of exactOccurrences(text, prefix, from - prefix.length, to)) {
      const [s] = exactOccurrences(text, suffix, p.end + 1, p.end + maxGap + suffix.length, 1);
      if (!s) continue;
      found.push({
        start: p.end,
        end: s.start,
        errors: editDistance(quote, text.slice(p.end, s.start)),
      });
    }
    return found;
  }

  anchor(sel: PreparedSelector, expected: number | null): AnchorResult {
    const { exact, hint } = sel;
    if (exact.length === 0) return ORPHANED;
    const noContext = sel.normPrefix.length === 0 && sel.normSuffix.length === 0;

    // (1) Where it should be.
    for (const at of expected === hint ? [hint] : [expected, hint]) {
      if (
        at !== null &&
        this.text.startsWith(exact, at) &&
        this.intact(sel, at) &&
        this.placed(sel, at)
      ) {
        return { state: "exact", start: at, end: at + exact.length, score: 1 };
      }
    }

    // (2) Exact occurrences near the expected position.
    const near =
      expected === null
        ? []
        : exactOccurrences(this.text, exact, expected - WINDOW, expected + exact.length + WINDOW);
    // With no context, being at the old position is what "exact" means; step (1) checked that.
    // An intact occurrence out of place (its paragraph moved) is left to the candidates below,
    // where it is `moved`, unless another one is in place.
    const exactIn = (list: Occurrence[]) =>
      noContext && hint !== null
        ? null
        : nearest(
            list.filter((o) => this.intact(sel, o.start) && this.placed(sel, o.start)),
            expected,
          );
    const exactNear = exactIn(near);
    if (exactNear) return { state: "exact", start: exactNear.start, end: exactNear.end, score: 1 };

    // Declared through `as` so that the narrowing to `null` does not hide the closure's writes.
    let best = null as Candidate | null;
    const consider = (matches: Occurrence[], raw = false) => {
      let found = false;
      for (const m of matches) {
        const c = raw
          ? this.rawCandidate(sel, m.start, expected)
          : this.candidate(sel, m, expected);
        if (accepted(c, sel.normExact.length)) {
          best = better(best, c);
          found = true;
        }
      }
      return found;
    };
    let foundNear = consider(near, true);

    // (3) Approximate matches, on the whitespace-collapsed text, around the expected position
    // (a repeat of a quote elsewhere must not win over the original reworded in place).
    const norm = this.normalized;
    const quote = sel.normExact;
    const budget = Math.min(MAX_ERRORS, Math.floor(quote.length / 2));
    const around = expected === null ? null : norm.fromRaw(expected);
    if (around !== null) {
      const from = around - WINDOW - budget;
      const to = around + quote.length + WINDOW + budget;
      foundNear = consider(approximateMatches(norm.text, quote, budget, from, to)) || foundNear;
      foundNear = consider(this.bracketed(sel, from, to)) || foundNear;
    }
    // A near candidate that its surroundings vouch for (both sides intact; or the same words
    // with one long side intact) is where the quote is: a copy elsewhere could only win by
    // repeating those surroundings too. Otherwise (4) the whole text: an exact occurrence in
    // place there is exact, an intact one out of place is `moved`; with nothing found at all,
    // approximate matches anywhere. The whole-text search cost more than all else together on
    // a 1 MB revision (a few hundred microseconds each for the ~10% of claims that get here).
    const settled = (c: Candidate) => c.inPlace || (c.errors === 0 && c.closerSide === 1);
    if (best && settled(best)) return this.result(sel, best);
    const everywhere = exactOccurrences(this.text, exact);
    const exactOne = exactIn(everywhere);
    if (exactOne) return { state: "exact", start: exactOne.start, end: exactOne.end, score: 1 };
    const elsewhere = consider(everywhere, true);
    if (!foundNear && !elsewhere) {
      consider(
        norm.text.length <= FULL_SCAN_LIMIT
          ? approximateMatches(norm.text, quote, budget)
          : filteredApproximateMatches(norm.text, quote, budget),
      );
    }
    return best ? this.result(sel, best) : ORPHANED;
  }

  private result(sel: PreparedSelector, c: Candidate): AnchorResult {
    const score = Math.round(c.score * 1000) / 1000;
    if (c.errors === 0) return { state: "moved", start: c.start, end: c.end, score };
    const { start, end } = snapToWords(
      this.text,
      c.start,
      c.end,
      sel.exact,
      sel.prefix,
      sel.suffix,
    );
    return { state: "changed", start, end, score };
  }
}

/** Where `selector`'s quote is in `text`. */
export function anchorQuote(
  text: string,
  selector: AnchorSelector,
  options: AnchorOptions = {},
): AnchorResult {
  return anchorMany(text, [selector], options)[0] ?? ORPHANED;
}

/**
 * Where each selector's quote is in `text`, in the order given. Selectors are anchored in the
 * order of their old positions, and each one found exactly tells the next where to look first:
 * an edit earlier in the text shifts everything after it by the same amount.
 */
export function anchorMany(
  text: string,
  selectors: AnchorSelector[],
  options: AnchorOptions = {},
): AnchorResult[] {
  const { previousText } = options;
  const anchorer = new Anchorer(
    text,
    previousText === undefined ? null : new BlockPlaces(previousText, text),
  );
  const prepared = selectors.map((s) => prepare(text, s, previousText));
  const order = prepared.map((_, i) => i);
  // Selectors without an old position go last, in their given order (the sort is stable).
  const key = (i: number) => prepared[i]?.hint ?? Number.MAX_SAFE_INTEGER;
  order.sort((a, b) => key(a) - key(b));
  const results: AnchorResult[] = new Array(selectors.length);
  let shift = 0;
  for (const i of order) {
    const sel = prepared[i];
    if (!sel) continue;
    const expected =
      sel.hint === null ? null : Math.min(Math.max(0, sel.hint + shift), text.length);
    const result = anchorer.anchor(sel, expected);
    if (result.state === "exact" && sel.hint !== null && result.start !== null) {
      shift = result.start - sel.hint;
    }
    results[i] = result;
  }
  return results;
}
