/**
 * `detectClaims`: check-worthy sentences in health text, found by explainable rules. Pure: no
 * I/O, no database, no React, so the same function can run on the server, in the browser and in
 * `claimdesk detect`.
 *
 * Scoring. Each rule (`rules/*.ts`) returns weighted matches; a reason counts the sum of its
 * matches' weights up to `REASON_CAP`, the reasons add up, and `context.ts` adds its
 * adjustments (hedges, anecdotes, procedural text). A sentence is suggested from
 * `SUGGEST_THRESHOLD` up. With the weights used, one strong signal is enough (a harm denial, a
 * cure claim, a percentage, a comparison, a causal verb, an absolute), while a plain count
 * ("20 minutes") needs company. Questions are never suggested; headings only for a strong harm
 * denial or cure claim.
 */
import { readContext } from "./context";
import { widenPhrase } from "./phrase";
import { type Match, REASONS, type Reason, type Suggestion } from "./reasons";
import { findAbsolutes } from "./rules/absolute";
import { findCausalClaims } from "./rules/causal";
import { findComparisons } from "./rules/comparative";
import { findCureClaims } from "./rules/cure-claim";
import { findHarmDenials } from "./rules/harm-denial";
import type { Rule, RuleMatch } from "./rules/rule";
import { findStatistics } from "./rules/statistic";
import { type Sentence, splitSentences } from "./split";

/** The score from which a sentence is suggested. */
export const SUGGEST_THRESHOLD = 1;
/** The most one reason can add, so five numbers do not outweigh a hedge and an anecdote. */
export const REASON_CAP = 2;
/** Matches at least this strong count in headings. */
const HEADING_MIN_WEIGHT = 2;

const RULES: Rule[] = [
  findHarmDenials,
  findCureClaims,
  findAbsolutes,
  findComparisons,
  findCausalClaims,
  findStatistics,
];

const rank = (r: Reason) => REASONS.indexOf(r);
const strongestFirst = (a: RuleMatch, b: RuleMatch) =>
  b.weight - a.weight || rank(a.reason) - rank(b.reason) || b.end - b.start - (a.end - a.start);

/**
 * Drops a match that lies inside a longer, at least as strong match of another reason: the
 * "completely" of "completely safe" is part of the harm denial, not a second absolute.
 */
function withoutNested(matches: RuleMatch[]): RuleMatch[] {
  return matches.filter(
    (m) =>
      !matches.some(
        (o) =>
          o !== m &&
          o.weight >= m.weight &&
          o.start <= m.start &&
          o.end >= m.end &&
          o.end - o.start > m.end - m.start,
      ),
  );
}

/** The suggestion for one sentence, or `null` when it is not check-worthy. */
export function assessSentence(text: string, sentence: Sentence): Suggestion | null {
  const context = readContext(sentence.text, sentence);
  if (context.question) return null;
  let found = withoutNested(RULES.flatMap((rule) => rule(sentence.text)));
  if (context.heading) {
    found = found.filter(
      (m) =>
        (m.reason === "harm-denial" || m.reason === "cure-claim") && m.weight >= HEADING_MIN_WEIGHT,
    );
  }
  if (found.length === 0) return null;

  const perReason = new Map<Reason, number>();
  for (const m of found) perReason.set(m.reason, (perReason.get(m.reason) ?? 0) + m.weight);
  let score = 0;
  for (const sum of perReason.values()) score += Math.min(REASON_CAP, sum);
  for (const a of context.adjustments) score += a.delta;
  if (score < SUGGEST_THRESHOLD) return null;

  found.sort(strongestFirst);
  const shift = sentence.start;
  const matches: Match[] = found.map((m) => ({
    reason: m.reason,
    start: shift + m.start,
    end: shift + m.end,
    text: text.slice(shift + m.start, shift + m.end),
    weight: m.weight,
  }));
  const best = found[0];
  const suggestion: Suggestion = {
    start: sentence.start,
    end: sentence.end,
    text: sentence.text,
    reasons: REASONS.filter((r) => perReason.has(r)),
    matches,
    score,
  };
  if (best) {
    const span = widenPhrase(sentence.text, best);
    suggestion.phrase = {
      start: shift + span.start,
      end: shift + span.end,
      text: text.slice(shift + span.start, shift + span.end),
    };
  }
  return suggestion;
}

/**
 * Check-worthy sentences of `text`, in text order. Offsets are JavaScript string (UTF-16) units
 * into `text`: `text.slice(s.start, s.end) === s.text`, and likewise for `s.phrase` and every
 * match.
 */
export function detectClaims(text: string): Suggestion[] {
  const out: Suggestion[] = [];
  for (const sentence of splitSentences(text)) {
    const suggestion = assessSentence(text, sentence);
    if (suggestion) out.push(suggestion);
  }
  return out;
}
