/**
 * The whitespace-collapsed view's offset maps (lib/core/anchoring/normalized-text.ts) keep only
 * the runs that collapsing changes. Checked here against the plain definition: an offset per
 * character, each run's one space standing for its first character.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseWhitespace, NormalizedText } from "@/lib/core/anchoring/normalized-text";

/** The dense reference: for each collapsed offset (and one past the end), its original one. */
function denseMap(raw: string): number[] {
  const map: number[] = [];
  let inRun = false;
  for (let r = 0; r < raw.length; r++) {
    const space = /\s/.test(raw[r] ?? "");
    if (!space || !inRun) map.push(r);
    inRun = space;
  }
  map.push(raw.length);
  return map;
}

const textArb = fc.string({
  unit: fc.constantFrom("a", "b", "é", "💊", " ", " ", "\n", "\t", "\u00a0", "\u2028", "\u3000"),
  maxLength: 60,
});

describe("NormalizedText", () => {
  it("collapses every whitespace run to one space", () => {
    fc.assert(
      fc.property(textArb, (raw) => {
        const expected = raw.replace(/\s+/g, " ");
        expect(collapseWhitespace(raw)).toBe(expected);
        expect(new NormalizedText(raw).text).toBe(expected);
      }),
    );
  });

  it("maps collapsed ranges back to the original as the dense map does", () => {
    fc.assert(
      fc.property(textArb, (raw) => {
        const view = new NormalizedText(raw);
        const dense = denseMap(raw);
        for (let start = 0; start < view.text.length; start++) {
          for (let end = start + 1; end <= view.text.length; end++) {
            expect(view.rawRange(start, end)).toEqual({
              start: dense[start],
              end: (dense[end - 1] ?? 0) + 1,
            });
          }
        }
      }),
    );
  });

  it("maps each original offset to its collapsed one (a run's whitespace to its space)", () => {
    fc.assert(
      fc.property(textArb, (raw) => {
        const view = new NormalizedText(raw);
        const dense = denseMap(raw);
        for (let r = 0; r <= raw.length; r++) {
          // The last collapsed offset whose original offset is at or before r.
          let expected = 0;
          while (expected + 1 < dense.length && (dense[expected + 1] ?? 0) <= r) expected++;
          expect(view.fromRaw(r)).toBe(expected);
        }
      }),
    );
  });

  it("leaves single spaces alone and records only the runs it changes", () => {
    const view = new NormalizedText("one two\n\nthree  four\tfive");
    expect(view.text).toBe("one two three four five");
    expect(view.rawRange(8, 13)).toEqual({ start: 9, end: 14 }); // "three"
    expect(view.fromRaw(16)).toBe(14); // "f" of "four"
    expect(view.fromRaw(8)).toBe(7); // the second line break: inside the run at 7
  });
});
