import { describe, expect, it } from "vitest";
import { findAbsolutes } from "./absolute";
import { findCausalClaims } from "./causal";
import { findComparisons } from "./comparative";
import { findCureClaims } from "./cure-claim";
import { findHarmDenials } from "./harm-denial";
import type { Rule } from "./rule";
import { findStatistics, maskNonQuantities } from "./statistic";

/** The matched texts of a rule on a sentence. */
const matched = (rule: Rule, sentence: string) =>
  rule(sentence).map((m) => sentence.slice(m.start, m.end));

describe("harm-denial", () => {
  it.each([
    [
      "Stem cell therapy has no toxicity and rejection reaction, it still …",
      "no toxicity and rejection reaction",
    ],
    ["The cream has no known serious side effects.", "no known serious side effects"],
    [
      "It works without any side-effects or complications.",
      "without any side-effects or complications",
    ],
    [
      "The supplement doesn't cause any side effects at all.",
      "doesn't cause any side effects at all",
    ],
    ["Homeopathy is harmless.", "harmless"],
    ["A risk-free detox.", "risk-free"],
    ["The herb is completely safe for children.", "completely safe"],
    ["It is non-addictive.", "non-addictive"],
    ["It is safe during pregnancy.", "is safe during"],
    ["Turmeric has none of the risks of ibuprofen.", "none of the risks"],
    ["A few drops can't hurt.", "can't hurt"],
  ])("finds the denial in %j", (sentence, phrase) => {
    expect(matched(findHarmDenials, sentence)).toEqual([phrase]);
  });

  it.each([
    "What are the side effects?",
    "People with no risk factors can still get it.",
    "The treatment is not risk-free.",
    "It isn't completely safe.",
    "Side effects include nausea.",
    "The ward has free wifi.",
  ])("finds nothing in %j", (sentence) => {
    expect(findHarmDenials(sentence)).toEqual([]);
  });

  it("weighs blanket denials above plain safety statements", () => {
    expect(findHarmDenials("It has no side effects.")[0]?.weight).toBe(2);
    expect(findHarmDenials("It is safe for most adults.")[0]?.weight).toBe(1.5);
  });
});

describe("absolute", () => {
  it.each([
    ["patients can get recovery completely but", ["completely"]],
    ["It always works and never fails.", ["always", "never"]],
    ["Results are guaranteed.", ["guaranteed"]],
    ["It is 100% effective.", ["100%"]],
    ["This is the only treatment that works.", ["only"]],
    ["It is clinically proven.", ["clinically proven"]],
  ])("finds %j", (sentence, words) => {
    expect(matched(findAbsolutes, sentence)).toEqual(words);
  });

  it.each([
    "Only if the kidney is replaced can patients recover.",
    "It helps not only adults but children.",
    "As always, drink water.",
    "It does not always work.",
    "The cause is not completely understood.",
  ])("finds nothing in %j", (sentence) => {
    expect(findAbsolutes(sentence)).toEqual([]);
  });

  it("counts quantifiers at half weight", () => {
    expect(findAbsolutes("Everyone responds.").map((m) => m.weight)).toEqual([0.5]);
  });
});

describe("cure-claim", () => {
  it.each([
    ["Vitamin C cures the common cold.", ["cures"], 2],
    ["The diet reverses type 2 diabetes.", ["reverses"], 2],
    ["Essential oils kill 99.9% of viruses.", ["kill 99.9%"], 2],
    ["Alkaline water starves cancer cells.", ["starves cancer"], 2],
    ["Juice flushes toxins out of the kidneys.", ["flushes toxins"], 2],
    ["There is no cure for Alzheimer's disease.", ["cure"], 2],
    ["Stretching prevents injuries.", ["prevents"], 1],
    ["Echinacea boosts your immune system.", ["boosts your immune"], 1],
  ])("finds %j", (sentence, words, weight) => {
    const found = findCureClaims(sentence);
    expect(found.map((m) => sentence.slice(m.start, m.end))).toEqual(words);
    expect(found[0]?.weight).toBe(weight);
  });

  it.each(["Chocolate is a treat.", "Eat healthy food.", "Treatment options vary."])(
    "finds nothing in %j",
    (sentence) => {
      expect(findCureClaims(sentence)).toEqual([]);
    },
  );
});

describe("statistic", () => {
  it.each([
    ["It prevents 97% of cases.", ["97%"], [1.5]],
    ["About 1 in 100 patients get it.", ["1 in 100"], [1.5]],
    ["One in four adults.", ["One in four"], [1.5]],
    ["Smokers are twice as likely to die.", ["twice as"], [1.5]],
    ["HRT doubles the risk.", ["doubles"], [1.5]],
    ["It killed 1.3 million people.", ["1.3 million"], [1.5]],
    ["Take 500 mg daily.", ["500 mg"], [1]],
    ["Walk for 20 minutes.", ["20"], [0.5]],
    ["Drink eight glasses a day.", ["eight"], [0.5]],
  ])("finds %j", (sentence, words, weights) => {
    const found = findStatistics(sentence);
    expect(found.map((m) => sentence.slice(m.start, m.end))).toEqual(words);
    expect(found.map((m) => m.weight)).toEqual(weights);
  });

  it.each([
    "2016-04-02 10:37",
    "The clinic is open from 8:30 to 17:00.",
    "In 2019 the rules changed.",
    "It was popular in the 1980s.",
    "Smith et al. (2018) found this [12].",
    "People with type 2 diabetes.",
    "See Figure 3 and step 4.",
    "Call 111 for help.",
    "COVID-19 and vitamin B12 and omega-3 and H1N1.",
    "It happened on 3 March 2020 and on June 5.",
    "It is 100% natural.",
  ])("finds no quantity in %j", (sentence) => {
    expect(findStatistics(sentence)).toEqual([]);
  });

  it("masks without moving offsets", () => {
    const sentence = "On 2016-04-02 😀 it rose 5%.";
    const masked = maskNonQuantities(sentence);
    expect(masked.length).toBe(sentence.length);
    expect(masked.indexOf("5%")).toBe(sentence.indexOf("5%"));
  });

  it("keeps a year-like number that has a unit", () => {
    expect(matched(findStatistics, "Eat 2000 kcal a day.")).toEqual(["2000 kcal"]);
  });
});

describe("causal", () => {
  it.each([
    ["Vaccines cause autism.", ["cause"]],
    ["It leads to deficiency.", ["leads to"]],
    ["Fibre lowers LDL cholesterol.", ["lowers"]],
    ["Exercise can reduce anxiety.", ["can reduce"]],
    ["Red meat is linked to bowel cancer.", ["linked to"]],
    ["Sugar makes children hyperactive.", ["makes children hyperactive"]],
    ["Antidepressants are addictive.", ["addictive"]],
    ["St John's wort interacts with the pill.", ["interacts with"]],
  ])("finds %j", (sentence, words) => {
    expect(matched(findCausalClaims, sentence)).toEqual(words);
  });

  it.each([
    "Buy reduced-fat milk.",
    "It is non-toxic.",
    "It repairs the damaged cells.",
    "The clinic is closed because of snow",
  ])("finds no effect verb in %j", (sentence) => {
    const words = matched(findCausalClaims, sentence);
    expect(words.filter((w) => w !== "because of")).toEqual([]);
  });
});

describe("comparative", () => {
  it.each([
    ["Statins are more effective than diet.", ["more effective than"]],
    ["Ibuprofen is safer than paracetamol.", ["safer than"]],
    ["It is superior to placebo.", ["superior to"]],
    ["Exercise is as effective as medication.", ["as effective as"]],
    ["Generics work exactly as well as brands.", ["exactly as well as"]],
    ["Lifting is the best way to lose weight.", ["the best"]],
    ["Smokers have a higher risk of stroke.", ["higher risk"]],
    ["Muscle weighs more than fat.", ["more than"]],
  ])("finds %j", (sentence, words) => {
    expect(matched(findComparisons, sentence)).toEqual(words);
  });

  it.each([
    "It affects more than 50% of women.",
    "Symptoms last less than a week.",
    "Eat fruit as well as vegetables.",
    "Use it rather than nothing.",
  ])("finds nothing in %j", (sentence) => {
    expect(findComparisons(sentence)).toEqual([]);
  });
});
