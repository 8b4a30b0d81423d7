import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { anchorMany, anchorQuote } from "@/lib/core/anchoring/anchor";
import { describeRange } from "@/lib/core/anchoring/describe";
import { ANCHOR_STATES } from "@/lib/core/vocabulary";

const goldenSchema = z.array(
  z.object({
    name: z.string(),
    note: z.string().optional(),
    old: z.string(),
    new: z.string(),
    claim: z.object({ start: z.number().int(), end: z.number().int() }),
    expected: z.object({
      state: z.enum(ANCHOR_STATES),
      start: z.number().int().nullable(),
      end: z.number().int().nullable(),
    }),
  }),
);

const golden = goldenSchema.parse(
  JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, "../fixtures/anchoring/golden.json"), "utf8"),
  ),
);

function selectorFor(text: string, start: number, end: number) {
  const { quote, position } = describeRange(text, start, end);
  return { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix, ...position };
}

describe("anchoring golden cases", () => {
  it("has enough cases, covering every state", () => {
    expect(golden.length).toBeGreaterThanOrEqual(30);
    expect(new Set(golden.map((c) => c.expected.state))).toEqual(new Set(ANCHOR_STATES));
  });

  it.each(golden.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const selector = selectorFor(c.old, c.claim.start, c.claim.end);
    // As the revision service anchors: the old text is known.
    const result = anchorQuote(c.new, selector, { previousText: c.old });
    expect({ state: result.state, start: result.start, end: result.end }).toEqual(c.expected);
    if (result.state === "exact") expect(result.score).toBe(1);
    else if (result.state === "orphaned") expect(result.score).toBe(0);
    else expect(result.score).toBeGreaterThan(0);
    if (result.state === "orphaned") expect(result.score).toBe(0);
    else expect(result.score).toBeLessThanOrEqual(1);
  });

  it("gives the same answers through anchorMany, in the order given", () => {
    // All cases' new texts joined: each claim's selector keeps its own old position as a hint.
    for (const c of golden) {
      const selector = selectorFor(c.old, c.claim.start, c.claim.end);
      const [many] = anchorMany(c.new, [selector, { exact: "" }], { previousText: c.old });
      expect(many).toEqual(anchorQuote(c.new, selector, { previousText: c.old }));
    }
  });

  it("without the old text (imported annotations) differs only where a whole paragraph moved", () => {
    const differing = golden.filter((c) => {
      const selector = selectorFor(c.old, c.claim.start, c.claim.end);
      const withOld = anchorQuote(c.new, selector, { previousText: c.old });
      const textOnly = anchorQuote(c.new, selector);
      if (withOld.state === textOnly.state) return false;
      // The same place found either way; only the state says whether its paragraph moved.
      expect([textOnly.state, textOnly.start, textOnly.end]).toEqual([
        "exact",
        withOld.start,
        withOld.end,
      ]);
      return true;
    });
    expect(differing.map((c) => c.name)).toEqual([
      "whole paragraph moved: its claims are moved, though their surroundings moved with them",
    ]);
  });
});
