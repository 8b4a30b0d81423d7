import { describe, expect, it } from "vitest";
import {
  type StoredSuggestion,
  SUGGESTIONS_PER_PAGE,
  selectSuggestions,
  suggestionsPage,
} from "../../lib/core/suggestions/select";

/** A small deterministic generator, so the comparison covers many layouts without flakiness. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const suggestion = (start: number, end: number): StoredSuggestion => ({
  start,
  end,
  text: `s${start}-${end}`,
  reasons: ["absolute"],
  phrase: null,
});

describe("selectSuggestions", () => {
  it("hides exactly the suggestions some claim overlaps, as a scan of every claim would", () => {
    const next = random(7);
    for (let round = 0; round < 50; round++) {
      const suggestions = Array.from({ length: 40 }, (_, i) => suggestion(i * 10, i * 10 + 8));
      const claimed = Array.from({ length: Math.floor(next() * 30) }, () => {
        if (next() < 0.1) return { start: null, end: null };
        const start = Math.floor(next() * 400);
        // Some long claims spanning many sentences: the case a sorted-by-start search gets wrong
        // without the running largest end.
        return { start, end: start + 1 + Math.floor(next() * (next() < 0.2 ? 120 : 12)) };
      });
      const expected = suggestions.filter(
        (s) =>
          !claimed.some(
            (c) => c.start !== null && c.end !== null && c.start < s.end && c.end > s.start,
          ),
      );
      expect(selectSuggestions(suggestions, new Set(), claimed)).toEqual(expected);
    }
  });

  it("treats touching spans as apart and leaves out dismissed sentences", () => {
    const shown = selectSuggestions(
      [suggestion(0, 10), suggestion(10, 20), suggestion(20, 30)],
      new Set(["s20-30"]),
      [{ start: 10, end: 20 }],
    );
    expect(shown.map((s) => s.text)).toEqual(["s0-10"]);
  });
});

describe("suggestionsPage", () => {
  const all = Array.from({ length: 45 }, (_, i) => i);

  it("gives 20 at a time with the total, the last page holding the rest", () => {
    expect(SUGGESTIONS_PER_PAGE).toBe(20);
    expect(suggestionsPage(all, 0)).toEqual({
      items: all.slice(0, 20),
      page: 0,
      pages: 3,
      total: 45,
    });
    expect(suggestionsPage(all, 2).items).toEqual([40, 41, 42, 43, 44]);
  });

  it("clamps pages out of range or not a number (a hand-edited ?suggestions=)", () => {
    expect(suggestionsPage(all, 9).page).toBe(2);
    expect(suggestionsPage(all, -3).page).toBe(0);
    expect(suggestionsPage(all, Number.NaN).page).toBe(0);
    expect(suggestionsPage([], 0)).toEqual({ items: [], page: 0, pages: 1, total: 0 });
  });
});
