/**
 * The library matcher's relation classifier on hand-written claims (not taken from
 * tests/fixtures/library/pairs.jsonl), with property checks over generated simple claims: a
 * sentence against itself is "same"; "does not" before its verb gives "opposite"; another
 * predicate and object on the same subject is "unrelated".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareClaim } from "@/lib/core/library/relation";

const SUBJECTS = [
  "Turmeric",
  "Green tea",
  "Garlic supplements",
  "Acupuncture",
  "Manuka honey",
  "Probiotics",
  "Echinacea",
  "Cold showers",
  "Red wine",
  "Apple cider vinegar",
];
/** [third person, base form]; no two of them are paraphrases or antonyms of each other. */
const VERBS: [string, string][] = [
  ["causes", "cause"],
  ["cures", "cure"],
  ["spreads", "spread"],
  ["regrows", "regrow"],
  ["alters", "alter"],
];
const OBJECTS = ["gout", "eczema", "tinnitus", "kidney stones", "migraines", "acne", "insomnia"];

const claimParts = fc.record({
  subject: fc.constantFrom(...SUBJECTS),
  verb: fc.constantFrom(...VERBS),
  object: fc.constantFrom(...OBJECTS),
});

describe("compareClaim: properties", () => {
  it("a sentence against itself is the same claim", () => {
    fc.assert(
      fc.property(claimParts, ({ subject, verb, object }) => {
        const claim = `${subject} ${verb[0]} ${object}.`;
        expect(compareClaim(claim, claim).relation).toBe("same");
      }),
    );
  });

  it("'does not' before the verb gives the opposite", () => {
    fc.assert(
      fc.property(claimParts, ({ subject, verb, object }) => {
        const claim = `${subject} ${verb[0]} ${object}.`;
        const denied = `${subject} does not ${verb[1]} ${object}.`;
        expect(compareClaim(claim, denied).relation).toBe("opposite");
      }),
    );
  });

  it("a different predicate and object on the same subject is unrelated", () => {
    fc.assert(
      fc.property(
        claimParts,
        fc.nat({ max: VERBS.length - 2 }),
        fc.nat({ max: OBJECTS.length - 2 }),
        ({ subject, verb, object }, dv, dobj) => {
          const vi = VERBS.indexOf(verb);
          const other = VERBS[(vi + 1 + dv) % VERBS.length] as [string, string];
          const otherObject = OBJECTS[(OBJECTS.indexOf(object) + 1 + dobj) % OBJECTS.length];
          const claim = `${subject} ${verb[0]} ${object}.`;
          const sentence = `${subject} ${other[0]} ${otherObject}.`;
          expect(compareClaim(claim, sentence).relation).toBe("unrelated");
        },
      ),
    );
  });

  it("a denial of another object is not an opposite (negated near miss)", () => {
    fc.assert(
      fc.property(claimParts, fc.nat({ max: OBJECTS.length - 2 }), (parts, d) => {
        const { subject, verb, object } = parts;
        const otherObject = OBJECTS[(OBJECTS.indexOf(object) + 1 + d) % OBJECTS.length];
        const claim = `${subject} ${verb[0]} ${object}.`;
        const sentence = `${subject} does not ${verb[1]} ${otherObject}.`;
        expect(compareClaim(claim, sentence).relation).toBe("unrelated");
      }),
    );
  });

  it("scores lie in [0, 1] and the answer is deterministic", () => {
    fc.assert(
      fc.property(claimParts, claimParts, (a, b) => {
        const claim = `${a.subject} ${a.verb[0]} ${a.object}.`;
        const sentence = `${b.subject} ${b.verb[0]} ${b.object}.`;
        const r = compareClaim(claim, sentence);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(compareClaim(claim, sentence)).toEqual(r);
      }),
    );
  });
});

describe("compareClaim: hand-written cases", () => {
  const cases: [string, string, "same" | "opposite" | "unrelated"][] = [
    // paraphrase: synonyms, inflection, word order, attribution
    [
      "The flu jab gives you flu.",
      "Some nurses believe the influenza vaccine gave them the flu.",
      "same",
    ],
    [
      "Vitamin D prevents hip fractures.",
      "Hip fractures, the leaflet says, are prevented by vitamin D.",
      "same",
    ],
    [
      "Advil causes stomach ulcers.",
      "Taking ibuprofen every day can lead to stomach ulcers.",
      "same",
    ],
    [
      "Statins cause dementia.",
      "A forum claimed that atorvastatin caused dementia in older people.",
      "same",
    ],
    [
      "Turmeric cures arthritis.",
      "Curcumin capsules are sold as a cure for osteoarthritis.",
      "same",
    ],
    // opposite: negation, denial, antonym
    [
      "The flu jab gives you flu.",
      "The flu vaccine cannot give you flu, because it contains no live virus.",
      "opposite",
    ],
    [
      "Vitamin D prevents hip fractures.",
      "There is no evidence that vitamin D supplements prevent hip fractures.",
      "opposite",
    ],
    ["Turmeric cures arthritis.", "The idea that turmeric cures arthritis is a myth.", "opposite"],
    [
      "Microwaving food is dangerous.",
      "Microwaving food is perfectly safe, food scientists say.",
      "opposite",
    ],
    [
      "Fluoride raises the risk of hip fractures.",
      "Fluoridated water does not increase the risk of hip fractures.",
      "opposite",
    ],
    [
      "Hot drinks lower fever.",
      "Hot drinks raise a fever rather than bringing it down.",
      "opposite",
    ],
    // unrelated: same topic, another effect, another cause, or a denial of something else
    [
      "Vitamin D prevents hip fractures.",
      "Vitamin D is made in the skin in sunlight.",
      "unrelated",
    ],
    ["Advil causes stomach ulcers.", "Advil can cause drowsiness in some people.", "unrelated"],
    [
      "Advil causes stomach ulcers.",
      "Stress does not cause stomach ulcers; bacteria do.",
      "unrelated",
    ],
    ["Turmeric cures arthritis.", "Turmeric does not stain the teeth permanently.", "unrelated"],
    ["Statins cause dementia.", "Statins lower the risk of stroke.", "unrelated"],
  ];
  it.each(cases)("%s | %s → %s", (claim, sentence, expected) => {
    expect(compareClaim(claim, sentence).relation).toBe(expected);
  });

  it("reports the terms it matched and missed", () => {
    const r = compareClaim("Advil causes stomach ulcers.", "Advil can cause drowsiness.");
    expect(r.matched).toContain("~ibuprofen");
    expect(r.missing.length).toBeGreaterThan(0);
  });
});
