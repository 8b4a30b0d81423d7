/**
 * `causal`: the sentence says one thing causes, triggers or changes another ("causes autism",
 * "leads to deficiency", "lowers LDL cholesterol", "linked to cancer"), or asserts a harm
 * ("addictive", "carcinogenic"). "because" is left out: it explains far more often than it
 * claims ("because the clinic is closed"), and the effect verbs catch most real causal claims.
 */
import { dropNested, findAll, type Rule, type RuleMatch } from "./rule";

const CONNECTIVES =
  /\b(?:caus(?:e[sd]?|ing)|caused by|lead(?:s|ing)? to|led to|result(?:s|ed|ing)? in|trigger(?:s|ed|ing)?|linked (?:to|with)|associated with|tied to|contribut(?:e[sd]?|ing) to|responsible for|due to|because of|as a result of|interact(?:s|ed)? with)\b/giu;
/**
 * Effect verbs in a finite form ("lowers", "raised") or after a modal / "to" ("can reduce",
 * "helps to lower"). The bare imperative ("Reduce your salt intake") is left to the
 * imperative adjustment in `context.ts`.
 */
const EFFECTS =
  /\b(?:(?:can|could|may|might|will|would|to|help|helps|helped)\s+(?:\p{L}+ly\s+)?(?:increase|raise|lower|reduce|decrease|boost|improve|weaken|damage|slow|worsen|shorten|lengthen|destroy|block)|(?:increas|rais|lower|reduc|decreas|boost|improv|weaken|damag|slow|worsen|shorten|lengthen|destroy|block)(?:es|s|ed|d)|(?:has|have|had) cut|cuts)\b/giu;
/** "makes you fat", "gives you a cold", "protects the brain from …", "changes your DNA". */
const MAKES =
  /\b(?:mak(?:e|es|ing)|made|giv(?:e|es|ing)|gave)\s+(?:you|people|children|kids|babies|women|men|patients|your \p{L}+)\s+\p{L}+|\bprotect(?:s|ed|ing)?\s+(?:\p{L}+\s+){1,3}?from\b|\bchang(?:e|es|ed|ing)\s+(?:your|the|a person's|their)\s+(?:personality|dna|genes|brain|hormones|metabolism)\b/giu;
/** Harm asserted as a property; "non-toxic" belongs to harm-denial. */
const HARMFUL =
  /(?<!non-?)\b(?:addictive|carcinogenic|carcinogens?|neurotoxic|neurotoxins?|toxic|poisonous)\b/giu;

/**
 * A participle used as an adjective describes rather than claims: "reduced-fat milk", "the
 * damaged cells", "a raised temperature" ("increased risk" is caught as a comparison).
 */
function effectWeight(m: RegExpExecArray, sentence: string): number | null {
  if (sentence[m.index + m[0].length] === "-") return null;
  const before = sentence.slice(0, m.index);
  if (
    /ed$/i.test(m[0]) &&
    /\b(?:the|a|an|most|more|less|very|already|severely|badly|its|their|your)\s+$/i.test(before)
  )
    return null;
  return 1;
}

/** Causal and effect claims. */
export const findCausalClaims: Rule = (sentence) => {
  const out: RuleMatch[] = [
    ...findAll(CONNECTIVES, sentence, "causal", 1),
    ...findAll(EFFECTS, sentence, "causal", effectWeight),
    ...findAll(MAKES, sentence, "causal", 1),
    ...findAll(HARMFUL, sentence, "causal", 1),
  ];
  return dropNested(out);
};
