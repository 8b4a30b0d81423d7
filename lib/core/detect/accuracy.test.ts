import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, labelledSetSchema } from "./evaluate";

const fixture = path.join(
  import.meta.dirname,
  "../../../tests/fixtures/detect/labelled-sentences.json",
);
const set = labelledSetSchema.parse(JSON.parse(fs.readFileSync(fixture, "utf8")));

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
