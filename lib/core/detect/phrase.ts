/**
 * The phrase a reviewer can accept as a claim instead of the whole sentence: the strongest
 * rule match, widened to the words it is about ("cure" → "cure the common cold", "completely"
 * → "recovery completely"), never past a clause boundary.
 */
import type { RuleMatch } from "./rules/rule";

/** A word: letters and digits, with inner apostrophes, hyphens, "%" and decimal separators. */
const WORD = /^(\s+)([\p{L}\p{N}$£€](?:[\p{L}\p{N}'’%-]|[.,](?=\p{N}))*)/u;
const WORD_BEFORE = /([\p{L}\p{N}](?:[\p{L}\p{N}'’%-])*)(\s+)$/u;
/** Words at which a clause (and so a phrase) ends. "of" is not one: "the risk of stroke". */
const STOP =
  /^(?:and|but|or|nor|which|who|whom|that|if|because|when|while|although|though|so|as|than|in|on|at|for|with|within|after|before|during|among|from|by|without|until|since|unless|whereas|to|still|yet)$/i;
const FUNCTION_WORD =
  /^(?:a|an|the|is|are|was|were|be|been|it|its|this|that|these|those|and|but|or|to|of|in|on|at|for|with|by|as|than|so|not|no|can|will|may|still)$/i;

/** Extends `end` over up to `max` words, stopping at punctuation or a clause word. */
function extendRight(sentence: string, end: number, max: number): number {
  let at = end;
  for (let i = 0; i < max; i++) {
    const m = WORD.exec(sentence.slice(at));
    if (!m?.[1] || !m[2] || STOP.test(m[2])) break;
    at += m[1].length + m[2].length;
  }
  return at;
}

/** Widens a rule match (offsets relative to `sentence`) to the phrase it is about. */
export function widenPhrase(sentence: string, m: RuleMatch): { start: number; end: number } {
  const text = sentence.slice(m.start, m.end);
  switch (m.reason) {
    case "cure-claim":
    case "causal":
      return { start: m.start, end: extendRight(sentence, m.end, 6) };
    case "comparative":
      // "more effective than" needs what it is compared with; "higher risk" what it is of.
      if (/\b(?:than|to|as|with)$/i.test(text) || /^\s+of\b/i.test(sentence.slice(m.end)))
        return { start: m.start, end: extendRight(sentence, m.end, 4) };
      return { start: m.start, end: m.end };
    case "absolute": {
      if (/\s/.test(text)) return { start: m.start, end: m.end };
      const next = WORD.exec(sentence.slice(m.end));
      if (next?.[1] && next[2] && !FUNCTION_WORD.test(next[2]))
        return { start: m.start, end: m.end + next[1].length + next[2].length };
      const previous = WORD_BEFORE.exec(sentence.slice(0, m.start));
      if (previous?.[1] && previous[2] && !FUNCTION_WORD.test(previous[1]))
        return { start: m.start - previous[1].length - previous[2].length, end: m.end };
      return { start: m.start, end: m.end };
    }
    default:
      return { start: m.start, end: m.end };
  }
}
