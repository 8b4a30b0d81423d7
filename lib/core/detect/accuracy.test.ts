import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, labelledSetSchema } from "./evaluate";
import { trainingExamples } from "./model/examples";
import { train } from "./model/train";

const fixtures = path.join(import.meta.dirname, "../../../tests/fixtures/detect");
const load = (name: string) =>
  labelledSetSchema.parse(JSON.parse(fs.readFileSync(path.join(fixtures, name), "utf8")));
const set = load("labelled-sentences.json");
const training = [...set, ...load("train-sentences.json")];
const heldOut = load("test-sentences.json");
const secondKind = load("test-second-kind.json");

describe("the labelled set", () => {
  it("is large, unique and about half check-worthy", () => {
    expect(set.length).toBeGreaterThanOrEqual(120);
    expect(new Set(set.map((s) => s.text)).size).toBe(set.length);
    const share = set.filter((s) => s.checkWorthy).length / set.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  // A quality bar on a fixed set (not a timing): the detector must stay useful as rules change.
  it("is detected with precision and recall ≥ 0.75 and F1 ≥ 0.8", () => {
    const result = evaluate(set);
    const summary = `P=${result.precision.toFixed(3)} R=${result.recall.toFixed(3)} F1=${result.f1.toFixed(3)}`;
    expect(result.precision, summary).toBeGreaterThanOrEqual(0.75);
    expect(result.recall, summary).toBeGreaterThanOrEqual(0.75);
    expect(result.f1, summary).toBeGreaterThanOrEqual(0.8);
  });
});

describe("the held-out sets", () => {
  it("share no sentence with the training sets", () => {
    const trained = new Set(training.map((s) => s.text));
    const old = load("holdout-sentences.json");
    for (const s of [...heldOut, ...secondKind, ...old])
      expect(trained.has(s.text), s.text).toBe(false);
  });

  // Issue 16's bar on health sentences the model was not trained on.
  it("are detected with F1 ≥ 0.85, recall ≥ 0.8 and precision ≥ 0.85 on health sentences", () => {
    const r = evaluate(heldOut);
    const summary = `P=${r.precision.toFixed(3)} R=${r.recall.toFixed(3)} F1=${r.f1.toFixed(3)}`;
    expect(r.f1, summary).toBeGreaterThanOrEqual(0.85);
    expect(r.recall, summary).toBeGreaterThanOrEqual(0.8);
    expect(r.precision, summary).toBeGreaterThanOrEqual(0.85);
  });

  it("keep F1 ≥ 0.75 on the second kind of text (forum, press, ads, news, social)", () => {
    const r = evaluate(secondKind);
    expect(r.f1, `F1=${r.f1.toFixed(3)}`).toBeGreaterThanOrEqual(0.75);
  });
});

describe("training", () => {
  it("is deterministic: the same sentences give identical weights", () => {
    const subset = training.filter((_, i) => i % 5 === 0);
    const once = train(trainingExamples(subset), { steps: 60 });
    const twice = train(trainingExamples(subset), { steps: 60 });
    expect(Object.keys(once.weights).length).toBeGreaterThan(10);
    expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
  });

  it("learns: a model trained on the subset separates its own sentences", () => {
    const subset = training.filter((_, i) => i % 5 === 0);
    const model = train(trainingExamples(subset), { steps: 200 });
    expect(model.bias).not.toBe(0);
    expect(Object.values(model.weights).some((w) => Math.abs(w) > 0.1)).toBe(true);
  });
});
