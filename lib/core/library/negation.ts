/**
 * Negation and denial in a tokenized sentence, and their scope: which words a "not", "no",
 * "never", "failed to", "no evidence that", "has not been shown to" or "… is a myth" covers.
 * The relation classifier (relation.ts) then asks whether the claim's predicate is covered,
 * which tells "X does not cause Y" (the opposite of "X causes Y") from "X does not cause Z"
 * (a different claim) once the arguments are compared.
 *
 * Scope runs from a cue to the end of its clause: punctuation, a clause word ("but", "which",
 * "because", …), or an "and"/"or" that starts a new verb phrase ("… and can cause …").
 * Antonyms ("harmless" / "dangerous") are not here: the synonym table marks them as reversed
 * concepts (synonyms.ts).
 */
import type { Token } from "./normalize";

/** Words that negate what follows them in their clause. */
const FORWARD_CUES = new Set([
  "not",
  "no",
  "never",
  "none",
  "nothing",
  "neither",
  "nor",
  "fail",
  "failed",
  "fails",
  "failing",
  "deny",
  "denied",
  "denies",
  "dismiss",
  "dismissed",
  "dismisses",
  "refute",
  "refuted",
  "refutes",
  "disprove",
  "disproved",
  "disproven",
  "unlikely",
  "unproven",
  "unsupported",
  "contrary",
  "reject",
  "rejected",
  "rejects",
  "dispute",
  "disputed",
  "disputes",
  "hardly",
  "barely",
  "scarcely",
  "nobody",
  "lack",
  "lacks",
  "lacked",
  "zero",
]);

/** Words that deny the whole sentence they are in, before or after them ("… is a myth"). */
const SENTENCE_CUES = new Set([
  "myth",
  "myths",
  "false",
  "untrue",
  "debunked",
  "debunk",
  "misconception",
  "misconceptions",
  "hoax",
  "nonsense",
  "baseless",
  "unfounded",
  "wrong",
  "incorrect",
  "misleading",
  "misinformation",
  "fallacy",
  "overblown",
  "exaggerated",
  "overstated",
  "groundless",
]);

/** "little evidence", "insufficient evidence", "lack of evidence": denials in two words. */
const WEAK_EVIDENCE = new Set(["little", "scant", "insufficient", "lack", "lacking", "weak"]);

/** Cue words that are not negations in these pairs ("not only", "no doubt"). */
const NOT_A_CUE: Record<string, ReadonlySet<string>> = {
  not: new Set(["only", "just", "merely"]),
  no: new Set(["doubt", "wonder", "matter"]),
  nothing: new Set(["but"]),
};

/** Words at which a clause, and so a negation's scope, ends. */
const CLAUSE_WORDS = new Set([
  "but",
  "which",
  "who",
  "whom",
  "whose",
  "while",
  "whereas",
  "although",
  "though",
  "because",
  "since",
  "so",
  "yet",
  "however",
  "unless",
  "if",
  "when",
  "whether",
  "instead",
  "rather",
]);

/** After "and"/"or", a word that starts a new verb phrase or clause. */
const CLAUSE_STARTERS = new Set([
  "can",
  "could",
  "will",
  "would",
  "may",
  "might",
  "must",
  "should",
  "is",
  "are",
  "was",
  "were",
  "has",
  "have",
  "had",
  "does",
  "do",
  "did",
  "it",
  "they",
  "he",
  "she",
  "we",
  "you",
  "i",
  "there",
  "not",
  "never",
]);

/** True when token `i` ends a negation scope. */
function endsScope(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  if (t.boundary) return true;
  if (CLAUSE_WORDS.has(t.word)) return true;
  if (t.word === "and" || t.word === "or") {
    const next = tokens[i + 1];
    return next !== undefined && CLAUSE_STARTERS.has(next.word);
  }
  return false;
}

/** A negation cue found in a sentence and the tokens it covers. */
export interface NegationCue {
  /** Index of the cue token. */
  at: number;
  /** First covered token index. */
  from: number;
  /** One past the last covered token index. */
  to: number;
  /** True when the cue follows a comma: "caused by viruses, not by getting cold". */
  contrastive: boolean;
  /**
   * True for "rather than" / "instead of": they deny what they cover only when it is an
   * argument of the claim and not its predicate, so they are left out of the negation mask.
   */
  contrastOnly?: boolean;
}

/** Two-word cues that only contrast ("caused by viruses rather than the cold"). */
const CONTRAST_ONLY = new Set(["rather than", "instead of"]);

/** True when the token at `i` is a forward negation cue in this context. */
function isForwardCue(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  const next = tokens[i + 1];
  // "ruled out", "far from harmless"
  if (t.stem === "rule" && next?.word === "out") return true;
  if (t.word === "far" && next?.word === "from") return true;
  if (FORWARD_CUES.has(t.word)) return !(next && NOT_A_CUE[t.word]?.has(next.word));
  if (WEAK_EVIDENCE.has(t.word)) {
    const after = next?.word === "of" ? tokens[i + 2] : next;
    return after?.stem === "evid" || after?.stem === "proof";
  }
  return false;
}

/** Every negation cue of the sentence with its scope, in order. */
export function findNegations(tokens: readonly Token[]): NegationCue[] {
  const cues: NegationCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (SENTENCE_CUES.has(t.word)) {
      cues.push({ at: i, from: 0, to: tokens.length, contrastive: false });
      continue;
    }
    if (CONTRAST_ONLY.has(`${t.word} ${tokens[i + 1]?.word ?? ""}`)) {
      let j = i + 2;
      while (j < tokens.length && !endsScope(tokens, j)) j++;
      cues.push({ at: i, from: i + 2, to: j, contrastive: true, contrastOnly: true });
      continue;
    }
    if (!isForwardCue(tokens, i)) continue;
    let j = i + 1;
    while (j < tokens.length && !endsScope(tokens, j)) j++;
    const prev = tokens[i - 1];
    // "need no sunscreen", "poses no danger": a "no" right after a verb denies the verb too.
    const from = t.word === "no" && prev && !prev.boundary ? i - 1 : i + 1;
    cues.push({ at: i, from, to: j, contrastive: prev?.stem === "," });
  }
  return cues;
}

/**
 * For each token, whether it is negated: covered by an odd number of cues ("it is a myth that
 * X does not cause Y" says X causes Y).
 */
export function negationMask(tokens: readonly Token[], cues = findNegations(tokens)): boolean[] {
  const mask = tokens.map(() => false);
  for (const c of cues) {
    if (c.contrastOnly) continue;
    for (let i = c.from; i < c.to; i++) mask[i] = !mask[i];
  }
  return mask;
}

/** True when the word is a negation cue of any kind (the classifier does not weigh these). */
export function isNegationWord(word: string): boolean {
  return FORWARD_CUES.has(word) || SENTENCE_CUES.has(word);
}
