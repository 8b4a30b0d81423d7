/**
 * `harm-denial`: the sentence says a treatment has no side effects, no risk, no toxicity, or is
 * safe. The most harmful kind of error in health writing, so it weighs most, and the match is
 * the whole denied list ("no toxicity and rejection reaction") for a reviewer to accept.
 */
import { dropNested, findAll, negatedBefore, type Rule, type RuleMatch } from "./rule";

/** Words that may stand between "no" and the harm: "no known serious side effects". */
const MOD =
  "(?:any|known|serious|major|real|significant|harmful|dangerous|unwanted|negative|adverse|unpleasant|long-term|short-term|lasting|other|such)";
/** What is denied. "risk factors" is not a harm ("people with no risk factors"). */
const HARM =
  "(?:side[- ]?effects?|toxicity|toxic effects?|rejection(?: reactions?)?|risks?(?! factors?)|dangers?|adverse (?:effects?|events?|reactions?)|complications?|harm|downsides?|contraindications?|(?:drug )?interactions?|withdrawal(?: symptoms| effects)?|addiction|dependen(?:ce|cy)|scarring|scars|recovery time|downtime|pain|allergic reactions?)";
/** "… and rejection reaction", ", or any other risks": further harms in the same denial. */
const MORE = `(?:\\s*,?\\s*(?:and|or|nor)\\s+(?:${MOD}\\s+){0,2}${HARM}\\b)*`;
const TAIL = "(?:\\s+(?:whatsoever|at all))?";

const PATTERNS: [RegExp, number][] = [
  [
    new RegExp(
      `\\b(?:no|zero|without(?: any)?|free (?:of|from)|not any|never any|none of the)\\s+(?:${MOD}\\s+){0,3}${HARM}\\b${MORE}${TAIL}`,
      "giu",
    ),
    2,
  ],
  [
    new RegExp(
      `\\b(?:does|do|did|will|would|can|could|should|has|have)(?:\\s+not|n't)\\s+(?:have|cause|produce|carry|pose|involve|come with|lead to)\\s+(?:any\\s+)?(?:${MOD}\\s+){0,2}${HARM}\\b${MORE}${TAIL}`,
      "giu",
    ),
    2,
  ],
  [
    /\b(?:can(?:no|')t|cannot|won't|will not|does no|do no|does not do any|causes? no)\s+(?:harm|hurt)\b/giu,
    2,
  ],
  [
    /\b(?:harmless|risk[- ]free|side[- ]effect[- ]free|non-?toxic|non-?addictive|non-?habit[- ]forming|painless)\b/giu,
    2,
  ],
  [
    /\b(?:completely|perfectly|totally|entirely|absolutely|100%|100 per ?cent|always|inherently|naturally)\s+safe\b/giu,
    2,
  ],
  [/\b(?:safe and (?:natural|gentle|effective)|(?:natural|gentle) and safe)\b/giu, 2],
  // A plain safety claim: a little weaker, because guidance ("it is safe to exercise during
  // pregnancy") is worth checking too but is less often wrong than a blanket denial.
  [
    /\b(?:is|are|it's|was|were|be|been|remains?)\s+safe\s+(?:for|during|in|to|when|while|at)\b/giu,
    1.5,
  ],
];

/** Rejects denials that are themselves negated: "is not risk-free", "isn't completely safe". */
const unlessNegated =
  (weight: number) =>
  (m: RegExpExecArray, sentence: string): number | null =>
    negatedBefore(sentence, m.index) ? null : weight;

/** Harm, risk and side-effect denials. */
export const findHarmDenials: Rule = (sentence) => {
  const out: RuleMatch[] = [];
  for (const [pattern, weight] of PATTERNS) {
    out.push(...findAll(pattern, sentence, "harm-denial", unlessNegated(weight)));
  }
  return dropNested(out);
};
