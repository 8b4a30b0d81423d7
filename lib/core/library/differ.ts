/**
 * The library entry's wording cut into runs of words, each marked when it is one of the terms
 * the classifier did not find in the article's sentence (`Comparison.missing`): what the review
 * page highlights as "differs". Word by word, so a term of several words ("blood pressure") is
 * marked on each of its words. Pure; computed on the server (the stemmer stays out of the
 * browser bundle).
 */

import { tokenize } from "./normalize";
import { conceptOf, toConcepts } from "./synonyms";

export interface WordingRun {
  text: string;
  differs: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export function wordingRuns(wording: string, missing: readonly string[]): WordingRun[] {
  const missed = new Set(missing);
  const runs: WordingRun[] = [];
  const push = (text: string, differs: boolean) => {
    const last = runs[runs.length - 1];
    if (last && last.differs === differs) last.text += text;
    else if (text) runs.push({ text, differs });
  };
  let at = 0;
  for (const m of wording.matchAll(WORD)) {
    const index = m.index ?? 0;
    push(wording.slice(at, index), false);
    const word = m[0];
    const terms = [conceptOf(word), ...toConcepts(tokenize(word)).map((c) => c.term)];
    push(
      word,
      terms.some((t) => missed.has(t) || missed.has(t.replace(/^!/, ""))),
    );
    at = index + word.length;
  }
  push(wording.slice(at), false);
  return runs;
}
