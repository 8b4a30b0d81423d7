/**
 * `cure-claim`: cure, reversal, elimination, healing, "detox" and tumour-killing language
 * (strong), and the weaker prevent / treat / repair / boost-immunity family, which also turns up
 * in neutral descriptions ("used to treat kidney disease") and so needs a second signal or a
 * plain statement to be suggested. Negated cures stay ("there is no cure for …" is a claim too).
 */
import { dropNested, findAll, type Rule, type RuleMatch } from "./rule";

const STRONG =
  /\b(?:cur(?:e[sd]?|ing|able|ative)|revers(?:e[sd]?|ing|al of)|eliminat(?:e[sd]?|ing)|eradicat(?:e[sd]?|ing)|heal(?:s|ed|ing)?|regrow(?:s|n|th of)?|regrew|regenerat(?:e[sd]?|ing)|detox(?:es|ed|ing|ify|ifies|ified|ifying|ification)?|cleanse[sd]? (?:the|your) (?:body|liver|blood|colon|kidneys|system)|flush(?:es|ed|ing)? (?:out )?(?:the |your |all )?toxins|miracle|wonder drug)\b/giu;
/** Killing or starving a disease: "kill 99.9% of viruses", "starve cancer cells". */
const KILLS =
  /\b(?:kill(?:s|ed|ing)?|destroy(?:s|ed|ing)?|shrink(?:s|ing)?|shrank|shrunk|starv(?:e[sd]?|ing))\s+(?:[\p{L}\d.%-]+\s+){0,2}?(?:cancer\w*|tumou?rs?|viruse?s?|virus|bacteria|germs|pathogens|\d+(?:\.\d+)?\s?%)/giu;
const WEAK =
  /\b(?:prevent(?:s|ed|ing)?|prevention of|treat(?:s|ed|ing)?|fight(?:s|ing)?(?: off)?|fought(?: off)?|repair(?:s|ed|ing)?|restor(?:e[sd]?|ing)|reliev(?:e[sd]?|ing)|remission|protect(?:s|ed|ing)? (?:\p{L}+ )?against|(?:boost|strengthen)(?:s|ed|ing)? (?:your |the )?immun\w*|remov(?:e[sd]?|ing) (?:toxins|parasites|plaque))\b/giu;

/** "a treat", "as a treat": food, not therapy. */
function weakWeight(m: RegExpExecArray, sentence: string): number | null {
  if (/^treat$/i.test(m[0]) && /\ba\s+(?:special\s+|little\s+)?$/i.test(sentence.slice(0, m.index)))
    return null;
  return 1;
}

/** Cure, reversal and prevention language. */
export const findCureClaims: Rule = (sentence) => {
  const out: RuleMatch[] = [
    ...findAll(STRONG, sentence, "cure-claim", 2),
    ...findAll(KILLS, sentence, "cure-claim", 2),
    ...findAll(WEAK, sentence, "cure-claim", weakWeight),
  ];
  return dropNested(out);
};
