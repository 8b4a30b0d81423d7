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

/** Words that open a new clause on the left of a figure ("…, which cuts the risk by 30%"). */
const CLAUSE_START =
  /^(?:and|but|or|nor|which|who|whom|that|if|because|when|while|although|though|so|whereas|unless|since|says?|said|according)$/i;
/**
 * A word glued to the next sentence, a title run into its first sentence without a break
 * ("FailureStem"): a phrase never crosses it.
 */
const GLUED = /\p{Ll}\p{Lu}\p{Ll}/u;

/** The verbs a figure's phrase stops before: "3 in every 10 adults" (have high blood pressure). */
const VERB =
  /^(?:is|are|was|were|have|has|had|will|can|could|may|might|would|should|do|does|did)$/i;

/**
 * Extends `end` over up to `max` words, stopping at punctuation or a clause word (and, with
 * `beforeVerb`, at an auxiliary verb).
 */
function extendRight(sentence: string, end: number, max: number, beforeVerb = false): number {
  let at = end;
  for (let i = 0; i < max; i++) {
    const m = WORD.exec(sentence.slice(at));
    if (!m?.[1] || !m[2] || STOP.test(m[2]) || GLUED.test(m[2])) break;
    if (beforeVerb && VERB.test(m[2])) break;
    at += m[1].length + m[2].length;
  }
  return at;
}

/** Extends `start` leftwards over up to `max` words, stopping at punctuation or a new clause. */
function extendLeft(sentence: string, start: number, max: number): number {
  let at = start;
  for (let i = 0; i < max; i++) {
    const m = WORD_BEFORE.exec(sentence.slice(0, at));
    if (!m?.[1] || !m[2] || CLAUSE_START.test(m[1]) || GLUED.test(m[1])) break;
    at -= m[1].length + m[2].length;
  }
  return at;
}

/** Leading words that frame a claim rather than make it: "In fact,", "However,", "Experts say". */
const OPENER =
  /^(?:(?:in fact|however|indeed|moreover|in short|overall|today|now|and|but|so|also|of course|according to [^,]{1,40}|(?:experts|doctors|researchers|scientists|studies|research) (?:say|show|says|shows|agree|found)(?: that)?)\s*,?\s+)/iu;

/**
 * The phrase for a sentence no rule matched: the sentence without a framing opener and its
 * final punctuation, or `null` when what is left is too short to be a claim on its own.
 */
export function corePhrase(sentence: string): { start: number; end: number } | null {
  let start = 0;
  const opener = OPENER.exec(sentence);
  if (opener) start = opener[0].length;
  let end = sentence.length;
  // The main clause only: "…is still not used maturely, so as a patient you'd better…" stops
  // at ", so".
  const clause =
    /\s*(?:[;:(]|,\s+(?:so|but|and|which|because|while|although|though|whereas|as)\b)/giu;
  for (const m of sentence.matchAll(clause)) {
    if (m.index > start && sentence.slice(start, m.index).split(/\s+/).length >= 4) {
      end = m.index;
      break;
    }
  }
  while (end > start && /[\s.!…;:"'”’)\]»]/u.test(sentence[end - 1] ?? "")) end--;
  if (sentence.slice(start, end).split(/\s+/).length < 3) return null;
  return { start, end };
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
      // A rule of conduct ("Never give aspirin to …"): the verb and what it acts on.
      if (
        /^(?:never|always)$/i.test(text) &&
        /^\s*(?:please\s+)?$/i.test(sentence.slice(0, m.start))
      )
        return { start: m.start, end: extendRight(sentence, m.end, 4) };
      const next = WORD.exec(sentence.slice(m.end));
      if (next?.[1] && next[2] && !FUNCTION_WORD.test(next[2]) && !STOP.test(next[2]))
        return { start: m.start, end: m.end + next[1].length + next[2].length };
      const previous = WORD_BEFORE.exec(sentence.slice(0, m.start));
      if (previous?.[1] && previous[2] && !FUNCTION_WORD.test(previous[1]))
        return { start: m.start - previous[1].length - previous[2].length, end: m.end };
      return { start: m.start, end: m.end };
    }
    case "statistic":
      // A figure alone ("3 in every", "40%") is a fragment: take what it counts and what it
      // is about ("cut the risk of stroke by 40%", "3 in every 10 adults").
      return {
        start: extendLeft(sentence, m.start, 5),
        end: extendRight(sentence, m.end, 3, true),
      };
    default:
      return { start: m.start, end: m.end };
  }
}
