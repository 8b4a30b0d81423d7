/**
 * The shape every detection rule shares: a function from one sentence to its matches, with
 * offsets relative to the sentence. `detect.ts` shifts them into the input's coordinates.
 */
import type { Reason } from "@/lib/core/detect/reasons";

/** A match inside one sentence (offsets relative to the sentence). */
export interface RuleMatch {
  reason: Reason;
  start: number;
  end: number;
  weight: number;
}

/** A detection rule. */
export type Rule = (sentence: string) => RuleMatch[];

/**
 * Every match of `pattern` (which must have the `g` flag) as a `RuleMatch`. `weigh` may look at
 * the match and the sentence and return `null` to reject it (for exclusions a regular
 * expression cannot express, such as "not" two words earlier).
 */
export function findAll(
  pattern: RegExp,
  sentence: string,
  reason: Reason,
  weigh: number | ((m: RegExpExecArray, sentence: string) => number | null),
): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const m of sentence.matchAll(pattern)) {
    const weight = typeof weigh === "number" ? weigh : weigh(m, sentence);
    if (weight === null || m[0] === "") continue;
    out.push({ reason, start: m.index, end: m.index + m[0].length, weight });
  }
  return out;
}

/** Whether the words just before `index` negate what follows ("not", "never", "isn't"). */
export function negatedBefore(sentence: string, index: number): boolean {
  const before = sentence.slice(Math.max(0, index - 24), index);
  return /(?:\b(?:not|never|no longer|hardly)|n't)\s+(?:\p{L}+\s+)?$/iu.test(before);
}

/**
 * Drops matches that lie inside a longer match of the same reason (so "completely safe" is not
 * also counted as "safe"); of two matches on the same span, the first is kept.
 */
export function dropNested(matches: RuleMatch[]): RuleMatch[] {
  const length = (m: RuleMatch) => m.end - m.start;
  return matches.filter(
    (m, i) =>
      !matches.some(
        (o, j) =>
          j !== i &&
          o.reason === m.reason &&
          o.start <= m.start &&
          o.end >= m.end &&
          (length(o) > length(m) || j < i),
      ),
  );
}
