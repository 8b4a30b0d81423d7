/**
 * Properties of anchoring (fast-check): a range described from a text anchors back to itself,
 * and to the same text shifted after an unrelated edit elsewhere, alone or in a batch. Texts are
 * made of health words with accents, CJK and emoji (surrogate pairs: ranges may even cut one).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorMany, anchorQuote } from "@/lib/core/anchoring/anchor";
import { describeRange } from "@/lib/core/anchoring/describe";
import { collapseWhitespace } from "@/lib/core/anchoring/normalized-text";

const WORDS = [
  "dose",
  "renal",
  "trial",
  "safe",
  "no",
  "toxicity",
  "the",
  "cure",
  "12%",
  "mg",
  "caféine",
  "réaction",
  "毒性",
  "排斥反应",
  "💊",
  "🩺",
  "👩‍⚕️",
  "patients",
  "risk",
  "and",
];
const SEPARATORS = [" ", " ", " ", ", ", ". ", "\n\n", "\n", "  "];

const textArb = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
    minLength: 3,
    maxLength: 120,
  })
  .map((parts) => parts.map(([w, s]) => w + s).join(""));

/** A text and a non-empty range of it. */
const rangeArb = textArb.chain((text) =>
  fc
    .tuple(fc.nat({ max: text.length - 1 }), fc.nat({ max: text.length - 1 }))
    .map(([a, b]) => ({ text, start: Math.min(a, b), end: Math.max(a, b) + 1 })),
);

function selector(text: string, start: number, end: number) {
  const { quote, position } = describeRange(text, start, end);
  return { ...quote, start: position.start, end: position.end };
}

/** How many times `needle` occurs in `text`, overlaps counted. */
function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

/** Context that both edits below need room in: 32 characters of context and one more. */
const MARGIN = 33;
/** Put around texts so that there is always room for an edit outside a claim's context. */
const PAD = "Renal dosing in older patients. Dialysis risk. ";

/**
 * An insertion and a deletion of up to 20 characters at a place of a text of `length` at least
 * MARGIN away from [from, to) (the callers make sure both sides have that room).
 */
const editArb = (length: number, from: number, to: number) =>
  fc
    .record({
      deleted: fc.nat({ max: 20 }),
      inserted: fc
        .array(fc.constantFrom(...WORDS, ...SEPARATORS), { maxLength: 6 })
        .map((p) => p.join("")),
      before: fc.boolean(),
      where: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ deleted, inserted, before, where }) => {
      const [lo, hi] = before ? [0, from - MARGIN - deleted] : [to + MARGIN, length - deleted];
      const at = Math.max(0, Math.round(lo + where * Math.max(0, hi - lo)));
      return {
        at,
        deleted: before ? Math.min(deleted, from - MARGIN - at) : Math.min(deleted, length - at),
        inserted,
      };
    });

describe("anchoring properties", () => {
  it("anchors a described range of a text back to that range", () => {
    fc.assert(
      fc.property(rangeArb, ({ text, start, end }) => {
        expect(anchorQuote(text, selector(text, start, end))).toEqual({
          state: "exact",
          start,
          end,
          score: 1,
        });
      }),
      { numRuns: 300 },
    );
  });

  it("finds the same quote and context without the old position", () => {
    fc.assert(
      fc.property(rangeArb, ({ text, start, end }) => {
        const { start: _start, end: _end, ...quote } = selector(text, start, end);
        const result = anchorQuote(text, quote);
        expect(result.state).toBe("exact");
        // A repeat of the quote with the same context (whitespace aside) is as good a place.
        const found = selector(text, result.start ?? 0, result.end ?? 0);
        expect(found.exact).toBe(quote.exact);
        expect(collapseWhitespace(found.prefix).endsWith(collapseWhitespace(quote.prefix))).toBe(
          true,
        );
        expect(collapseWhitespace(found.suffix).startsWith(collapseWhitespace(quote.suffix))).toBe(
          true,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("returns the shifted range after an unrelated edit elsewhere", () => {
    const paddedArb = rangeArb.map(({ text, start, end }) => ({
      text: PAD + text + PAD,
      start: start + PAD.length,
      end: end + PAD.length,
    }));
    fc.assert(
      fc.property(
        paddedArb.chain((r) =>
          editArb(r.text.length, r.start, r.end).map((edit) => ({ ...r, edit })),
        ),
        ({ text, start, end, edit }) => {
          const { at, deleted, inserted } = edit;
          const edited = text.slice(0, at) + inserted + text.slice(at + deleted);
          const sel = selector(text, start, end);
          // Only when the quote with its context is still one of a kind can its place be known.
          fc.pre(occurrences(edited, sel.prefix + sel.exact + sel.suffix) === 1);
          const shift = at <= start ? inserted.length - deleted : 0;
          const expected = { state: "exact", start: start + shift, end: end + shift, score: 1 };
          expect(anchorQuote(edited, sel)).toEqual(expected);
          // With the old text known (a revision save), such an edit keeps the block order too.
          expect(anchorQuote(edited, sel, { previousText: text })).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("anchors a batch after an edit, each claim shifted by what came before it", () => {
    fc.assert(
      fc.property(
        textArb.chain((text) =>
          fc
            .array(fc.tuple(fc.nat({ max: text.length - 1 }), fc.integer({ min: 1, max: 40 })), {
              minLength: 1,
              maxLength: 8,
            })
            .chain((ranges) => {
              const claims = ranges.map(([s, length]) => ({
                start: s,
                end: Math.min(text.length, s + length),
              }));
              return fc
                .record({ at: fc.nat({ max: text.length }), inserted: fc.constantFrom(...WORDS) })
                .map((edit) => ({ text, claims, edit }));
            }),
        ),
        ({ text, claims, edit }) => {
          const edited = text.slice(0, edit.at) + edit.inserted + text.slice(edit.at);
          const selectors = claims.map((c) => selector(text, c.start, c.end));
          const unaffected = claims.map(
            (c, i) =>
              (edit.at <= c.start - MARGIN || edit.at >= c.end + MARGIN) &&
              occurrences(
                edited,
                `${selectors[i]?.prefix}${selectors[i]?.exact}${selectors[i]?.suffix}`,
              ) === 1,
          );
          const results = anchorMany(edited, selectors);
          const withOld = anchorMany(edited, selectors, { previousText: text });
          claims.forEach((c, i) => {
            if (!unaffected[i]) return;
            const shift = edit.at <= c.start ? edit.inserted.length : 0;
            expect(withOld[i]).toEqual(results[i]);
            expect(results[i]).toEqual({
              state: "exact",
              start: c.start + shift,
              end: c.end + shift,
              score: 1,
            });
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
