/**
 * zod schemas of the workspace's reference list (lib/services/references): adding a reference by
 * hand, correcting one, and importing a reference manager's file. Every string is bounded; the
 * citation fields are bounded as evidence's are, since evidence items carry a copy of them.
 */
import { z } from "zod";
import { id, text, version } from "./common";
import { optionalDoi, optionalPmid, optionalUrl, optionalYear } from "./evidence";

/**
 * How much one reference import may bring (lib/core/references/import.ts). Kept here, with the
 * schema that checks the text's size, so the importer depends on validation and not back.
 */
export const REFERENCE_IMPORT_LIMITS = {
  /** Characters of the file's text (about 5 MB of ASCII). */
  maxChars: 5 * 1024 * 1024,
  /** Records in one file: a big Zotero collection, far more than one article cites. */
  maxRecords: 2000,
  /** How deeply a CSL-JSON file may nest (a record's `author` list of objects is 3 levels). */
  maxJsonDepth: 16,
  /** Characters of one record's text, before it is parsed. */
  maxRecordChars: 200_000,
} as const;

/** "PMC1234567" (the prefix is added when only the digits are given). */
const optionalPmcid = z
  .string()
  .trim()
  .max(100, "A PMCID can be at most 100 characters; it looks like PMC1234567.")
  .transform((v) => (/^\d+$/.test(v) ? `PMC${v}` : v.toUpperCase()))
  .refine((v) => v === "" || /^PMC\d{1,10}$/.test(v), {
    message: "A PMCID looks like PMC1234567.",
  })
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

/** The fields a person can correct; `source`, the flag and the watch's dates are not theirs. */
export const referenceFieldsSchema = z.object({
  title: text(500, 1, "Title"),
  authors: text(1000, 0, "Authors").default(""),
  journal: text(300, 0, "Journal").default(""),
  year: optionalYear,
  volume: text(50, 0, "Volume").default(""),
  issue: text(50, 0, "Issue").default(""),
  pages: text(50, 0, "Pages").default(""),
  url: optionalUrl,
  // Stored lower-cased: DOIs are case-insensitive, and the unique key compares bytes.
  doi: optionalDoi.transform((v) => (v ? v.toLowerCase() : null)),
  pmid: optionalPmid,
  pmcid: optionalPmcid,
  publicationTypes: z
    .array(text(100, 1, "A publication type"), { message: "Publication types must be a list." })
    .max(30, "At most 30 publication types.")
    .default([])
    .transform((types) => [...new Set(types)]),
  abstract: text(20_000, 0, "Abstract").default(""),
});
export type ReferenceFieldsInput = z.input<typeof referenceFieldsSchema>;
export type ReferenceFields = z.output<typeof referenceFieldsSchema>;

/** `reference.create`: a reference typed by hand. */
export const createReferenceSchema = referenceFieldsSchema;

/** `reference.update`: a full replacement of the fields, naming the version read. */
export const updateReferenceSchema = referenceFieldsSchema.extend({
  referenceId: id(),
  version: version(),
});

export const REFERENCE_IMPORT_FORMATS = ["auto", "ris", "bibtex", "csl-json", "medline"] as const;

/**
 * `reference.import`: a reference manager's file, read in the browser and sent as text. `step`
 * "preview" reads it and writes nothing; "confirm" imports the records picked (by their number
 * in the file; absent: every valid record that is not a duplicate).
 */
export const importReferencesSchema = z.object({
  step: z.enum(["preview", "confirm"], { message: "step must be preview or confirm." }),
  format: z
    .enum(REFERENCE_IMPORT_FORMATS, {
      message: "Choose a format: RIS, BibTeX, CSL-JSON or PubMed (MEDLINE).",
    })
    .default("auto"),
  fileName: text(255, 0, "File name").default(""),
  text: z
    .string({ message: "The file must be text." })
    .min(1, "The file is empty.")
    .max(
      REFERENCE_IMPORT_LIMITS.maxChars,
      `The file can be at most ${REFERENCE_IMPORT_LIMITS.maxChars / 1024 / 1024} MB.`,
    ),
  records: z
    .array(z.number().int().positive().max(REFERENCE_IMPORT_LIMITS.maxRecords), {
      message: "records must be a list of record numbers.",
    })
    .max(REFERENCE_IMPORT_LIMITS.maxRecords)
    .optional(),
});
export type ImportReferencesInput = z.output<typeof importReferencesSchema>;

/** The reference list's filters (the /references page's query string). */
export const referenceListQuery = z.object({
  q: text(300, 0, "Search").default(""),
  flagged: z
    .enum(["", "1"])
    .catch("")
    .transform((v) => v === "1"),
});
