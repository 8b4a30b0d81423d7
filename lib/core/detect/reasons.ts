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
] as const;
export type Reason = (typeof REASONS)[number];

/** A human label for each reason code. */
export const REASON_LABELS: Record<Reason, string> = {
  "harm-denial": "Denies harm, risk or side effects",
  "cure-claim": "Claims to cure, reverse, prevent or heal",
  absolute: "Absolute wording (always, never, completely, guaranteed, only)",
  comparative: "Compares treatments or risks (better, safer, more effective than)",
  causal: "States a cause or an effect (causes, leads to, lowers, linked to)",
  statistic: "Gives a number, a percentage, a rate or a dose",
};

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
  /** The sentence's score after context adjustments; suggested from `SUGGEST_THRESHOLD` up. */
  score: number;
}
