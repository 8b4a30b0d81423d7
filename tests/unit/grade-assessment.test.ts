/** GRADE for a body of evidence: the starting point, the steps, the clamp and the words. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeGrade,
  gradeBodyStart,
  gradeReasonErrors,
} from "../../lib/core/evidence/grade-assessment";
import { GRADE_CONCERN_LEVELS, GRADE_UPGRADE_REASONS } from "../../lib/core/evidence-vocabulary";
import {
  GRADE_CERTAINTIES,
  GRADE_DOWNGRADE_REASONS,
  STUDY_DESIGNS,
} from "../../lib/core/vocabulary";

const serious = (reason = "why") => ({ level: "serious" as const, reason });
const verySerious = (reason = "why") => ({ level: "very_serious" as const, reason });
const applies = (reason = "why") => ({ applies: true, reason });

describe("where a body of evidence starts", () => {
  it("starts High with any randomised item, Low with only observational ones, nowhere else", () => {
    expect(gradeBodyStart(["rct"])).toEqual({ certainty: "high", basis: "randomised" });
    expect(gradeBodyStart(["cohort", "systematic_review_rct"])).toEqual({
      certainty: "high",
      basis: "randomised",
    });
    expect(gradeBodyStart(["cohort", "expert_opinion"])).toEqual({
      certainty: "low",
      basis: "observational",
    });
    expect(gradeBodyStart(["case_control"])?.certainty).toBe("low");
    expect(gradeBodyStart(["case_series"])?.certainty).toBe("low");
    expect(gradeBodyStart(["guideline", "mechanistic", "expert_opinion", "other"])).toBeNull();
    expect(gradeBodyStart([])).toBeNull();
  });
});

describe("computed certainty", () => {
  it("is the start when nothing is rated", () => {
    expect(computeGrade(["rct"], null)).toMatchObject({
      certainty: "high",
      explanation: "Started High (randomised evidence) = High",
    });
    expect(computeGrade(["cohort"], { domains: {}, upgrades: {} }).certainty).toBe("low");
  });

  it("rates down one step per serious domain and two per very serious one", () => {
    const r = computeGrade(["rct", "cohort"], {
      domains: { risk_of_bias: serious(), imprecision: verySerious() },
      upgrades: {},
    });
    expect(r.certainty).toBe("very_low");
    expect(r.explanation).toBe(
      "Started High (randomised evidence); −1 risk of bias (serious); −2 imprecision (very serious) = Very low",
    );
    expect(computeGrade(["rct"], { domains: { risk_of_bias: serious() } }).certainty).toBe(
      "moderate",
    );
  });

  it("clamps at Very low when every domain is very serious", () => {
    const domains = Object.fromEntries(GRADE_DOWNGRADE_REASONS.map((d) => [d, verySerious()]));
    const r = computeGrade(["rct"], { domains, upgrades: {} });
    expect(r.certainty).toBe("very_low");
    expect(r.steps.reduce((s, x) => s + x.change, 0)).toBe(-10);
    expect(r.notes).toContain("Very low is the lowest certainty: the rest is not counted.");
  });

  it("rates observational evidence up one step per reason, up to High", () => {
    const one = computeGrade(["cohort"], { upgrades: { large_effect: applies() } });
    expect(one.certainty).toBe("moderate");
    expect(one.explanation).toBe(
      "Started Low (observational evidence); +1 large effect = Moderate",
    );
    const all = Object.fromEntries(GRADE_UPGRADE_REASONS.map((u) => [u, applies()]));
    const r = computeGrade(["case_control"], { upgrades: all });
    expect(r.certainty).toBe("high");
    expect(r.notes).toContain("High is the highest certainty: the rest is not counted.");
  });

  it("does not count an upgrade on randomised evidence, and says why", () => {
    const r = computeGrade(["rct"], {
      domains: { risk_of_bias: serious() },
      upgrades: { dose_response: applies() },
    });
    expect(r.certainty).toBe("moderate");
    expect(r.steps.find((s) => s.key === "dose_response")?.change).toBe(0);
    expect(r.notes[0]).toMatch(/Dose-response gradient not counted: GRADE rates up observational/);
  });

  it("does not count an upgrade beside a serious concern", () => {
    const r = computeGrade(["cohort"], {
      domains: { inconsistency: serious() },
      upgrades: { large_effect: applies() },
    });
    expect(r.certainty).toBe("very_low");
    expect(r.notes[0]).toMatch(/no serious concern in any domain/);
  });

  it("gives no certainty without evidence, or with only designs GRADE does not start", () => {
    const none = computeGrade([], { domains: { risk_of_bias: serious() } });
    expect(none.certainty).toBeNull();
    expect(none.explanation).toMatch(/^No evidence yet/);
    const opinion = computeGrade(["expert_opinion", "guideline"], null);
    expect(opinion.certainty).toBeNull();
    expect(opinion.explanation).toMatch(/^No GRADE starting point/);
  });

  it("always lands on one of the four certainties, never above the start without an upgrade", () => {
    const level = fc.constantFrom(...GRADE_CONCERN_LEVELS);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...STUDY_DESIGNS), { minLength: 1, maxLength: 5 }),
        fc.tuple(level, level, level, level, level),
        fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
        (designs, levels, ups) => {
          const domains = Object.fromEntries(
            GRADE_DOWNGRADE_REASONS.map((d, i) => [d, { level: levels[i], reason: "r" }]),
          );
          const upgrades = Object.fromEntries(
            GRADE_UPGRADE_REASONS.map((u, i) => [u, { applies: ups[i], reason: "r" }]),
          );
          const r = computeGrade(designs, { domains, upgrades });
          if (!r.start) return r.certainty === null;
          if (r.certainty === null || !GRADE_CERTAINTIES.includes(r.certainty)) return false;
          const down = levels.some((l) => l !== "not_serious");
          const startRank = GRADE_CERTAINTIES.indexOf(r.start.certainty);
          const rank = GRADE_CERTAINTIES.indexOf(r.certainty);
          // Rated down never ends above the start; upgrades only count on observational ones.
          if (down && rank < startRank) return false;
          if (r.start.basis === "randomised" && rank < startRank) return false;
          return true;
        },
      ),
    );
  });
});

describe("reasons a judgement needs", () => {
  it("asks why next to each serious domain and each upgrade that applies", () => {
    expect(
      gradeReasonErrors({
        domains: { risk_of_bias: serious(" "), imprecision: { level: "not_serious", reason: "" } },
        upgrades: { large_effect: { applies: true, reason: "" } },
      }),
    ).toEqual({
      "domains.risk_of_bias.reason": "Say why risk of bias is serious.",
      "upgrades.large_effect.reason": "Say why you rate up for large effect.",
    });
    expect(gradeReasonErrors({ domains: { indirectness: verySerious("PICO differs") } })).toEqual(
      {},
    );
  });
});
