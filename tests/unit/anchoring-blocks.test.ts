/**
 * `exact` means same text, same place (lib/core/anchoring/blocks.ts): with the old text known, a
 * claim whose paragraph was cut and pasted elsewhere is `moved`, though its context moved with
 * it, while edits, insertions and deletions of other paragraphs keep claims exact. The issue's
 * case is built from the demo article.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { anchorMany, anchorQuote } from "@/lib/core/anchoring/anchor";
import { BlockPlaces } from "@/lib/core/anchoring/blocks";
import { describeRange } from "@/lib/core/anchoring/describe";
import { reanchorClaims } from "@/lib/core/revisions/reanchor";
import { parseDemoArticle } from "@/lib/entry/demo/seed";

const DEMO = parseDemoArticle(
  fs.readFileSync(
    path.join(import.meta.dirname, "../../lib/entry/demo/stem-cell-kidney-failure.txt"),
    "utf8",
  ),
).text;
const PARAGRAPHS = DEMO.split("\n\n");
const K = PARAGRAPHS.findIndex((p) => p.startsWith("Even though"));
const MOVED = [...PARAGRAPHS.slice(0, K), ...PARAGRAPHS.slice(K + 1), PARAGRAPHS[K]].join("\n\n");

const TOXICITY = "no toxicity and rejection reaction";
/** Mid-paragraph quotes whose context stays inside their paragraph. */
const BEFORE = "can find the areas where impaired kidneys located";
const AFTER = "professional doctors can determine";
const SAME_PARAGRAPH = "there may be a danger of worsening";

function selectorOf(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`missing: ${quote}`);
  const { quote: q, position } = describeRange(text, start, start + quote.length);
  return { ...q, ...position };
}

const join = (...blocks: string[]) => blocks.join("\n\n");

describe("exact: same text in the same place among the blocks", () => {
  it("the demo article's moved paragraph: its claims are moved, the others stay exact", () => {
    const quotes = [TOXICITY, SAME_PARAGRAPH, BEFORE, AFTER];
    const selectors = quotes.map((q) => selectorOf(DEMO, q));
    const results = anchorMany(MOVED, selectors, { previousText: DEMO });
    expect(results.map((r) => r.state)).toEqual(["moved", "moved", "exact", "exact"]);
    results.forEach((r, i) => {
      expect(r.start).toBe(MOVED.indexOf(quotes[i] ?? ""));
      if (r.state === "moved") expect(r.score).toBeLessThan(1);
    });
    // The context of the moved claims is unchanged: only the block order tells. Without the
    // old text (annotations imported from elsewhere) the engine cannot know, and says exact.
    const { prefix, suffix } = selectorOf(MOVED, TOXICITY);
    expect([prefix, suffix]).toEqual([selectors[0]?.prefix, selectors[0]?.suffix]);
    expect(anchorQuote(MOVED, selectors[0] ?? { exact: "" }).state).toBe("exact");
  });

  it("the revision rules record the move as notable and leave the exact claims silent", () => {
    const claims = [TOXICITY, AFTER].map((q, i) => {
      const s = selectorOf(DEMO, q);
      return {
        id: `c${i}`,
        number: i + 1,
        status: "resolved" as const,
        verdict: "inaccurate" as const,
        verdictStale: false,
        anchor: { ...s, state: "exact" as const },
      };
    });
    const [moved, exact] = reanchorClaims(MOVED, claims, DEMO);
    expect(moved).toMatchObject({ anchor: { state: "moved" }, notable: true, recheck: null });
    expect(exact).toMatchObject({ anchor: { state: "exact" }, notable: false, recheck: null });
    // A moved claim that is moved again (or back) is notable; staying exact is not.
    const again = reanchorClaims(
      MOVED,
      claims.map((c) => ({
        ...c,
        anchor: { ...selectorOf(MOVED, c.anchor.exact), state: "moved" as const },
      })),
      MOVED,
    );
    expect(again.map((o) => [o.anchor.state, o.notable])).toEqual([
      ["exact", true],
      ["exact", true],
    ]);
  });

  it("keeps claims exact when other paragraphs are inserted, deleted or edited, or their own is split", () => {
    const quote = "stem cell therapy has no toxicity";
    const opening = "This page was written in 2016.";
    const rest = `According to the clinic's own brochure, ${quote} at all, which no controlled trial has ever shown.`;
    const claimBlock = `${opening} ${rest}`;
    const a = "Chronic kidney disease affects one adult in ten.";
    const b = "Dialysis remains the standard of care for kidney failure.";
    const c = "Side effects were mild and resolved within a week.";
    const old = join(a, claimBlock, b, c);
    const sel = selectorOf(old, quote);
    const cases = {
      inserted: join("Updated March 2026.", a, claimBlock, b, c),
      deleted: join(claimBlock, b, c),
      edited: join(a, claimBlock, `${b} Transplant is the other option.`, c),
      "later block moved": join(a, claimBlock, c, b),
      split: join(a, opening, rest, b, c),
    };
    for (const [name, text] of Object.entries(cases)) {
      expect(anchorQuote(text, sel, { previousText: old }), name).toEqual({
        state: "exact",
        start: text.indexOf(quote),
        end: text.indexOf(quote) + quote.length,
        score: 1,
      });
    }
    // Moved before two other paragraphs, or after them: moved.
    for (const text of [join(claimBlock, a, b, c), join(a, b, c, claimBlock)]) {
      expect(anchorQuote(text, sel, { previousText: old }).state).toBe("moved");
    }
  });

  it("counts paragraphs, not characters: a long paragraph moved past two short ones moved", () => {
    const long = "L ".repeat(300).trim();
    const places = new BlockPlaces(join("A", long, "B", "C"), join("A", "B", "C", long));
    expect(places.inPlace(3, 9)).toBe(false); // the long one
    expect(places.inPlace(join("A", long).length + 2, 3)).toBe(true); // "B"
    expect(places.inPlace(0, 0)).toBe(true); // "A"
  });

  it("of two swapped paragraphs, the later one (in the old text) is the one that moved", () => {
    const places = new BlockPlaces(
      join("First", "Second", "Third"),
      join("Second", "First", "Third"),
    );
    expect(places.inPlace(0, 8)).toBe(true); // "First", now second
    expect(places.inPlace(7, 0)).toBe(false); // "Second", now first
    expect(places.inPlace(15, 15)).toBe(true); // "Third"
  });

  it("applies the same rules when some paragraphs repeat (the general alignment)", () => {
    // "Repeat" twice on both sides, neither at the head nor the tail: no shortcut applies.
    const old = join("X", "Repeat", "First", "Second", "Repeat", "Z");
    const now = join("Y", "Repeat", "Second", "First", "Repeat", "W");
    const places = new BlockPlaces(old, now);
    const at = (text: string, block: string) => text.indexOf(`\n\n${block}`) + 2;
    expect(places.inPlace(at(old, "First"), at(now, "First"))).toBe(true);
    expect(places.inPlace(at(old, "Second"), at(now, "Second"))).toBe(false);
    expect(places.inPlace(0, 0)).toBe(true); // "X" edited into "Y" in place
    expect(places.inPlace(at(old, "Z"), at(now, "W"))).toBe(true);
  });

  it("an edited paragraph keeps its place unless it crossed an unchanged one", () => {
    const old = join("A", "B edited later", "C", "D");
    const inPlace = new BlockPlaces(old, join("A", "B was edited", "C", "D"));
    expect(inPlace.inPlace(3, 3)).toBe(true);
    const crossed = new BlockPlaces(old, join("A", "C", "D", "B was edited"));
    expect(crossed.inPlace(3, join("A", "C", "D").length + 2)).toBe(false);
  });
});
