/**
 * `comparative`: one treatment, food or group compared with another ("more effective than",
 * "safer than", "superior to", "as effective as", "twice as likely" is a statistic), risk
 * comparisons ("higher risk", "more likely") and superlatives ("the best way", "the safest").
 * "more than 50%" is a quantity (statistic), not a comparison, and plain "as well as" is a
 * conjunction unless it follows "works"/"exactly"/"equally".
 */
import { dropNested, findAll, type Rule, type RuleMatch } from "./rule";

const WORD = "[\\p{L}'-]+";
const QUANTITY =
  /^\s*(?:[$£€]?\d|(?:a|an|one|half|twice|double|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|a few|several|once)\b)/iu;

const MORE_THAN = new RegExp(`\\b(?:more|less|fewer)\\s+(?:${WORD}\\s+){0,4}?than\\b`, "giu");
const ER_THAN = new RegExp(
  `\\b(?:better|worse|safer|healthier|stronger|weaker|faster|slower|higher|lower|greater|cheaper|quicker|riskier|deadlier)\\s+(?:${WORD}\\s+){0,4}?than\\b|\\b(?:superior|inferior)\\s+to\\b|\\boutperform(?:s|ed|ing)?\\b`,
  "giu",
);
const BARE = /\b(?:safer|healthier|riskier|deadlier)\b|\bcompared (?:with|to)\b/giu;
const AS_AS =
  /\b(?:as|just as|equally|exactly as|every bit as)\s+(?:effective|safe|good|powerful|harmful|dangerous|healthy|nutritious|beneficial|bad|risky)\s+as\b|\b(?:just|exactly|equally|every bit|works?|worked)\s+as\s+well\s+as\b/giu;
const SUPERLATIVE =
  /\b(?:the|is|are)\s+(?:best|worst|safest|healthiest|strongest|most (?:effective|important|dangerous|common|powerful|harmful|nutritious|beneficial|reliable)|leading cause|number one|#1|only effective)\b/giu;
const RISK =
  /\b(?:more|less) likely\b|\b(?:higher|lower|increased|reduced|greater|elevated|decreased|smaller|bigger) (?:risk|chance|odds|rates?|incidence|mortality)\b/giu;

/** "more than 50 %", "less than a month": a quantity, not a comparison. */
function moreThanWeight(m: RegExpExecArray, sentence: string): number | null {
  const inner = m[0].split(/\s+/).length;
  if (inner === 2 && QUANTITY.test(sentence.slice(m.index + m[0].length))) return null;
  return 1;
}

/** Comparisons between treatments, risks and groups. */
export const findComparisons: Rule = (sentence) => {
  const out: RuleMatch[] = [
    ...findAll(MORE_THAN, sentence, "comparative", moreThanWeight),
    ...findAll(ER_THAN, sentence, "comparative", (m, s) => {
      // "higher than 140/90", "lower than 5 mmol/l": a threshold, not a comparison.
      const words = m[0].split(/\s+/).length;
      return words === 2 && QUANTITY.test(s.slice(m.index + m[0].length)) ? null : 1;
    }),
    ...findAll(BARE, sentence, "comparative", 1),
    ...findAll(AS_AS, sentence, "comparative", 1),
    ...findAll(SUPERLATIVE, sentence, "comparative", 1),
    ...findAll(RISK, sentence, "comparative", 1),
  ];
  return dropNested(out);
};
