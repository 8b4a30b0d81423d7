/**
 * Why a sentence was suggested as a claim. The codes are stable (stored, sent to the browser,
 * printed by `claimdesk detect`); the labels are for people.
 */

/** Reason codes, most specific first: this is also the order in which they are listed. */
export const REASONS = [
  "harm-denial",
  "cure-claim",
  "absolute",
  "comparative",
  "causal",
  "statistic",
  // No rule fired, only the model (`model/classify.ts`): the sentence reads like a health claim.
  "claim-wording",
] as const;
export type Reason = (typeof REASONS)[number];

/**
 * Each reason in plain words, to complete "This sentence …": what a reviewer reads on a
 * suggestion. The code is for machines (JSON output, storage), never shown alone.
 */
export const REASON_LABELS: Record<Reason, string> = {
  "harm-denial": "says a treatment is free of harm",
  "cure-claim": "says something cures, prevents or heals",
  absolute: "speaks in certainties (always, never, completely)",
  comparative: "says one thing is better or riskier than another",
  causal: "says X causes Y",
  statistic: "gives a number",
  "claim-wording": "is worded as a health claim",
};

/** The plain words for a reason code; an unknown code (from an older stored row) is shown as is. */
export function reasonLabel(code: string): string {
  return (REASON_LABELS as Record<string, string>)[code] ?? code;
}

/** One piece of evidence for a reason: the words that triggered it, in the input's offsets. */
export interface Match {
  reason: Reason;
  start: number;
  end: number;
  text: string;
  /** How much this match counts towards the sentence's score (see `detect.ts`). */
  weight: number;
}

/** A span of the input text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A check-worthy sentence. Offsets are JavaScript string (UTF-16) units into the input text. */
export interface Suggestion extends Span {
  /** Distinct reasons, in `REASONS` order. */
  reasons: Reason[];
  /** The most specific trigger inside the sentence, to accept as a claim on the phrase only. */
  phrase?: Span;
  /** Every rule match in the sentence, strongest first. */
  matches: Match[];
  /** The rules' score after context adjustments (see `detect.ts`). */
  score: number;
  /** The model's probability that the sentence is check-worthy, 0–1: for ranking. */
  confidence: number;
}
