import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRevisionDiff, type DiffPiece } from "@/lib/core/diff/revision-diff";

const side = (pieces: DiffPiece[], kind: "old" | "new") =>
  pieces
    .filter((p) => p.kind === "equal" || p.kind === (kind === "old" ? "delete" : "insert"))
    .map((p) => p.text)
    .join("");

describe("buildRevisionDiff", () => {
  it("marks a reworded phrase word by word and keeps the rest equal", () => {
    const diff = buildRevisionDiff(
      "Doctors can determine the number of stem cells.",
      "Doctors can determine the amount of stem cells.",
    );
    expect(diff.pieces.map((p) => [p.kind, p.text])).toEqual([
      ["equal", "Doctors can determine the "],
      ["delete", "number"],
      ["insert", "amount"],
      ["equal", " of stem cells."],
    ]);
    expect(diff).toMatchObject({ insertedWords: 1, deletedWords: 1, approximate: false });
  });

  it("draws the newer revision's claims on kept and inserted text, the older one's on deleted text", () => {
    const oldText = "One risk is sheep cells. Doctors choose well.";
    const newText = "Doctors choose very well.";
    const diff = buildRevisionDiff(oldText, newText, {
      old: [{ id: "sheep", start: 12, end: 23 }],
      new: [
        { id: "choose", start: 8, end: 25 },
        { id: "gone", start: null, end: null },
      ],
    });
    expect(side(diff.pieces, "old")).toBe(oldText);
    expect(side(diff.pieces, "new")).toBe(newText);
    const sheep = diff.pieces.filter((p) => p.claimId === "sheep");
    expect(sheep.every((p) => p.kind === "delete")).toBe(true);
    expect(sheep.map((p) => p.text).join("")).toBe("sheep cells");
    expect(sheep[0]?.claimStart).toBe(true);
    const choose = diff.pieces.filter((p) => p.claimId === "choose");
    expect(choose.map((p) => p.text).join("")).toBe("choose very well.");
    expect(choose.map((p) => p.kind)).toContain("insert");
    expect(choose.filter((p) => p.claimStart)).toHaveLength(1);
    expect(diff.pieces.some((p) => p.claimId === "gone")).toBe(false);
  });

  it("gives a nested claim's text to the inner claim", () => {
    const text = "stem cells have no toxicity at all";
    const diff = buildRevisionDiff(text, text, {
      old: [],
      new: [
        { id: "outer", start: 0, end: text.length },
        { id: "inner", start: 16, end: 27 },
      ],
    });
    expect(diff.pieces.map((p) => [p.claimId, p.text])).toEqual([
      ["outer", "stem cells have "],
      ["inner", "no toxicity"],
      ["outer", " at all"],
    ]);
    expect(diff.pieces.map((p) => p.claimStart)).toEqual([true, true, false]);
  });

  it("shows nothing changed for equal texts", () => {
    const diff = buildRevisionDiff("Same.\n\nText.", "Same.\n\nText.");
    expect(diff.pieces).toEqual([
      { kind: "equal", text: "Same.\n\nText.", claimId: null, claimStart: false },
    ]);
    expect(diff.insertedWords + diff.deletedWords).toBe(0);
  });

  it("always rebuilds both texts exactly, whatever the claims", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "b", " ", "\n", "cc", "é"),
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(fc.tuple(fc.nat(40), fc.nat(40)), { maxLength: 4 }),
        (a, b, ranges) => {
          const claims = ranges.map(([x, y], i) => ({
            id: `c${i}`,
            start: Math.min(x, y, b.length),
            end: Math.min(Math.max(x, y), b.length),
          }));
          const diff = buildRevisionDiff(a, b, {
            old: claims.map((c) => ({
              ...c,
              start: Math.min(c.start, a.length),
              end: Math.min(c.end, a.length),
            })),
            new: claims,
          });
          expect(side(diff.pieces, "old")).toBe(a);
          expect(side(diff.pieces, "new")).toBe(b);
          expect(diff.pieces.every((p) => p.text.length > 0)).toBe(true);
        },
      ),
    );
  });
});
