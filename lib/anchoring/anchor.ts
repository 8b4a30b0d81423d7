/**
 * Anchoring: finding where a described range sits in a (possibly edited) text. Pure, no I/O.
 *
 * CONTRACT (used by the revision service, the annotation import and the CLI; keep it):
 *   anchorQuote(text, selector) → AnchorResult
 *   anchorMany(text, selectors) → AnchorResult[]   (same order; may share preprocessing)
 * States: `exact` (the quote at its old position), `moved` (the same quote elsewhere),
 * `changed` (found by approximate match: the wording differs), `orphaned` (not found:
 * start/end null, score 0). Offsets are JavaScript string (UTF-16) offsets into `text`.
 *
 * This first version does the position check and the exact search only; the approximate
 * matcher comes next (issue 4).
 */
import type { AnchorState } from "@/lib/domain/vocabulary";

export interface AnchorSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** The old position: checked first, then only a hint for choosing between repeats. */
  start?: number | null;
  end?: number | null;
}

export interface AnchorResult {
  state: AnchorState;
  start: number | null;
  end: number | null;
  /** 1 for exact, lower the less sure; 0 when orphaned. */
  score: number;
}

const ORPHANED: AnchorResult = { state: "orphaned", start: null, end: null, score: 0 };

export function anchorQuote(text: string, selector: AnchorSelector): AnchorResult {
  const { exact } = selector;
  if (exact.length === 0) return ORPHANED;
  const start = selector.start ?? null;
  if (start !== null && text.startsWith(exact, start)) {
    return { state: "exact", start, end: start + exact.length, score: 1 };
  }
  let best: number | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    if (best === null || (start !== null && Math.abs(at - start) < Math.abs(best - start))) {
      best = at;
    }
  }
  if (best === null) return ORPHANED;
  return { state: "moved", start: best, end: best + exact.length, score: 0.95 };
}

export function anchorMany(text: string, selectors: AnchorSelector[]): AnchorResult[] {
  return selectors.map((s) => anchorQuote(text, s));
}
