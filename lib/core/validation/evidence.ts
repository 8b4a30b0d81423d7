import { z } from "zod";
import { gradeRuleError } from "@/lib/core/evidence/grade";
import { bareDoi, barePmid, DOI_PATTERN, PMID_PATTERN } from "@/lib/core/validation/identifier";
import {
  EVIDENCE_STANCES,
  GRADE_CERTAINTIES,
  GRADE_DOWNGRADE_REASONS,
  STUDY_DESIGNS,
} from "@/lib/core/vocabulary";
import { id, optionalHttpUrl, text, version } from "./common";

export const optionalDoi = z
  .string()
  .trim()
  .max(300, "A DOI can be at most 300 characters.")
  .transform(bareDoi)
  .refine((v) => v === "" || DOI_PATTERN.test(v), {
    message: "A DOI looks like 10.1000/xyz123 (a https://doi.org/… link works too).",
  })
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

export const optionalPmid = z
  .string()
  .trim()
  .max(100, "A PMID is a number of up to 9 digits, such as 31978945.")
  .transform(barePmid)
  .refine((v) => v === "" || PMID_PATTERN.test(v), {
    message: "A PMID is a number of up to 9 digits, such as 31978945 (a PubMed link works too).",
  })
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

/** In-press articles carry next year's date; anything later is a typo. */
const latestYear = () => new Date().getFullYear() + 1;

/** A year as typed (text from a form) or sent (a number from a script); empty is none. */
export const optionalYear = z
  .union([z.number(), z.string().trim().max(20, "Year must be a number, such as 2019.")], {
    message: "Year must be a number, such as 2019.",
  })
  .optional()
  .nullable()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === "") return null;
    const n = typeof v === "number" ? v : /^\d+$/.test(v) ? Number(v) : Number.NaN;
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (!Number.isInteger(n)) return fail("Year must be a whole number, such as 2019.");
    if (n < 1800) return fail("Year must be 1800 or later.");
    if (n > latestYear()) return fail(`Year must be ${latestYear()} or earlier.`);
    return n;
  });

export const optionalUrl = optionalHttpUrl("URL").refine((v) => v === null || URL.canParse(v), {
  message: "This URL is not valid: check it for typos.",
});

/** The fields a person fills in, before the GRADE check across them. */
const evidenceFields = z.object({
  title: text(500, 1, "Title"),
  authors: text(1000, 0, "Authors").default(""),
  publisher: text(300, 0, "Journal or publisher").default(""),
  year: optionalYear,
  url: optionalUrl,
  doi: optionalDoi,
  pmid: optionalPmid,
  excerpt: text(10_000, 0, "Excerpt").default(""),
  stance: z.enum(EVIDENCE_STANCES, { message: "Choose a stance." }),
  studyDesign: z.enum(STUDY_DESIGNS, { message: "Choose a study design." }),
  gradeCertainty: z
    .enum(GRADE_CERTAINTIES, { message: "Choose a GRADE certainty, or “Not rated”." })
    .nullable()
    .default(null),
  // Stored once each, in GRADE's order, however they were ticked or sent.
  gradeDowngradeReasons: z
    .array(z.enum(GRADE_DOWNGRADE_REASONS, { message: "Not a GRADE reason for rating down." }))
    .max(20)
    .default([])
    .transform((reasons) => GRADE_DOWNGRADE_REASONS.filter((r) => reasons.includes(r))),
  /**
   * The reference in the workspace's list this item cites (lib/services/references): its
   * citation is then copied from the reference. Absent or empty: found by DOI or PMID, if any.
   */
  referenceId: z
    .union([z.uuid({ message: "Not a valid reference." }), z.literal("")])
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
});

/** The GRADE rule (lib/core/evidence/grade.ts), reported next to the reasons. */
function checkGrade(
  value: z.output<typeof evidenceFields>,
  ctx: { addIssue: (issue: { code: "custom"; path: string[]; message: string }) => void },
) {
  const message = gradeRuleError(value);
  if (message) ctx.addIssue({ code: "custom", path: ["gradeDowngradeReasons"], message });
}

const GRADE_INPUTS = new Set(["studyDesign", "gradeCertainty", "gradeDowngradeReasons"]);

/**
 * Run the GRADE check even when other fields (a year, a stance) failed, so every message shows
 * at once; only the fields it reads must have parsed.
 */
const gradeCheckParams = {
  when: (payload: { value: unknown; issues: readonly { path?: PropertyKey[] }[] }) =>
    typeof payload.value === "object" &&
    payload.value !== null &&
    payload.issues.every((i) => !GRADE_INPUTS.has(String(i.path?.[0]))),
};

export const evidenceFieldsSchema = evidenceFields.superRefine(checkGrade, gradeCheckParams);

export const addEvidenceSchema = evidenceFields
  .extend({ claimId: id() })
  .superRefine(checkGrade, gradeCheckParams);

/** A full replacement of the fields, naming the version read (optimistic concurrency). */
export const updateEvidenceSchema = evidenceFields
  .extend({ evidenceId: id(), version: version() })
  .superRefine(checkGrade, gradeCheckParams);

/** Deleting names the version read too, so nobody deletes an item they have not seen. */
export const deleteEvidenceSchema = z.object({ evidenceId: id(), version: version() });
