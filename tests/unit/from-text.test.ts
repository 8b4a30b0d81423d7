import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeText, splitParagraphs, textToDoc } from "@/lib/core/document/from-text";
import { docSchema } from "@/lib/core/document/schema";
import { docToPlainText } from "@/lib/core/document/text-map";

const DEMO = fs.readFileSync(
  path.join(import.meta.dirname, "../../lib/entry/demo/stem-cell-kidney-failure.txt"),
  "utf8",
);

describe("normalizeText", () => {
  it("turns CRLF and lone CR into LF", () => {
    expect(normalizeText("a\r\nb\rc\n\r\nd")).toBe("a\nb\nc\n\nd");
  });

  it("drops spaces, tabs and no-break spaces at line ends but keeps leading indentation", () => {
    expect(normalizeText("  a \t\nb\u00a0\u00a0\n\tc  ")).toBe("  a\nb\n\tc");
  });

  it("keeps at most one blank line and no blank lines around the text", () => {
    expect(normalizeText("\n\n\na\n\n\n\n\nb\n \n\t\n\nc\n\n\n")).toBe("a\n\nb\n\nc");
  });

  it("is idempotent", () => {
    const messy = "\r\n  Title  \r\n\r\n\r\n para one\t\r\nline two \u00a0\n\n\n\n";
    expect(normalizeText(normalizeText(messy))).toBe(normalizeText(messy));
  });
});

describe("textToDoc", () => {
  it("splits paragraphs on blank lines, and on blank lines made of whitespace only", () => {
    expect(textToDoc("One.\n\nTwo.\n   \t\nThree.")).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "One." }] },
        { type: "paragraph", content: [{ type: "text", text: "Two." }] },
        { type: "paragraph", content: [{ type: "text", text: "Three." }] },
      ],
    });
    expect(splitParagraphs("One.\n\nTwo.\n   \t\nThree.")).toEqual(["One.", "Two.", "Three."]);
  });

  it("makes a single line break inside a paragraph a hard break", () => {
    expect(textToDoc("Line one\nline two")).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Line one" },
            { type: "hardBreak" },
            { type: "text", text: "line two" },
          ],
        },
      ],
    });
  });

  it("reads Windows line ends like Unix ones", () => {
    expect(textToDoc("A\r\nB\r\n\r\nC\r\n")).toEqual(textToDoc("A\nB\n\nC\n"));
    expect(docToPlainText(textToDoc("A\r\nB\r\n\r\nC\r\n"))).toBe("A\nB\n\nC");
  });

  it("ignores trailing whitespace, so it never becomes text", () => {
    const doc = textToDoc("Claim.   \nNext line.\t\n\n\n");
    expect(doc.content).toEqual([
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Claim." },
          { type: "hardBreak" },
          { type: "text", text: "Next line." },
        ],
      },
    ]);
  });

  it("gives one empty paragraph for empty or blank text", () => {
    for (const text of ["", "\n\n", " \r\n\t\n"]) {
      expect(textToDoc(text)).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
      expect(splitParagraphs(text)).toEqual([]);
      expect(docToPlainText(textToDoc(text))).toBe("");
    }
  });

  it("keeps non-ASCII text as it is", () => {
    const text = "Ça coûte 😀 cher.\n\n干细胞疗法\ne\u0301";
    expect(docToPlainText(textToDoc(text))).toBe(text);
  });
});

/** A small deterministic generator (mulberry32), so failures are reproducible. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["a", "Bé", "🧬", "干", " ", "  ", "\t", "\u00a0", "\n", "\n\n", "\r\n", "\r", "."];

describe("round trip", () => {
  it("gives back the normalised text for many generated texts, as valid documents", () => {
    const next = random(20_160_402);
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(next() * 40);
      let text = "";
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
      const doc = textToDoc(text);
      expect(docToPlainText(doc), JSON.stringify(text)).toBe(normalizeText(text));
      expect(docSchema.safeParse(doc).success, JSON.stringify(text)).toBe(true);
    }
  });

  it("gives back the normalised example article, which keeps its quotes", () => {
    const doc = textToDoc(DEMO);
    const plain = docToPlainText(doc);
    expect(plain).toBe(normalizeText(DEMO));
    expect(plain).toContain("no toxicity and rejection reaction");
    expect(plain.startsWith("How does Stem Cell Therapy Treat Kidney Failure\n\n")).toBe(true);
    expect(doc.content.length).toBe(splitParagraphs(DEMO).length);
    expect(doc.content.length).toBeGreaterThan(5);
    expect(docSchema.safeParse(doc).success).toBe(true);
  });
});
