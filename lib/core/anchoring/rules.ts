/**
 * The rules that turn a candidate place into an anchor state, apart from the search so they
 * can be read (and tuned) in one place. The states themselves are defined at the top of
 * anchor.ts. Every threshold errs towards `orphaned`: a claim listed for re-attachment costs
 * an editor a minute, a claim silently attached to the wrong sentence costs a wrong verdict.
 */

/** Quotes at least this long (whitespace collapsed) are specific enough to need no context… */
export const LONG_QUOTE = 40;
/** …and quotes this long even with a fifth of them edited. */
export const VERY_LONG_QUOTE = 100;
/** A context side shorter than this says too little on its own to vouch for a place. */
export const MIN_SIDE = 16;
/** Within this many characters of the expected position a candidate counts as near. */
export const NEAR = 1024;
/** What being near the expected position adds to a candidate's rank (not to its score). */
const NEAR_BONUS = 0.05;
/** What intact surroundings on both sides add to a rank: more than any difference of scores. */
const IN_PLACE_BONUS = 1;

/** A place where the quote may be, with the evidence for it. */
export interface Candidate {
  start: number;
  end: number;
  /** Edit distance between the (collapsed) quote and the (collapsed) text found. */
  errors: number;
  /** 1 − errors / quote length. */
  quoteSimilarity: number;
  /** Mean similarity of the context sides the selector has; null when it has none. */
  context: number | null;
  /** The better similarity of the sides at least MIN_SIDE long (0 when there is none). */
  closerSide: number;
  /** Both sides of the context known and intact (collapsed): the quote's old place. */
  inPlace: boolean;
  /** The reported score: mean of quote and context similarity (0.5 for an unknown context). */
  score: number;
  /** From the expected position; infinite when there is none. */
  distance: number;
}

/** A candidate from its measurements (`prefix`/`suffix`: similarity and context length). */
export function makeCandidate(
  range: { start: number; end: number; errors: number },
  quoteLength: number,
  prefix: { similarity: number | null; length: number },
  suffix: { similarity: number | null; length: number },
  expected: number | null,
): Candidate {
  const sides = [prefix.similarity, suffix.similarity].filter((s): s is number => s !== null);
  const context = sides.length === 0 ? null : sides.reduce((a, b) => a + b, 0) / sides.length;
  const quoteSimilarity = 1 - range.errors / quoteLength;
  const vouching = (side: typeof prefix) =>
    side.length >= MIN_SIDE && side.similarity !== null ? side.similarity : 0;
  return {
    ...range,
    quoteSimilarity,
    context,
    closerSide: Math.max(vouching(prefix), vouching(suffix)),
    inPlace: prefix.similarity === 1 && suffix.similarity === 1,
    score: Math.min(0.99, (quoteSimilarity + (context ?? 0.5)) / 2),
    distance: expected === null ? Number.POSITIVE_INFINITY : Math.abs(range.start - expected),
  };
}

/**
 * Whether a candidate is trustworthy enough to anchor to. Same words (no errors): with a
 * context three-quarters intact, or one long side intact, or no context to go by, or a long
 * quote. Changed words (q = quote similarity, c = context, at least half the quote kept):
 * c ≥ 0.8 (rewritten in place: the surroundings vouch for it); q ≥ 0.6 with one long side
 * intact (≥ 0.9); q ≥ 0.75 with c ≥ 0.5; or, context aside, q ≥ 0.9 for a LONG_QUOTE and
 * q ≥ 0.8 for a VERY_LONG_QUOTE (that much text in the same order is not chance).
 * Random text scores about 0.25 on context similarity, so 0.5 is already real agreement.
 */
export function accepted(c: Candidate, quoteLength: number): boolean {
  if (c.errors === 0) {
    return (
      c.context === null || c.context >= 0.75 || c.closerSide >= 0.9 || quoteLength >= LONG_QUOTE
    );
  }
  const q = c.quoteSimilarity;
  const context = c.context ?? 0;
  if (q < 0.5) return false;
  if (c.context !== null && context >= 0.8) return true;
  if (q >= 0.6 && c.closerSide >= 0.9) return true;
  if (q >= 0.75 && context >= 0.5) return true;
  return (q >= 0.9 && quoteLength >= LONG_QUOTE) || (q >= 0.8 && quoteLength >= VERY_LONG_QUOTE);
}

/**
 * How a candidate ranks: its score, plus NEAR_BONUS near the expected position (neighbours
 * found in place make that position evidence too), plus IN_PLACE_BONUS when both sides of its
 * context are intact (it is the quote's old place whatever its wording now: a copy of the old
 * wording elsewhere must not win over it).
 */
function rank(c: Candidate): number {
  return c.score + (c.distance <= NEAR ? NEAR_BONUS : 0) + (c.inPlace ? IN_PLACE_BONUS : 0);
}

/** The better of two candidates: higher rank, then nearer. */
export function better(a: Candidate | null, b: Candidate): Candidate {
  if (!a) return b;
  if (rank(b) !== rank(a)) return rank(b) > rank(a) ? b : a;
  return b.distance < a.distance ? b : a;
}
