import { z } from "zod";
import {
  EVIDENCE_STANCES,
  GRADE_CERTAINTIES,
  GRADE_DOWNGRADE_REASONS,
  STUDY_DESIGNS,
} from "@/lib/domain/vocabulary";
import { id, optionalHttpUrl, text } from "./common";

/** A DOI as Crossref defines it: "10." + registrant + "/" + suffix (a doi.org URL is accepted). */
const DOI = /^10\.\d{4,9}\/\S+$/;

const optionalDoi = z
  .string()
  .trim()
  .max(300)
  .transform((v) => v.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, ""))
  .refine((v) => v === "" || DOI.test(v), {
    message: "A DOI looks like 10.1000/xyz123 (a https://doi.org/… link works too).",
  })
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

const optionalPmid = z
  .string()
  .trim()
  .refine((v) => v === "" || /^[1-9]\d{0,8}$/.test(v), {
    message: "A PMID is a number of up to 9 digits, such as 31978945.",
  })
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

export const evidenceFieldsSchema = z.object({
  title: text(500, 1, "Title"),
  authors: text(1000, 0, "Authors").default(""),
  publisher: text(300, 0, "Journal or publisher").default(""),
  year: z
    .number({ message: "Year must be a number." })
    .int("Year must be a whole number.")
    .min(1800, "Year must be 1800 or later.")
    .max(2100, "Year must be 2100 or earlier.")
    .nullable()
    .default(null),
  url: optionalHttpUrl("URL"),
  doi: optionalDoi,
  pmid: optionalPmid,
  excerpt: text(10_000, 0, "Excerpt").default(""),
  stance: z.enum(EVIDENCE_STANCES, { message: "Choose a stance." }),
  studyDesign: z.enum(STUDY_DESIGNS, { message: "Choose a study design." }),
  gradeCertainty: z.enum(GRADE_CERTAINTIES).nullable().default(null),
  gradeDowngradeReasons: z.array(z.enum(GRADE_DOWNGRADE_REASONS)).max(5).default([]),
});

export const addEvidenceSchema = evidenceFieldsSchema.extend({ claimId: id() });
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;
