/**
 * Training the claim model: L2-regularised logistic regression by full-batch gradient descent
 * with a fixed number of steps. Deterministic by construction: no random initialisation or
 * sampling, features in sorted order, examples in the order given, so the same data always
 * gives the same weights (rounded to 4 decimals, so the JSON is stable across platforms).
 */
import type { ModelWeights } from "./classify";
import type { Features } from "./features";

export interface Example {
  features: Features;
  label: boolean;
}

export interface TrainOptions {
  /** Features seen in fewer training sentences are dropped (they would only memorise). */
  minCount: number;
  steps: number;
  learningRate: number;
  l2: number;
  threshold: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  minCount: 2,
  steps: 600,
  learningRate: 0.5,
  l2: 0.002,
  threshold: 0.5,
};

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function train(
  examples: readonly Example[],
  options: Partial<TrainOptions> = {},
): ModelWeights {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const counts = new Map<string, number>();
  for (const e of examples)
    for (const name of e.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts.keys()].filter((n) => (counts.get(n) ?? 0) >= o.minCount).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  // Each example as parallel arrays of feature indices and values.
  const rows = examples.map((e) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [name, value] of [...e.features].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const i = index.get(name);
      if (i !== undefined) {
        idx.push(i);
        val.push(value);
      }
    }
    return { idx, val, y: e.label ? 1 : 0 };
  });
  const w = new Float64Array(names.length);
  let bias = 0;
  const n = rows.length;
  for (let step = 0; step < o.steps; step++) {
    const grad = new Float64Array(names.length);
    let gradBias = 0;
    for (const r of rows) {
      let z = bias;
      for (let k = 0; k < r.idx.length; k++) z += (w[r.idx[k] ?? 0] ?? 0) * (r.val[k] ?? 0);
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      gradBias += err;
      for (let k = 0; k < r.idx.length; k++) {
        const i = r.idx[k] ?? 0;
        grad[i] = (grad[i] ?? 0) + err * (r.val[k] ?? 0);
      }
    }
    bias -= (o.learningRate * gradBias) / n;
    for (let i = 0; i < w.length; i++) {
      w[i] = (w[i] ?? 0) - o.learningRate * ((grad[i] ?? 0) / n + o.l2 * (w[i] ?? 0));
    }
  }
  const weights: Record<string, number> = {};
  names.forEach((name, i) => {
    const v = round(w[i] ?? 0);
    if (v !== 0) weights[name] = v;
  });
  return { bias: round(bias), threshold: o.threshold, weights };
}
