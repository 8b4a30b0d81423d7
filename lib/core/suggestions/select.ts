/**
 * Which detector suggestions a reviewer sees on a revision: not those already dismissed on the
 * article, and not those a claim already covers. Pure.
 */
import type { Suggestion } from "@/lib/core/detect/reasons";

/**
 * The version of the detector's output stored in `revision_suggestions`. Bump it whenever
 * `detectClaims` changes what it finds (rules, thresholds, sentence splitting): stored rows of
 * another version are then recomputed on their next read instead of being served stale.
 */
export const DETECTOR_VERSION = 1;
/**
 * The SHA-256 of the model weights (lib/core/detect/model/weights.json) that DETECTOR_VERSION
 * stands for. `npm run train:detect` changing the weights fails a unit test until both are
 * updated together, so retrained weights never meet suggestions stored by the old ones.
 */
export const DETECTOR_WEIGHTS_SHA256 =
  "ac6012c3999ca79add05c33e5aec013d0935e7aa1377c9e05d22dae63ffc99f4";

/** The form a sentence is remembered by: whitespace collapsed, so re-wrapping keeps it. */
export function sentenceKey(sentence: string): string {
  return sentence.replace(/\s+/g, " ").trim();
}

export interface ShownSuggestion {
  start: number;
  end: number;
  text: string;
  reasons: Suggestion["reasons"];
  phrase: { start: number; end: number; text: string } | null;
}

/** What is stored of a suggestion per revision: what the page shows, not the rule matches. */
export type StoredSuggestion = ShownSuggestion;

/** A detector result as stored: its rule matches and score stay out of the database. */
export function toStoredSuggestion(s: Suggestion): StoredSuggestion {
  return {
    start: s.start,
    end: s.end,
    text: s.text,
    reasons: s.reasons,
    phrase: s.phrase ? { start: s.phrase.start, end: s.phrase.end, text: s.phrase.text } : null,
  };
}

/**
 * Whether any of the claimed spans overlaps [start, end). `spans` is sorted by start with
 * `maxEnd[i]` the largest end among spans[0..i]: the spans starting before `end` are a prefix
 * (found by binary search), and one of them overlaps exactly when that prefix's largest end is
 * past `start`. O(log n) per question instead of a scan of every claim.
 */
function overlapsAny(
  spans: readonly { start: number; end: number }[],
  maxEnd: readonly number[],
  start: number,
  end: number,
): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid]?.start ?? 0) < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && (maxEnd[lo - 1] ?? 0) > start;
}

export function selectSuggestions(
  suggestions: readonly (Suggestion | StoredSuggestion)[],
  dismissed: ReadonlySet<string>,
  claimed: readonly { start: number | null; end: number | null }[],
): ShownSuggestion[] {
  const spans = claimed
    .flatMap((c) => (c.start !== null && c.end !== null ? [{ start: c.start, end: c.end }] : []))
    .sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const [i, s] of spans.entries()) maxEnd.push(Math.max(s.end, maxEnd[i - 1] ?? -Infinity));
  const shown: ShownSuggestion[] = [];
  for (const s of suggestions) {
    if (dismissed.has(sentenceKey(s.text))) continue;
    if (overlapsAny(spans, maxEnd, s.start, s.end)) continue;
    shown.push(
      "matches" in s ? toStoredSuggestion(s) : { ...s, phrase: s.phrase ? { ...s.phrase } : null },
    );
  }
  return shown;
}

/** How many suggestions the review page lists at once: a long article has thousands. */
export const SUGGESTIONS_PER_PAGE = 20;

/** One page of the suggestions (0-based; out-of-range pages are clamped), with the total. */
export function suggestionsPage<T>(all: readonly T[], page: number) {
  const pages = Math.max(1, Math.ceil(all.length / SUGGESTIONS_PER_PAGE));
  const at = Math.min(Math.max(0, Number.isInteger(page) ? page : 0), pages - 1);
  return {
    items: all.slice(at * SUGGESTIONS_PER_PAGE, (at + 1) * SUGGESTIONS_PER_PAGE),
    page: at,
    pages,
    total: all.length,
  };
}
