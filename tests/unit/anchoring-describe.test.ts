import { describe, expect, it } from "vitest";
import { CONTEXT_LENGTH, describeRange } from "@/lib/core/anchoring/describe";

const TEXT =
  "Stem cell therapy as one of the new treatment of kidney failure, it has been used widely.\n\n" +
  "Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.";

describe("describeRange", () => {
  it("gives the exact text, 32 characters of context on each side and the position", () => {
    const exact = "no toxicity and rejection reaction";
    const start = TEXT.indexOf(exact);
    const end = start + exact.length;
    expect(CONTEXT_LENGTH).toBe(32);
    expect(describeRange(TEXT, start, end)).toEqual({
      quote: {
        type: "TextQuoteSelector",
        exact,
        prefix: TEXT.slice(start - 32, start),
        suffix: TEXT.slice(end, end + 32),
      },
      position: { type: "TextPositionSelector", start, end },
    });
    expect(describeRange(TEXT, start, end).quote.prefix).toBe("en though stem cell therapy has ");
  });

  it("shortens the context at the edges of the text", () => {
    const first = describeRange(TEXT, 0, 4);
    expect(first.quote).toMatchObject({ exact: "Stem", prefix: "", suffix: TEXT.slice(4, 36) });
    const last = describeRange(TEXT, TEXT.length - 6, TEXT.length);
    expect(last.quote).toMatchObject({ exact: "risks.", suffix: "" });
    expect(last.quote.prefix).toHaveLength(32);
    const whole = describeRange(TEXT, 0, TEXT.length);
    expect(whole.quote).toMatchObject({ exact: TEXT, prefix: "", suffix: "" });
  });

  it("keeps block separators in the quote and context", () => {
    const start = TEXT.indexOf("widely.");
    const { quote } = describeRange(TEXT, start, start + "widely.\n\nEven".length);
    expect(quote.exact).toBe("widely.\n\nEven");
    expect(quote.suffix.startsWith(" though")).toBe(true);
  });

  it("counts UTF-16 units, as the text map does", () => {
    const text = "😀 no toxicity 🧬";
    const { quote, position } = describeRange(text, 3, 14);
    expect(quote).toMatchObject({ exact: "no toxicity", prefix: "😀 ", suffix: " 🧬" });
    expect(position).toEqual({ type: "TextPositionSelector", start: 3, end: 14 });
  });

  it("refuses ranges that are empty, reversed, outside the text or not whole numbers", () => {
    for (const [start, end] of [
      [5, 5],
      [6, 5],
      [-1, 3],
      [0, TEXT.length + 1],
      [1.5, 4],
      [1, Number.NaN],
      [TEXT.length, TEXT.length + 1],
    ] as [number, number][]) {
      expect(() => describeRange(TEXT, start, end), `${start}–${end}`).toThrow(RangeError);
    }
    expect(() => describeRange("", 0, 0)).toThrow(/not inside a text of length 0/);
  });
});
