/**
 * The library matcher's text normalization, synonym table and negation scope, on hand-written
 * cases (not taken from tests/fixtures/library/pairs.jsonl).
 */
import { describe, expect, it } from "vitest";
import { findNegations, negationMask } from "@/lib/core/library/negation";
import { normalizeText, stemWord, tokenize, usSpelling } from "@/lib/core/library/normalize";
import { conceptOf, toConcepts } from "@/lib/core/library/synonyms";

const stems = (text: string) => tokenize(text).map((t) => t.stem);
const concepts = (text: string) =>
  toConcepts(tokenize(text)).map((c) => `${c.flip ? "!" : ""}${c.term}`);

describe("normalizeText / tokenize", () => {
  it("lower-cases, strips accents and opens contractions", () => {
    expect(normalizeText("Naïve CAFÉ users can't say it won't")).toBe(
      "naive cafe users can not say it will not",
    );
    expect(normalizeText("Doesn’t")).toBe("does not");
  });

  it("makes British spellings American, including listed -ise verbs only", () => {
    expect(usSpelling("tumour")).toBe("tumor");
    expect(usSpelling("paediatric")).toBe("pediatric");
    expect(usSpelling("immunised")).toBe("immunized");
    expect(usSpelling("promise")).toBe("promise");
    expect(stemWord("haemorrhage")).toBe(stemWord("hemorrhage"));
  });

  it("gives inflections one stem, irregular participles included", () => {
    expect(new Set(["prevents", "prevented", "preventing"].map(stemWord)).size).toBe(1);
    expect(stemWord("regrown")).toBe(stemWord("regrow"));
    expect(stemWord("led")).toBe(stemWord("lead"));
  });

  it("keeps clause punctuation as boundaries and splits hyphenated words", () => {
    const tokens = tokenize("Well-known, but rare.");
    expect(tokens.map((t) => t.boundary)).toEqual([false, false, true, false, false, true]);
    expect(stems("sugar-free")).toEqual(["sugar", "free"]);
  });
});

describe("synonym table", () => {
  it("maps lay and medical terms to one concept", () => {
    expect(conceptOf("jab")).toBe(conceptOf("vaccination"));
    expect(concepts("ascorbic acid")).toEqual(concepts("vitamin C"));
    expect(concepts("a heart attack")).toEqual(concepts("myocardial infarction"));
    expect(concepts("colorectal cancer")).toEqual(concepts("bowel cancer"));
    expect(concepts("high blood pressure")).toEqual(concepts("hypertension"));
    expect(concepts("dental caries")).toEqual(concepts("cavities"));
  });

  it("maps brand and drug names to their class", () => {
    expect(conceptOf("Nurofen")).toBe(conceptOf("ibuprofen"));
    expect(conceptOf("rosuvastatin")).toBe(conceptOf("statins"));
    expect(concepts("Cervarix")).toEqual(concepts("HPV vaccine"));
    expect(conceptOf("sertraline")).toBe(conceptOf("antidepressants"));
  });

  it("ignores articles inside a phrase and marks reversed concepts", () => {
    expect(concepts("lowers your risk of")).toEqual(concepts("reduce the risk of"));
    expect(conceptOf("harmless")).toBe(`!${conceptOf("dangerous")}`);
  });

  it("reads a phrase with a gap and keeps the words in the gap", () => {
    expect(concepts("keeps flu away")).toEqual(["~prevent", "~flu"]);
  });
});

describe("negation scope", () => {
  it("covers the rest of the clause after the cue", () => {
    const tokens = tokenize("Garlic does not lower blood pressure, but it tastes good");
    const mask = negationMask(tokens);
    const at = (word: string) => mask[tokens.findIndex((t) => t.word === word)];
    expect(at("lower")).toBe(true);
    expect(at("pressure")).toBe(true);
    expect(at("tastes")).toBe(false);
    expect(at("garlic")).toBe(false);
  });

  it("keeps 'between X and Y' in one scope but ends at 'and' + a new verb", () => {
    const a = tokenize("There is no link between garlic and gout");
    expect(negationMask(a)[a.length - 1]).toBe(true);
    const b = tokenize("Garlic has no effect on gout and can cause heartburn");
    const mask = negationMask(b);
    expect(mask[b.findIndex((t) => t.word === "gout")]).toBe(true);
    expect(mask[b.findIndex((t) => t.word === "heartburn")]).toBe(false);
  });

  it("lets a myth or a falsehood deny the whole sentence", () => {
    const tokens = tokenize("That garlic cures gout is a myth");
    expect(negationMask(tokens).every(Boolean)).toBe(true);
  });

  it("does not treat 'not only' or 'no doubt' as negation", () => {
    expect(findNegations(tokenize("Not only does garlic help, no doubt it works"))).toEqual([]);
  });

  it("flags a cue right after a comma as contrastive", () => {
    const cues = findNegations(tokenize("Gout comes from diet, not from garlic"));
    expect(cues.map((c) => c.contrastive)).toEqual([true]);
  });
});
