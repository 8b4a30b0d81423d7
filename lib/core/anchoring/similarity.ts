/**
 * How well the text around a found quote agrees with the selector's prefix and suffix. The
 * context is what tells repeats of a quote apart and what makes a fuzzy match trustworthy, so
 * it is compared tightly: the prefix must end right where the match starts and the suffix begin
 * right where it ends (an edit distance with no free gap at the match's edge).
 */
import { collapseWhitespace } from "./normalized-text";

/**
 * Only this much of a context, nearest the quote, is compared: selectors from other tools may
 * carry long contexts, and the words next to the quote are the ones that say where it is.
 */
export const MAX_CONTEXT = 64;

/**
 * The least edit distance between `pattern` and a start of `text` (`text[0, j)` for any `j`):
 * Levenshtein with a free gap at the end of `text` only.
 */
export function distanceToStartOf(pattern: string, text: string): number {
  const m = pattern.length;
  let previous = new Uint32Array(m + 1);
  let current = new Uint32Array(m + 1);
  for (let i = 0; i <= m; i++) previous[i] = i;
  let best = m;
  for (let j = 1; j <= text.length; j++) {
    current[0] = j;
    const c = text.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const substitution = (previous[i - 1] ?? 0) + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const deletion = (previous[i] ?? 0) + 1;
      const insertion = (current[i - 1] ?? 0) + 1;
      current[i] = Math.min(substitution, deletion, insertion);
    }
    best = Math.min(best, current[m] ?? m);
    [previous, current] = [current, previous];
  }
  return best;
}

function reverse(s: string): string {
  return Array.from(s).reverse().join("");
}

/** Characters of slack read around a match for a context with some insertions. */
function slack(length: number): number {
  return Math.ceil(length / 4) + 2;
}

/**
 * Similarity in [0, 1] of the collapsed `prefix` (at most MAX_CONTEXT characters of it) to the
 * collapsed text just before `at`; null when the selector has no prefix (no evidence either way).
 */
export function prefixSimilarity(norm: string, at: number, prefix: string): number | null {
  const expected = prefix.slice(-MAX_CONTEXT);
  if (expected.length === 0) return null;
  const before = norm.slice(Math.max(0, at - expected.length - slack(expected.length)), at);
  // Reversed, "ends right before the match" becomes "starts right at it".
  return 1 - distanceToStartOf(reverse(expected), reverse(before)) / expected.length;
}

/** Like prefixSimilarity, for `suffix` and the collapsed text from `at`. */
export function suffixSimilarity(norm: string, at: number, suffix: string): number | null {
  const expected = suffix.slice(0, MAX_CONTEXT);
  if (expected.length === 0) return null;
  const after = norm.slice(at, at + expected.length + slack(expected.length));
  return 1 - distanceToStartOf(expected, after) / expected.length;
}

/**
 * Whether the raw `text` right before `at` is `prefix`, whitespace runs aside (`normPrefix` is
 * `prefix` collapsed). The common case, an untouched context, costs one comparison.
 */
export function prefixIntact(text: string, at: number, prefix: string, normPrefix: string) {
  if (prefix.length === 0) return true;
  if (at >= prefix.length && text.startsWith(prefix, at - prefix.length)) return true;
  for (let span = normPrefix.length + 16; ; span *= 2) {
    const from = Math.max(0, at - span);
    const before = collapseWhitespace(text.slice(from, at));
    if (before.length > normPrefix.length || from === 0) return before.endsWith(normPrefix);
  }
}

/** Whether the raw `text` from `at` starts with `suffix`, whitespace runs aside. */
export function suffixIntact(text: string, at: number, suffix: string, normSuffix: string) {
  if (suffix.length === 0 || text.startsWith(suffix, at)) return true;
  for (let span = normSuffix.length + 16; ; span *= 2) {
    const to = Math.min(text.length, at + span);
    const after = collapseWhitespace(text.slice(at, to));
    if (after.length > normSuffix.length || to === text.length) return after.startsWith(normSuffix);
  }
}

/** The edit distance between `a` and `b` (Levenshtein), in two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = new Uint32Array(a.length + 1);
  let current = new Uint32Array(a.length + 1);
  for (let i = 0; i <= a.length; i++) previous[i] = i;
  for (let j = 1; j <= b.length; j++) {
    current[0] = j;
    const c = b.charCodeAt(j - 1);
    for (let i = 1; i <= a.length; i++) {
      const substitution = (previous[i - 1] ?? 0) + (a.charCodeAt(i - 1) === c ? 0 : 1);
      current[i] = Math.min(substitution, (previous[i] ?? 0) + 1, (current[i - 1] ?? 0) + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[a.length] ?? 0;
}
