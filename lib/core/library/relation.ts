/**
 * The second stage of claim matching: given a library claim's wording and a candidate sentence
 * (found by the database's full-text and trigram retrieval), decide whether the sentence makes
 * the claim ("same"), states its opposite ("opposite") or makes another claim ("unrelated").
 *
 * Method (docs/library-matching.md): both texts are normalized and mapped to concepts
 * (normalize.ts, synonyms.ts). The claim's concepts are split around its first predicate into
 * subject, predicate and object. A sentence matches when it has a predicate that is the
 * claim's, a paraphrase of it or its antonym, and enough of the subject and of the object,
 * weighted (light words such as "people" or "daily" count little). The relation is then the
 * comparison of polarities: the claim's predicate and the sentence's, each reversed by an
 * antonym ("harmless" = not dangerous) and by a negation covering it (negation.ts).
 */
import { findNegations, isNegationWord, negationMask } from "./negation";
import { type Token, tokenize } from "./normalize";
import { antonymPredicates, PREDICATES, relatedPredicates } from "./predicate-terms";
import { broaderTerms, type Concept, toConcepts } from "./synonyms";
import { STOPWORDS, weight } from "./weights";

/** What a sentence does with a library claim. */
export type Relation = "same" | "opposite" | "unrelated";

/** The classifier's answer for one claim and one sentence. */
export interface Comparison {
  relation: Relation;
  /** 0–1: weighted share of the claim's terms found in the sentence (predicate counted twice). */
  score: number;
  /** The claim's terms (concepts or stems) found in the sentence. */
  matched: string[];
  /** The claim's terms not found. */
  missing: string[];
  /** Why, in a few words (for the review page and debugging). */
  reason: string;
}

/** Thresholds of the decision, tuned on the `train` split of tests/fixtures/library. */
export const THRESHOLDS = {
  /** Minimum weighted score for a match. */
  score: 0.5,
  /** Minimum weighted share of the subject's terms, and of the object's. */
  part: 0.45,
} as const;

/** Minimum score for a claim whose predicate the table does not know. */
const NO_PREDICATE_SCORE = 0.75;

/** How much more the head of the subject or object weighs than its other terms. */
const HEAD_WEIGHT = 1.5;

/** A text as the classifier sees it. */
interface Analysed {
  tokens: Token[];
  concepts: Concept[];
  negated: boolean[];
  contrastive: { from: number; to: number }[];
}

function analyse(text: string): Analysed {
  const tokens = tokenize(text);
  const concepts = toConcepts(tokens);
  // A cue inside a phrase of the table ("make no difference", "not dangerous") is part of that
  // phrase's meaning, already given by its concept and polarity.
  const inPhrase = (i: number) =>
    concepts.some((c) => c.term.startsWith("~") && c.end - c.at > 1 && c.at <= i && i < c.end);
  const cues = findNegations(tokens).filter((c) => !inPhrase(c.at));
  return {
    tokens,
    concepts,
    negated: negationMask(tokens, cues),
    contrastive: cues.filter((c) => c.contrastive).map((c) => ({ from: c.from, to: c.to })),
  };
}

/** Polarity of a concept occurrence: false when reversed by its phrase or by a negation. */
function polarity(a: Analysed, c: Concept): boolean {
  return !(c.flip !== (a.negated[c.at] ?? false));
}

/** The claim's terms worth comparing, first occurrence of each. */
function keyTerms(a: Analysed): Concept[] {
  const seen = new Set<string>();
  const out: Concept[] = [];
  for (const c of a.concepts) {
    const word = a.tokens[c.at]?.word ?? "";
    if (!c.term.startsWith("~") && (STOPWORDS.has(word) || isNegationWord(word))) continue;
    if (c.term === "~effect" && !c.flip) continue;
    if (seen.has(c.term)) continue;
    seen.add(c.term);
    out.push(c);
  }
  return out;
}

/** Predicates, and "~effect" ("affects") which may stand for "causes". */
const isPredicate = (term: string) => PREDICATES.has(term) || term === "~effect";

/**
 * Predicates of "X is ADJ N" claims ("measles is a harmless childhood illness"): the noun after
 * the adjective names a category, not an object the sentence must repeat.
 */
const COPULAR = new Set(["~danger", "~good", "~addictive", "~safer"]);

/** Words after which a noun phrase's head has been seen ("IQ" in "children's IQ in …"). */
const PHRASE_END = new Set([
  "in",
  "among",
  "for",
  "who",
  "which",
  "that",
  "when",
  "at",
  "on",
  "than",
  "before",
  "after",
  "during",
  "with",
  "without",
]);

/**
 * The head of a part (subject or object): the last weighty term before a preposition or a
 * relative clause. It weighs more: "lowers children's IQ" is about IQ more than children.
 */
function headOf(a: Analysed, part: Concept[]): Concept | undefined {
  let head: Concept | undefined;
  for (const c of part) {
    const before = a.tokens.slice(head ? head.end : 0, c.at);
    if (head && before.some((t) => PHRASE_END.has(t.word) || t.boundary)) break;
    if (weight(c.term) >= 1) head = c;
  }
  return head;
}

/** How the sentence expresses one of the claim's predicates. */
interface PredicateMatch {
  claim: Concept;
  /** The sentence occurrence; undefined for the "in" stand-in of "contain". */
  sentence: Concept | undefined;
  quality: number;
  /** True when the sentence's predicate is the claim's reversed (antonym). */
  antonym: boolean;
  /** The sentence's polarity, antonym included. */
  positive: boolean;
}

function findPredicate(
  claim: Analysed,
  preds: Concept[],
  sentence: Analysed,
): PredicateMatch | undefined {
  let best: PredicateMatch | undefined;
  for (const cp of preds) {
    for (const sc of sentence.concepts) {
      let quality = 0;
      let antonym = false;
      if (sc.term === cp.term) quality = 1;
      else if (isPredicate(sc.term) && relatedPredicates(cp.term, sc.term)) quality = 0.7;
      else if (PREDICATES.has(sc.term) && antonymPredicates(cp.term, sc.term)) {
        quality = 0.65;
        antonym = true;
      }
      if (quality > (best?.quality ?? 0)) {
        best = {
          claim: cp,
          sentence: sc,
          quality,
          antonym,
          positive: polarity(sentence, sc) !== antonym,
        };
      }
    }
  }
  if (best) return best;
  // "has no effect on", "does not work", "makes no difference": denies any effect claimed.
  const effect = sentence.concepts.find((c) => c.term === "~effect" && !polarity(sentence, c));
  const first = preds[0];
  if (effect && first && polarity(claim, first)) {
    return { claim: first, sentence: effect, quality: 0.8, antonym: false, positive: false };
  }
  // "There are no microchips in any vaccine" for "vaccines contain microchips".
  const contain = preds.find((p) => p.term === "~contain");
  if (contain) {
    const i = sentence.tokens.findIndex((t) => t.word === "in" || t.word === "with");
    if (i >= 0) {
      const neg = sentence.negated.slice(0, i + 1).some(Boolean);
      return { claim: contain, sentence: undefined, quality: 0.6, antonym: false, positive: !neg };
    }
  }
  return undefined;
}

/**
 * Compares a library claim with a sentence. Pure and deterministic; a few microseconds per
 * pair, so it can rank every candidate the database's retrieval returns.
 */
export function compareClaim(
  claimText: string,
  sentenceText: string,
  thresholds: { score: number; part: number } = THRESHOLDS,
): Comparison {
  const claim = analyse(claimText);
  const sentence = analyse(sentenceText);
  const terms = keyTerms(claim);
  const preds = terms.filter((c) => PREDICATES.has(c.term) || c.term === "~effect");
  const firstPred = preds[0] ? terms.indexOf(preds[0]) : -1;
  const args = terms.filter((c) => !preds.includes(c));
  const subject = firstPred < 0 ? [] : args.filter((c) => terms.indexOf(c) < firstPred);
  const object = firstPred < 0 ? args : args.filter((c) => terms.indexOf(c) > firstPred);

  const sentenceTerms = new Map<string, Concept[]>();
  for (const c of sentence.concepts) {
    const list = sentenceTerms.get(c.term) ?? [];
    list.push(c);
    sentenceTerms.set(c.term, list);
  }
  const stems = [...sentenceTerms.keys()].filter((t) => !t.startsWith("~"));
  // A word outside the table also matches a longer or shorter form of itself that the stemmer
  // left apart ("homeopath" / "homeopathi"); five letters at least, so "cell" ≠ "cellphone".
  const has = (c: Concept) =>
    sentenceTerms.has(c.term) ||
    broaderTerms(c.term).some((b) => sentenceTerms.has(b)) ||
    (!c.term.startsWith("~") &&
      c.term.length >= 5 &&
      stems.some((s) => s.length >= 5 && (s.startsWith(c.term) || c.term.startsWith(s))));
  // Only the object's head: a subject's head is often generic ("5G networks", "detox teas").
  const heads = new Set([headOf(claim, object)]);
  const w = (c: Concept) => weight(c.term) * (heads.has(c) ? HEAD_WEIGHT : 1);
  /** Weighted share of a part found; a part of light words only ("people") is not required. */
  const share = (part: Concept[]) => {
    const total = part.reduce((s, c) => s + w(c), 0);
    if (total < 1) return 1;
    return part.filter(has).reduce((s, c) => s + w(c), 0) / total;
  };

  const matched = args.filter(has).map((c) => c.term);
  const missing = args.filter((c) => !has(c)).map((c) => c.term);
  let pm = preds.length > 0 ? findPredicate(claim, preds, sentence) : undefined;
  // A predicate the table does not know ("X spells the end of Y"): accepted only when every
  // argument is there and the sentence has no known predicate that could say something else.
  if (
    !pm &&
    preds[0] &&
    !sentence.concepts.some((c) => isPredicate(c.term)) &&
    share(subject) === 1 &&
    share(object) === 1 &&
    args.filter((c) => weight(c.term) >= 1).length >= 3
  ) {
    const negated = sentence.concepts.some(
      (c) => args.some((a) => a.term === c.term) && sentence.negated[c.at],
    );
    pm = {
      claim: preds[0],
      sentence: undefined,
      quality: 0.5,
      antonym: false,
      positive: !negated,
    };
  }
  if (pm) matched.push(pm.claim.term);
  else missing.push(...preds.map((p) => p.term));

  const predWeight = preds.length > 0 ? 2 : 0;
  const argTotal = args.reduce((s, c) => s + w(c), 0);
  const argMatched = args.filter(has).reduce((s, c) => s + w(c), 0);
  const score = (argMatched + predWeight * (pm?.quality ?? 0)) / (argTotal + predWeight || 1);

  const unrelated = (reason: string): Comparison => ({
    relation: "unrelated",
    score,
    matched,
    missing,
    reason,
  });
  if (preds.length > 0 && !pm) return unrelated("the claim's predicate is not there");
  // The subject's first weighty term is usually its distinctive one ("5G" in "5G mobile
  // networks", "fish oil" in "fish oil supplements"): with it, a lower share will do.
  const lead = subject.find((c) => weight(c.term) >= 1);
  const subjectShare = share(subject);
  const subjectOk =
    subjectShare >= thresholds.part || (lead !== undefined && has(lead) && subjectShare >= 0.3);
  if (!subjectOk) return unrelated("different subject");
  const copular = pm !== undefined && COPULAR.has(pm.claim.term);
  // With nothing weighty after the predicate ("kills more people"), only the claim's own
  // predicate (or its antonym) will do: a paraphrase would match too much.
  const objectWeight = object.reduce((sum, c) => sum + weight(c.term), 0);
  if (pm && objectWeight < 1 && !copular && pm.quality === 0.7) {
    return unrelated("only a paraphrase of the predicate, and no object");
  }
  if (!copular && share(object) < thresholds.part) return unrelated("different object");
  if (score < thresholds.score) return unrelated("too few of the claim's terms");
  // Without a known predicate the verb is just another word: ask for more of the claim.
  if (preds.length === 0 && score < NO_PREDICATE_SCORE) return unrelated("no known predicate");

  let same = pm ? pm.positive === polarity(claim, pm.claim) : true;
  let reason = pm
    ? `${pm.antonym ? "antonym of" : !pm.sentence ? "no other predicate but all terms of" : pm.quality < 1 ? "paraphrase of" : ""} the predicate, ${same ? "same" : "opposite"} polarity`.trim()
    : "terms match";
  // "Only a minority …" for "… in most people": a reversed quantifier reverses the claim.
  for (const q of args.filter((c) => c.term === "~most")) {
    const s = sentenceTerms.get("~most")?.[0];
    if (s && polarity(sentence, s) !== polarity(claim, q)) {
      same = !same;
      reason = "reversed quantifier";
    }
  }
  // "Colds are caused by viruses, not by getting cold": the denial falls on an argument.
  const predAt = pm?.sentence?.at ?? -1;
  for (const scope of sentence.contrastive) {
    if (predAt >= scope.from && predAt < scope.to) continue;
    const hit = sentence.concepts.some(
      (c) => c.at >= scope.from && c.at < scope.to && args.some((a) => a.term === c.term),
    );
    if (hit) {
      same = !same;
      reason = "contrast denies an argument";
    }
  }
  return { relation: same ? "same" : "opposite", score, matched, missing, reason };
}
