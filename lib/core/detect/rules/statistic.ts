/**
 * `statistic`: numbers that state a quantity — percentages, ratios ("1 in 4", "nine out of
 * ten"), multiples ("twice as likely", "doubles"), large counts, doses — and, weaker, any other
 * count ("20 minutes", "seven years"). Numbers that state no quantity are blanked out first:
 * dates and times ("2016-04-02 10:37", "8:30"), years ("in 2019", "the 1980s"), citations
 * ("[12]", "(Smith, 2019)"), labels ("type 2", "Figure 3", "step 4"), phone numbers
 * ("call 111") and numbers inside names ("COVID-19", "B12", "omega-3"). List numbering never
 * reaches this rule: the splitter leaves "1. " out of the sentence.
 *
 * Weights: a strong figure (1.5) is enough on its own; a dose (1) too; a plain count (0.5) needs
 * a second count or another reason, because "within 10 working days" is not a health claim.
 */
import { findAll, type Rule, type RuleMatch } from "./rule";

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
/** Numbers that state no quantity; each is replaced by spaces of the same length. */
const NOT_QUANTITIES: RegExp[] = [
  /\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?/g,
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g,
  /\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:am|pm|a\.m\.|p\.m\.))?/gi,
  /\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)/gi,
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\b(?:,?\\s+\\d{4})?`, "g"),
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?`, "g"),
  /\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]/g,
  /\([^()]*\b(?:1[89]|20)\d{2}[a-z]?\s*\)/g,
  /\b(?:type|stage|grade|phase|step|figure|fig\.|table|chapter|section|page|p\.|pp\.|no\.|number|version|room|ward|bed|appendix|question|item|part|tier|class|category)\s+\d+[a-z]?\b/gi,
  /\b(?:call|dial|phone|ring|text)\s+(?:us\s+(?:on|at)\s+)?\+?\d[\d\s-]{1,}\d/gi,
  // Years and decades, unless a unit follows ("2000 mg", "1800 calories").
  /\b(?:1[89]|20)\d{2}s?\b(?!\s*(?:mg|mcg|µg|iu|kcal|calories|steps|people|patients|units|ml|deaths|cases|women|men|children|adults)\b)/gi,
];

const NUMBER = /(?<![\p{L}\p{N}.,])(?<!\p{L}-)[$£€]?\d+(?:[.,]\d+)*/gu;
const STRONG_UNIT =
  /^\s?(?:%|per ?cent\b|percentage points?\b|times\b|-?fold\b|x\b|(?:in|out of)\s+(?:\d[\d,]*|every|ten|a hundred)|million\b|billion\b|thousand\b|per\s+(?:\d[\d,]*|thousand|million|capita)\b)/i;
const DOSE_UNIT =
  /^\s?(?:mg|mcg|µg|μg|g|kg|ml|l|iu|units?|micrograms?|milligrams?|grams?|kcal|calories|mmol\/l|mmhg)\b/i;
const SMALL = "(?:one|two|three|four|five|six|seven|eight|nine|ten|\\d+)";
const WORD_STRONG = new RegExp(
  `\\b(?:twice|thrice|${SMALL} times)\\s+(?:as|more|less|higher|lower|the)\\b|\\b${SMALL} (?:in|out of) (?:two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|a thousand|\\d+)\\b|\\b(?:by|of|than|to|nearly|almost|about|around|over|roughly)\\s+(?:half|a third|a quarter|two[- ]thirds|three[- ]quarters|a fifth|a tenth)\\b|\\b(?:doubl|tripl|quadrupl|halv)(?:es|ed|ing)\\b|\\bhalves\\b|\\b(?:can|could|may|might|will|would|to)\\s+(?:double|triple|quadruple|halve)\\b|\\b(?:double|triple|quadruple|halve)\\s+(?:your|the|their|a)\\s+(?:risk|chances?|odds|rates?)\\b`,
  "giu",
);
/** Spelled-out counts ("seven years", "eight glasses"); "one" is left out, it is rarely a count. */
const WORD_COUNT =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands|millions|dozens?)\b/giu;

/** The sentence with every number that states no quantity replaced by spaces. */
export function maskNonQuantities(sentence: string): string {
  let masked = sentence;
  for (const pattern of NOT_QUANTITIES) {
    masked = masked.replace(pattern, (m) => " ".repeat(m.length));
  }
  return masked;
}

/** Each number with its unit ("30 percent", "1 in 100", "500 mg"), weighted by that unit. */
function findNumbers(masked: string): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const m of masked.matchAll(NUMBER)) {
    const end = m.index + m[0].length;
    const after = masked.slice(end);
    // "100%" is certainty wording, counted by the absolute rule instead.
    if (/^100$/.test(m[0]) && /^\s?(?:%|per ?cent\b)/i.test(after)) continue;
    const strong = STRONG_UNIT.exec(after);
    const dose = strong ? null : DOSE_UNIT.exec(after);
    const unit = strong ?? dose;
    out.push({
      reason: "statistic",
      start: m.index,
      end: end + (unit?.[0].length ?? 0),
      weight: strong ? 1.5 : dose ? 1 : 0.5,
    });
  }
  return out;
}

/** Overlaps with a stronger match (a number inside "1 in 4") are dropped. */
function withoutOverlaps(matches: RuleMatch[]): RuleMatch[] {
  const sorted = [...matches].sort((a, b) => b.weight - a.weight || a.start - b.start);
  const kept: RuleMatch[] = [];
  for (const m of sorted) {
    if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Quantities: percentages, ratios, multiples, counts and doses. */
export const findStatistics: Rule = (sentence) => {
  const masked = maskNonQuantities(sentence);
  return withoutOverlaps([
    ...findAll(WORD_STRONG, masked, "statistic", 1.5),
    ...findNumbers(masked),
    ...findAll(WORD_COUNT, masked, "statistic", 0.5),
  ]);
};
