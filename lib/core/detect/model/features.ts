/**
 * The features the claim model reads from one sentence: lower-cased word unigrams and bigrams
 * (numbers folded into `<num>`, so "37%" and "80%" are one feature), the rules' reasons with
 * their capped weights, and the context cues of `context.ts`. Pure and deterministic: the same
 * sentence always gives the same features in the same order, for training and for inference.
 */
import type { SentenceContext } from "../context";
import { REASONS } from "../reasons";
import type { RuleMatch } from "../rules/rule";

/** A sparse feature vector: feature name → value. */
export type Features = Map<string, number>;

const TOKEN = /[\p{L}]+(?:['’][\p{L}]+)*|\d+(?:[.,]\d+)*%?|%/gu;

/** Word tokens: letters lower-cased, every number one `<num>` token ("<pct>" with a percent). */
export function tokens(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    const t = m[0];
    if (/^\d/.test(t)) out.push(t.endsWith("%") ? "<pct>" : "<num>");
    else if (t === "%") out.push("<pct>");
    else out.push(t.toLowerCase().replace(/’/g, "'"));
  }
  return out;
}

/**
 * The features of a sentence, given the rule matches found in it and its context. Rule features
 * are named `r:<reason>`, context cues `c:<cue>`, words `w:<word>`, bigrams `b:<w1> <w2>`.
 */
export function featuresOf(
  sentence: string,
  matches: readonly RuleMatch[],
  context: SentenceContext,
): Features {
  const f: Features = new Map();
  const words = tokens(sentence);
  // Binary word features: a repeated word is no more of a claim.
  for (const w of words) f.set(`w:${w}`, 1);
  for (let i = 0; i + 1 < words.length; i++) f.set(`b:${words[i]} ${words[i + 1]}`, 1);
  if (words.length > 0) f.set(`b:<s> ${words[0]}`, 1);

  const perReason = new Map<string, number>();
  for (const m of matches) perReason.set(m.reason, (perReason.get(m.reason) ?? 0) + m.weight);
  for (const r of REASONS) {
    const sum = perReason.get(r);
    if (sum !== undefined) f.set(`r:${r}`, Math.min(2, sum));
  }
  if (perReason.size > 0) f.set("r:any", 1);

  for (const a of context.adjustments) f.set(`c:${a.cue}`, -a.delta);
  if (context.heading) f.set("c:heading", 1);
  if (context.question) f.set("c:question", 1);
  f.set(words.length <= 5 ? "c:short" : words.length >= 30 ? "c:long" : "c:medium", 1);
  return f;
}
