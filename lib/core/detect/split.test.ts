import { describe, expect, it } from "vitest";
import { splitSentences } from "./split";

const texts = (text: string) => splitSentences(text).map((s) => s.text);

/** Every sentence is the exact slice of the input at its offsets, trimmed, in order. */
function expectExactOffsets(text: string) {
  const sentences = splitSentences(text);
  let last = 0;
  for (const s of sentences) {
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
    expect(s.text.length).toBeGreaterThan(0);
    expect(s.start).toBeGreaterThanOrEqual(last);
    last = s.end;
  }
  return sentences;
}

describe("splitSentences", () => {
  it("splits on sentence punctuation followed by a capital", () => {
    expect(texts("Statins lower LDL. They are cheap! Are they safe? Yes…  Mostly.")).toEqual([
      "Statins lower LDL.",
      "They are cheap!",
      "Are they safe?",
      "Yes…",
      "Mostly.",
    ]);
  });

  it("keeps abbreviations, initials, decimals and dotted names inside the sentence", () => {
    const text =
      "Dr. Smith et al. (2019) gave e.g. 2.5 mg daily, i.e. approx. 3 doses. " +
      "John F. Kennedy had Addison's disease. See Fig. 2 and No. 5 on www.example.org today. " +
      "The U.S. Food and Drug Administration agreed. Vitamin D. Hepatitis B. Done.";
    expect(texts(text)).toEqual([
      "Dr. Smith et al. (2019) gave e.g. 2.5 mg daily, i.e. approx. 3 doses.",
      "John F. Kennedy had Addison's disease.",
      "See Fig. 2 and No. 5 on www.example.org today.",
      "The U.S. Food and Drug Administration agreed.",
      "Vitamin D.",
      "Hepatitis B.",
      "Done.",
    ]);
  });

  it("does not split before a lower-case word or inside closing quotes", () => {
    expect(texts('He said "Stop!" and left. Take it… then rest.')).toEqual([
      'He said "Stop!" and left.',
      "Take it… then rest.",
    ]);
    expect(texts('"It works." She nodded.')).toEqual(['"It works."', "She nodded."]);
  });

  it("treats blank lines as paragraph ends and headings without a period as sentences", () => {
    const sentences = splitSentences("How statins work\n\nThey block an enzyme. It helps.\n");
    expect(sentences.map((s) => [s.text, s.wholeLine])).toEqual([
      ["How statins work", true],
      ["They block an enzyme.", false],
      ["It helps.", false],
    ]);
  });

  it("keeps hard-wrapped lines together but not headings or list items", () => {
    const text =
      "Side effects\nMost people have none, but a\nfew get muscle aches that\ngo away.\n" +
      "- first item\n* second item\n1. Third item\n2) fourth item\n## Dosage";
    expect(splitSentences(text).map((s) => [s.text, s.marker])).toEqual([
      ["Side effects", null],
      ["Most people have none, but a\nfew get muscle aches that\ngo away.", null],
      ["first item", "list"],
      ["second item", "list"],
      ["Third item", "list"],
      ["fourth item", "list"],
      ["Dosage", "heading"],
    ]);
  });

  it("gives exact UTF-16 offsets on CRLF, CR, emoji and accented text", () => {
    const crlf = "Titre\r\n\r\nÉviter le sucre. Ça aide 😀 vraiment.\r\nSecond para 🎉.\rLast one.";
    const sentences = expectExactOffsets(crlf);
    expect(sentences.map((s) => s.text)).toEqual([
      "Titre",
      "Éviter le sucre.",
      "Ça aide 😀 vraiment.",
      "Second para 🎉.",
      "Last one.",
    ]);
    // The emoji is two UTF-16 units: offsets count units, not code points.
    const emoji = sentences[2];
    expect(emoji?.end).toBe(crlf.indexOf("vraiment.") + "vraiment.".length);
  });

  it("holds text.slice(start, end) === text on generated texts", () => {
    // A small seeded generator in place of a property-testing library (not a dependency here).
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = [
      "Dr.",
      "e.g.",
      "2.5",
      "Vitamin",
      "D.",
      "cures",
      "😀",
      "Éa",
      "?",
      "!",
      "…",
      ".",
      " ",
      "  ",
      "\n",
      "\r\n",
      "\n\n",
      "- ",
      "1. ",
      "# ",
      '"',
      "the",
      "U.S.",
      "\u2028",
    ];
    for (let run = 0; run < 300; run++) {
      const length = 1 + Math.floor(random() * 40);
      let text = "";
      for (let i = 0; i < length; i++) {
        text += pieces[Math.floor(random() * pieces.length)];
        if (random() < 0.5) text += " ";
      }
      expectExactOffsets(text);
    }
  });

  it("returns nothing for empty or blank text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \r\n\t\n")).toEqual([]);
  });
});

describe("splitSentences with a title glued to its first sentence", () => {
  const texts = (t: string) => splitSentences(t).map((s) => [s.text, s.marker]);

  it("splits the title off at the seam and marks it as a heading", () => {
    expect(
      texts("How does Stem Cell Therapy Treat Kidney FailureStem cell therapy is new."),
    ).toEqual([
      ["How does Stem Cell Therapy Treat Kidney Failure", "heading"],
      ["Stem cell therapy is new.", null],
    ]);
  });

  it("leaves brand names and sentences that do not start as a title alone", () => {
    expect(texts("The BioNTech vaccine was approved.")).toEqual([
      ["The BioNTech vaccine was approved.", null],
    ]);
    expect(texts("GlaxoSmithKline makes it.")).toEqual([["GlaxoSmithKline makes it.", null]]);
    expect(texts("Patients of McDonald Ward were moved.")).toEqual([
      ["Patients of McDonald Ward were moved.", null],
    ]);
  });
});
