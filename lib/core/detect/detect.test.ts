import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectClaims } from "./detect";
import { REASON_LABELS, REASONS, reasonLabel, type Suggestion } from "./reasons";

const demo = fs.readFileSync(
  path.join(import.meta.dirname, "../../entry/demo/stem-cell-kidney-failure.txt"),
  "utf8",
);

/** Every offset of a suggestion points at its own text in `text`. */
function expectConsistent(text: string, suggestions: Suggestion[]) {
  for (const s of suggestions) {
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.reasons.length).toBeGreaterThan(0);
    if (s.phrase) {
      expect(text.slice(s.phrase.start, s.phrase.end)).toBe(s.phrase.text);
      expect(s.phrase.start).toBeGreaterThanOrEqual(s.start);
      expect(s.phrase.end).toBeLessThanOrEqual(s.end);
    }
    for (const m of s.matches) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(s.reasons).toContain(m.reason);
    }
  }
}

const suggested = (text: string) => detectClaims(text).map((s) => s.text);

describe("detectClaims on the demo article", () => {
  const suggestions = detectClaims(demo);

  it("suggests the harm denial with its phrase", () => {
    const s = suggestions.find((x) => x.text.includes("no toxicity and rejection reaction"));
    expect(s?.reasons).toContain("harm-denial");
    expect(s?.phrase?.text).toBe("no toxicity and rejection reaction");
    expect(s?.text).toBe(
      "Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.",
    );
  });

  // The model no longer suggests the demo's long "only if … can patients have a chance to get
  // recovery completely" sentence (its one trigger sits in a conditional); the widening of an
  // absolute to the word before it is kept, on a plain sentence.
  it("widens an absolute to the word it qualifies", () => {
    const [s] = detectClaims("Patients can expect recovery completely within a month.");
    expect(s?.reasons).toEqual(["absolute"]);
    expect(s?.phrase?.text).toBe("recovery completely");
  });

  it("splits the glued title off and keeps phrases inside their sentence", () => {
    const text =
      "How does Stem Cell Therapy Treat Kidney FailureStem cell therapy cures kidney failure.";
    const found = detectClaims(text);
    expect(found.map((s) => s.text)).toEqual(["Stem cell therapy cures kidney failure."]);
    expect(found[0]?.phrase?.text).toBe("cures kidney failure");
    expectConsistent(text, found);
  });

  it("skips the headings, the date line and the questions", () => {
    const texts = suggestions.map((s) => s.text);
    expect(texts).not.toContain("How does Stem Cell Therapy Treat Kidney Failure");
    expect(texts).not.toContain("2016-04-02 10:37");
    expect(texts.filter((t) => t.endsWith("?"))).toEqual([]);
  });

  it("has consistent offsets", () => {
    expectConsistent(demo, suggestions);
  });
});

describe("detectClaims context", () => {
  it("never suggests questions, but does suggest a rhetorical 'did you know'", () => {
    expect(suggested("What are the risks of stem cell therapy? Is it 100% safe?")).toEqual([]);
    expect(
      suggested("Did you know that one in three adults has high blood pressure?"),
    ).toHaveLength(1);
  });

  it("suggests headings only for strong harm-denial or cure triggers", () => {
    expect(suggested("Top 10 foods that lower cholesterol\n\nSome text here.")).toEqual([]);
    expect(suggested("## Side effects and risks")).toEqual([]);
    expect(suggested("Turmeric Cures Arthritis\n\nText.")).toEqual(["Turmeric Cures Arthritis"]);
    // A list item is not a heading: it needs no period to be a claim.
    expect(suggested("- Vitamin C lowers blood pressure")).toEqual([
      "Vitamin C lowers blood pressure",
    ]);
  });

  // Before the model, any hedge cancelled a single trigger; a hedged effect ("may protect") is
  // still a claim to check, so only heavy hedging now keeps a sentence out.
  it("lets heavy hedging cancel a single trigger but not a figure", () => {
    expect(
      suggested(
        "Some researchers think coffee might possibly protect the liver, but it is too early to say.",
      ),
    ).toEqual([]);
    expect(suggested("Green tea may reduce the risk of prostate cancer by 40%.")).toHaveLength(1);
  });

  it("lowers anecdotes, procedural text and boilerplate", () => {
    expect(suggested("My mum always made soup when we were ill.")).toEqual([]);
    expect(suggested("She felt more relaxed after the massage than before.")).toEqual([]);
    expect(suggested("Never hesitate to contact us about your booking.")).toEqual([]);
    expect(suggested("Always talk to your doctor before starting a supplement.")).toEqual([]);
    // An imperative costs less than boilerplate: safety advice with an absolute survives it.
    expect(suggested("Never give aspirin to children under 16.")).toHaveLength(1);
    // A strong trigger survives an anecdote.
    expect(suggested("My doctor says this tea cures cancer.")).toHaveLength(1);
  });

  it("needs more than one plain count", () => {
    expect(suggested("Results are sent within 10 working days.")).toEqual([]);
    expect(suggested("Just 10 minutes of walking adds seven years to your life.")).toHaveLength(1);
  });

  it("lists reasons in REASONS order, strongest match first, phrase from the strongest", () => {
    const [s] = detectClaims("Vaccines are completely safe for 99% of children.");
    expect(s?.reasons).toEqual(["harm-denial", "statistic"]);
    expect(s?.matches[0]?.reason).toBe("harm-denial");
    expect(s?.phrase?.text).toBe("completely safe");
  });

  it("widens phrases to what the trigger is about", () => {
    const phrase = (text: string) => detectClaims(text)[0]?.phrase?.text;
    expect(phrase("Vitamin C cures the common cold, says the label.")).toBe(
      "cures the common cold",
    );
    expect(phrase("Statins are more effective than diet changes at lowering LDL.")).toBe(
      "more effective than diet changes",
    );
  });

  it("keeps exact offsets on CRLF, emoji and accented text", () => {
    const text =
      "Santé 🌿 naturelle\r\n\r\n😀 This tea is completely safe 🎉 for everyone.\r\nCafé au lait causes cancer in 90% of drinkers.";
    const suggestions = detectClaims(text);
    expect(suggestions.map((s) => s.text)).toEqual([
      "😀 This tea is completely safe 🎉 for everyone.",
      "Café au lait causes cancer in 90% of drinkers.",
    ]);
    expectConsistent(text, suggestions);
  });

  it("finds claims worded without a trigger word, with the reason in plain words", () => {
    const [s] = detectClaims("Pineapple juice dissolves kidney stones overnight.");
    expect(s?.reasons).toEqual(["claim-wording"]);
    expect(s && reasonLabel(s.reasons[0] ?? "")).toBe("is worded as a health claim");
    expect(s?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("proposes the figure with what it counts, not a fragment", () => {
    const phrase = (text: string) => detectClaims(text)[0]?.phrase?.text;
    expect(phrase("About 3 in every 10 adults have high blood pressure.")).toBe(
      "About 3 in every 10 adults",
    );
    expect(phrase("Never give aspirin to children under 16.")).toBe("Never give aspirin");
  });

  it("returns nothing for text without claims", () => {
    expect(detectClaims("")).toEqual([]);
    expect(detectClaims("Bring your list of medicines to the appointment.")).toEqual([]);
  });
});

describe("reason vocabulary", () => {
  it("labels every reason code in kebab-case", () => {
    for (const r of REASONS) {
      expect(r).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(REASON_LABELS[r].length).toBeGreaterThan(0);
      // Plain words for people, never the code itself.
      expect(REASON_LABELS[r]).not.toContain("-");
      expect(reasonLabel(r)).toBe(REASON_LABELS[r]);
    }
    expect(reasonLabel("harm-denial")).toBe("says a treatment is free of harm");
    expect(reasonLabel("retired-code")).toBe("retired-code");
  });
});
