/**
 * `detectClaims`: check-worthy sentences in health text. Pure: no I/O, no database, no React,
 * so the same function runs on the server and in `claimdesk detect`.
 *
 * Two layers. The explainable rules (`rules/*.ts`) find trigger words and give each suggestion
 * its reasons and its phrase; a small logistic-regression model (`model/`), which reads the
 * sentence's words and bigrams together with the rules' matches and the context cues of
 * `context.ts`, decides whether the sentence is suggested. The rules alone missed claims
 * worded without a trigger ("X dissolves Y", "starts to work within 24 hours") and flagged
 * advice that claims nothing; the model learns both from labelled sentences (see
 * docs/detector.md). `score` is still the rules' summed, capped weight (reasons up to
 * `REASON_CAP`, plus context adjustments), kept for explanation; `confidence` is the model's.
 */
import { readContext } from "./context";
import { MODEL, probability } from "./model/classify";
import { featuresOf } from "./model/features";
import { corePhrase, widenPhrase } from "./phrase";
import { type Match, REASONS, type Reason, type Suggestion } from "./reasons";
import { findAbsolutes } from "./rules/absolute";
import { findCausalClaims } from "./rules/causal";
import { findComparisons } from "./rules/comparative";
import { findCureClaims } from "./rules/cure-claim";
import { findHarmDenials } from "./rules/harm-denial";
import type { Rule, RuleMatch } from "./rules/rule";
import { findStatistics } from "./rules/statistic";
import { type Sentence, splitSentences } from "./split";

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

/** Every rule match in a sentence (offsets relative to it), nested ones dropped. */
export function ruleMatches(sentence: string): RuleMatch[] {
  return withoutNested(RULES.flatMap((rule) => rule(sentence)));
}

/** The features the model reads for one sentence (shared by inference and training). */
export function sentenceFeatures(
  sentence: Sentence,
  matches = ruleMatches(sentence.text),
  context = readContext(sentence.text, sentence),
) {
  return featuresOf(sentence.text, matches, context);
}

/**
 * The suggestion for one sentence, or `null` when it is not check-worthy. Questions never are;
 * headings only for a strong harm denial or cure claim (the rules decide). Otherwise the model
 * decides, and the rules say why: a sentence that only the model finds has the reason
 * `claim-wording`.
 */
export function assessSentence(text: string, sentence: Sentence): Suggestion | null {
  const context = readContext(sentence.text, sentence);
  if (context.question) return null;
  const all = ruleMatches(sentence.text);
  let found = all;
  let confidence: number;
  if (context.heading) {
    found = all.filter(
      (m) =>
        (m.reason === "harm-denial" || m.reason === "cure-claim") && m.weight >= HEADING_MIN_WEIGHT,
    );
    if (found.length === 0) return null;
    confidence = 1;
  } else {
    confidence = probability(sentenceFeatures(sentence, all, context));
    if (confidence < MODEL.threshold) return null;
  }

  const perReason = new Map<Reason, number>();
  for (const m of found) perReason.set(m.reason, (perReason.get(m.reason) ?? 0) + m.weight);
  let score = 0;
  for (const sum of perReason.values()) score += Math.min(REASON_CAP, sum);
  for (const a of context.adjustments) score += a.delta;

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
  const reasons = REASONS.filter((r) => perReason.has(r));
  const suggestion: Suggestion = {
    start: sentence.start,
    end: sentence.end,
    text: sentence.text,
    reasons: reasons.length > 0 ? reasons : ["claim-wording"],
    matches,
    score,
    confidence: Math.round(confidence * 1000) / 1000,
  };
  const span = best ? widenPhrase(sentence.text, best) : corePhrase(sentence.text);
  if (span) {
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
