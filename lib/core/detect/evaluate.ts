/**
 * Scoring the detector against hand-labelled sentences: the same figures for the unit test
 * (which holds a quality bar) and the benchmark (which prints them).
 */
import { z } from "zod";
import { detectClaims } from "./detect";

/** One labelled sentence of `tests/fixtures/detect/*.json`. */
export const labelledSentenceSchema = z.object({
  text: z.string().min(1),
  checkWorthy: z.boolean(),
  note: z.string().optional(),
});
export type LabelledSentence = z.infer<typeof labelledSentenceSchema>;

/** A labelled set, as read from its JSON file. */
export const labelledSetSchema = z.array(labelledSentenceSchema);

/** True/false positives and negatives. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** The evaluation of a labelled set: counts, scores and the sentences that were got wrong. */
export interface Evaluation extends Confusion {
  sentences: number;
  precision: number;
  recall: number;
  f1: number;
  errors: { text: string; expected: boolean; note?: string }[];
}

/** A sentence is predicted check-worthy when the detector suggests anything in it. */
export const predictCheckWorthy = (text: string): boolean => detectClaims(text).length > 0;

/** Scores `predict` on `set`. Precision and recall are 0 (not NaN) when undefined. */
export function evaluate(
  set: readonly LabelledSentence[],
  predict: (text: string) => boolean = predictCheckWorthy,
): Evaluation {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const errors: Evaluation["errors"] = [];
  for (const item of set) {
    const predicted = predict(item.text);
    if (predicted && item.checkWorthy) c.tp++;
    else if (predicted) c.fp++;
    else if (item.checkWorthy) c.fn++;
    else c.tn++;
    if (predicted !== item.checkWorthy)
      errors.push({ text: item.text, expected: item.checkWorthy, note: item.note });
  }
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { sentences: set.length, ...c, precision, recall, f1, errors };
}
