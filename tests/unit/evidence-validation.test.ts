import { describe, expect, it } from "vitest";
import { gradeRuleError, gradeStartHint } from "@/lib/core/evidence/grade";
import {
  addEvidenceSchema,
  deleteEvidenceSchema,
  updateEvidenceSchema,
} from "@/lib/core/validation/evidence";
import { toFieldErrors } from "@/lib/server/action";

const CLAIM_ID = "6f1c2b7e-8d2a-4c1e-9b1a-0a1b2c3d4e5f";
const base = { claimId: CLAIM_ID, title: "A trial", stance: "supports", studyDesign: "rct" };

/** The field errors of parsing `base` with `over`, or {} when it parses. */
function errorsOf(over: Record<string, unknown>) {
  const result = addEvidenceSchema.safeParse({ ...base, ...over });
  return result.success ? {} : toFieldErrors(result.error);
}

function parsed(over: Record<string, unknown>) {
  const result = addEvidenceSchema.safeParse({ ...base, ...over });
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
}

describe("evidence validation: citation fields", () => {
  it("fills defaults and turns empty optional fields into null", () => {
    expect(parsed({ url: "", doi: " ", pmid: "", year: "" })).toMatchObject({
      authors: "",
      year: null,
      url: null,
      doi: null,
      pmid: null,
      gradeCertainty: null,
      gradeDowngradeReasons: [],
    });
  });

  it("requires a title, a stance and a study design", () => {
    expect(errorsOf({ title: "  ", stance: "", studyDesign: undefined })).toEqual({
      title: ["Title is required."],
      stance: ["Choose a stance."],
      studyDesign: ["Choose a study design."],
    });
  });

  it("accepts a DOI bare, as a doi.org link (even %-encoded) or with a doi: prefix", () => {
    expect(parsed({ doi: "10.1056/NEJMoa2034577" }).doi).toBe("10.1056/NEJMoa2034577");
    expect(parsed({ doi: "https://doi.org/10.1000/xyz123" }).doi).toBe("10.1000/xyz123");
    expect(parsed({ doi: "https://dx.doi.org/10.1000%2Fxyz" }).doi).toBe("10.1000/xyz");
    expect(parsed({ doi: "doi: 10.1000/abc" }).doi).toBe("10.1000/abc");
  });

  it("refuses what is not a DOI", () => {
    for (const doi of ["not a doi", "10.12/x", "10.1000/", "https://example.org/10.1000/x"]) {
      expect(errorsOf({ doi }).doi?.[0], doi).toMatch(/A DOI looks like 10\.1000\/xyz123/);
    }
  });

  it("accepts a PMID bare, with a PMID: prefix or as a PubMed link", () => {
    expect(parsed({ pmid: "31978945" }).pmid).toBe("31978945");
    expect(parsed({ pmid: "PMID: 31978945" }).pmid).toBe("31978945");
    expect(parsed({ pmid: "https://pubmed.ncbi.nlm.nih.gov/31978945/" }).pmid).toBe("31978945");
  });

  it("refuses what is not a PMID", () => {
    for (const pmid of ["abc", "0123", "1234567890", "12 34"]) {
      expect(errorsOf({ pmid }).pmid?.[0], pmid).toMatch(/A PMID is a number of up to 9 digits/);
    }
  });

  it("accepts http(s) URLs only, and only well-formed ones", () => {
    expect(parsed({ url: "https://www.cochranelibrary.com/cdsr" }).url).toBe(
      "https://www.cochranelibrary.com/cdsr",
    );
    expect(errorsOf({ url: "javascript:alert(1)" }).url).toEqual([
      "URL must start with http:// or https://.",
    ]);
    expect(errorsOf({ url: "www.example.org" }).url).toEqual([
      "URL must start with http:// or https://.",
    ]);
    expect(errorsOf({ url: "https://[broken" }).url).toEqual([
      "This URL is not valid: check it for typos.",
    ]);
  });

  it("takes the year as typed text or as a number, within 1800 … next year", () => {
    const next = new Date().getFullYear() + 1;
    expect(parsed({ year: " 2019 " }).year).toBe(2019);
    expect(parsed({ year: 2019 }).year).toBe(2019);
    expect(parsed({ year: String(next) }).year).toBe(next);
    expect(errorsOf({ year: "20x9" }).year).toEqual(["Year must be a whole number, such as 2019."]);
    expect(errorsOf({ year: 2019.5 }).year).toEqual(["Year must be a whole number, such as 2019."]);
    expect(errorsOf({ year: "1700" }).year).toEqual(["Year must be 1800 or later."]);
    expect(errorsOf({ year: next + 1 }).year).toEqual([`Year must be ${next} or earlier.`]);
    expect(errorsOf({ year: true }).year).toEqual(["Year must be a number, such as 2019."]);
  });
});

describe("evidence validation: GRADE", () => {
  it("stores each reason once, in GRADE's order", () => {
    expect(
      parsed({
        gradeCertainty: "very_low",
        gradeDowngradeReasons: ["imprecision", "risk_of_bias", "imprecision"],
      }).gradeDowngradeReasons,
    ).toEqual(["risk_of_bias", "imprecision"]);
  });

  it("refuses reasons without a certainty, next to the reasons", () => {
    expect(errorsOf({ gradeDowngradeReasons: ["imprecision"] })).toEqual({
      gradeDowngradeReasons: [
        "Reasons for rating down need a GRADE certainty: choose one, or clear the reasons.",
      ],
    });
  });

  it("reports the GRADE rule together with other field errors", () => {
    expect(
      Object.keys(
        errorsOf({ title: "", stance: "", year: "20x9", gradeDowngradeReasons: ["inconsistency"] }),
      ).sort(),
    ).toEqual(["gradeDowngradeReasons", "stance", "title", "year"]);
  });

  it("refuses High with a reason for rating down", () => {
    expect(
      errorsOf({ gradeCertainty: "high", gradeDowngradeReasons: ["risk_of_bias"] })
        .gradeDowngradeReasons?.[0],
    ).toMatch(/^High certainty means nothing was rated down/);
  });

  it("refuses an unknown certainty or reason", () => {
    expect(errorsOf({ gradeCertainty: "medium" }).gradeCertainty).toEqual([
      "Choose a GRADE certainty, or “Not rated”.",
    ]);
    expect(
      errorsOf({ gradeCertainty: "low", gradeDowngradeReasons: ["bad_luck"] })[
        "gradeDowngradeReasons.0"
      ],
    ).toEqual(["Not a GRADE reason for rating down."]);
  });
});

describe("GRADE rule by study design", () => {
  const rule = (
    studyDesign: Parameters<typeof gradeRuleError>[0]["studyDesign"],
    gradeCertainty: Parameters<typeof gradeRuleError>[0]["gradeCertainty"],
    gradeDowngradeReasons: Parameters<typeof gradeRuleError>[0]["gradeDowngradeReasons"] = [],
  ) => gradeRuleError({ studyDesign, gradeCertainty, gradeDowngradeReasons });

  it("asks for a reason when randomised evidence is rated below High", () => {
    expect(rule("rct", "high")).toBeNull();
    expect(rule("systematic_review_rct", "moderate")).toBe(
      "Randomised evidence starts at High certainty in GRADE: tick at least one reason for rating it down to Moderate.",
    );
    expect(rule("rct", "low", ["risk_of_bias"])).toBeNull();
    expect(rule("rct", "very_low", ["risk_of_bias"])).toBeNull();
  });

  it("lets observational evidence sit at Low without a reason, not at Very low", () => {
    expect(rule("cohort", "low")).toBeNull();
    expect(rule("case_control", "moderate")).toBeNull();
    expect(rule("case_series", "very_low")).toBe(
      "Observational evidence starts at Low certainty in GRADE: tick at least one reason for rating it down to Very low.",
    );
    expect(rule("cohort", "very_low", ["imprecision"])).toBeNull();
  });

  it("asks nothing of designs GRADE gives no starting point", () => {
    for (const design of ["guideline", "mechanistic", "expert_opinion", "other"] as const) {
      expect(rule(design, "very_low"), design).toBeNull();
      expect(rule(design, "low", ["indirectness"]), design).toBeNull();
    }
  });

  it("explains the starting point for the form", () => {
    expect(gradeStartHint("rct")).toMatch(/^Randomised evidence starts at High/);
    expect(gradeStartHint("cohort")).toMatch(/^Observational evidence starts at Low/);
    expect(gradeStartHint("guideline")).toBeNull();
  });
});

describe("update and delete inputs", () => {
  it("need the evidence id and the version read", () => {
    const { claimId: _, ...fields } = base;
    expect(
      updateEvidenceSchema.safeParse({ ...fields, evidenceId: CLAIM_ID, version: 2 }).success,
    ).toBe(true);
    const missing = updateEvidenceSchema.safeParse(fields);
    expect(missing.success ? {} : Object.keys(toFieldErrors(missing.error)).sort()).toEqual([
      "evidenceId",
      "version",
    ]);
    expect(deleteEvidenceSchema.safeParse({ evidenceId: CLAIM_ID, version: 0 }).success).toBe(
      false,
    );
  });
});
