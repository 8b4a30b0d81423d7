/**
 * The claim model: a logistic regression over `features.ts`, its weights trained by
 * `scripts/train-detect.ts` (`npm run train:detect`) and committed in `weights.json`.
 */
import type { Features } from "./features";
import weightsFile from "./weights.json";

/** A trained model as stored: bias, the decision threshold and one weight per feature. */
export interface ModelWeights {
  bias: number;
  threshold: number;
  weights: Record<string, number>;
}

/** A model ready to score: its weights in a map, built once. */
export interface Model {
  bias: number;
  threshold: number;
  table: Map<string, number>;
}

export const compileModel = (m: ModelWeights): Model => ({
  bias: m.bias,
  threshold: m.threshold,
  table: new Map(Object.entries(m.weights)),
});

/** The committed model. */
export const MODEL: Model = compileModel(weightsFile);

/** The probability that a sentence with features `f` is check-worthy. */
export function probability(f: Features, model: Model = MODEL): number {
  let z = model.bias;
  for (const [name, value] of f) z += (model.table.get(name) ?? 0) * value;
  return 1 / (1 + Math.exp(-z));
}
