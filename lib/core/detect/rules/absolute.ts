/**
 * `absolute`: certainty words (always, never, completely, guaranteed, 100%, only). Health
 * findings are almost never absolute, so such wording is worth a second look. Left out:
 * conditionals and idioms where the word carries no certainty ("only if", "not only",
 * "as always"), and negated forms, which are hedges ("not always", "not completely").
 * "every"/"everyone"/"all patients" count half: they are as often a truism ("everyone's
 * experience is different") as a claim.
 */
import { dropNested, findAll, negatedBefore, type Rule, type RuleMatch } from "./rule";

const STRONG =
  /\b(?:completely|totally|entirely|absolutely|always|never|guarantee[ds]?|guaranteeing|permanently|forever|instantly|undeniably|without exception|in every case|(?:scientifically|clinically|medically) proven|proven to)\b|\b100 ?(?:%|per ?cent\b)/giu;
const ONLY = /\bonly\b/giu;
const QUANTIFIER =
  /\b(?:everyone|everybody|nobody|no one|every (?:case|patient|person|time|single)|all (?:patients|people|adults|children|women|men|cases|types|forms|kinds|nutrients|diseases|cancers))\b/giu;

/** "only if/when/unless…" is a condition, "not only"/"if only" an idiom: no certainty claimed. */
function onlyWeight(m: RegExpExecArray, sentence: string): number | null {
  const after = sentence.slice(m.index + m[0].length);
  const before = sentence.slice(0, m.index);
  if (/^\s+(?:if|when|whenever|once|after|until|unless|just|then)\b/i.test(after)) return null;
  if (/\b(?:not|if)\s+$/i.test(before)) return null;
  return 1;
}

function strongWeight(m: RegExpExecArray, sentence: string): number | null {
  if (negatedBefore(sentence, m.index)) return null;
  if (/\bas\s+$/i.test(sentence.slice(0, m.index)) && /^always$/i.test(m[0])) return null;
  return 1;
}

/** Absolute, certain wording. */
export const findAbsolutes: Rule = (sentence) => {
  const out: RuleMatch[] = [
    ...findAll(STRONG, sentence, "absolute", strongWeight),
    ...findAll(ONLY, sentence, "absolute", onlyWeight),
    ...findAll(QUANTIFIER, sentence, "absolute", 0.5),
  ];
  return dropNested(out);
};
