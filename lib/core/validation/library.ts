/**
 * zod schemas of the claims library. Sections by feature; other features add theirs below.
 */
import { z } from "zod";
import { CLAIMREVIEW_IMPORT_LIMITS } from "@/lib/core/library/claimreview-import";
import { MAX_QUOTE } from "@/lib/core/limits/claims";
import { VERDICTS } from "@/lib/core/vocabulary";
import { text } from "./common";

// ─── Import and export (lib/services/library/import.ts, export.ts; `claimdesk library`) ───

/** The most entries one library JSON file may hold (as many as a ClaimReview import). */
export const MAX_LIBRARY_FILE_ENTRIES = CLAIMREVIEW_IMPORT_LIMITS.maxReviews;
export const MAX_LIBRARY_VARIANTS = 100;
export const MAX_LIBRARY_TAGS = 30;

const webUrl = z
  .string({ message: "url must be text." })
  .trim()
  .max(2048, "url can be at most 2,048 characters.")
  .refine((v) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v) && URL.canParse(v), {
    message: "url must start with http:// or https://.",
  });

/**
 * One entry of a library JSON file: what `claimdesk library export` and the export route write,
 * what `library.import` (format "json") and `claimdesk match --library` read. `id` is the
 * file's own name for the entry (our export writes "K12"); `variants` are further wordings of
 * the claim; `external` marks another fact-checker's rating (never our verdict).
 */
export const libraryFileEntrySchema = z
  .object({
    id: z
      .union([z.string(), z.number()], { message: "id must be text." })
      .transform((v) => String(v).trim())
      .pipe(z.string().min(1, "id is required.").max(200, "id can be at most 200 characters.")),
    text: text(MAX_QUOTE, 1, "text"),
    verdict: z
      .enum(VERDICTS, { message: `verdict must be one of ${VERDICTS.join(", ")}.` })
      .nullable()
      .optional(),
    rationale: text(20_000, 0, "rationale").optional(),
    tags: z
      .array(text(60, 1, "A tag"), { message: "tags must be a list of text." })
      .max(MAX_LIBRARY_TAGS, `At most ${MAX_LIBRARY_TAGS} tags.`)
      .optional(),
    variants: z
      .array(text(MAX_QUOTE, 1, "A variant"), { message: "variants must be a list of text." })
      .max(MAX_LIBRARY_VARIANTS, `At most ${MAX_LIBRARY_VARIANTS} variants.`)
      .optional(),
    external: z
      .object({
        publisher: text(CLAIMREVIEW_IMPORT_LIMITS.maxPublisher, 1, "external.publisher"),
        rating: text(CLAIMREVIEW_IMPORT_LIMITS.maxRating, 0, "external.rating").optional(),
        url: webUrl.optional(),
      })
      .strict()
      .optional(),
  })
  .refine((e) => !(e.external && e.verdict), {
    message: "An external entry carries its publisher's rating, not a verdict of ours.",
    path: ["verdict"],
  });
export type LibraryFileEntry = z.infer<typeof libraryFileEntrySchema>;

/** A library JSON file: a list of entries with distinct ids. */
export const libraryFileSchema = z
  .array(libraryFileEntrySchema, { message: 'A library file is a JSON list: [{"id", "text"}, …].' })
  .max(
    MAX_LIBRARY_FILE_ENTRIES,
    `A library file may hold at most ${MAX_LIBRARY_FILE_ENTRIES.toLocaleString("en")} entries.`,
  )
  .superRefine((entries, ctx) => {
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
      const earlier = seen.get(entry.id);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [i, "id"],
          message: `id "${entry.id}" is used twice (entries ${earlier + 1} and ${i + 1}).`,
        });
      } else seen.set(entry.id, i);
    });
  });
export type LibraryFile = z.infer<typeof libraryFileSchema>;

export const LIBRARY_IMPORT_FORMATS = ["claimreview", "json"] as const;
export type LibraryImportFormat = (typeof LIBRARY_IMPORT_FORMATS)[number];

/** `library.import`: the text of a ClaimReview page or feed, or of a library JSON file. */
export const libraryImportSchema = z.object({
  format: z.enum(LIBRARY_IMPORT_FORMATS, { message: "format must be claimreview or json." }),
  text: z
    .string({ message: "text must be text." })
    .min(1, "The text is empty.")
    .max(
      CLAIMREVIEW_IMPORT_LIMITS.maxBytes,
      `The text can be at most ${CLAIMREVIEW_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB.`,
    ),
});

export const LIBRARY_EXPORT_FORMATS = ["json", "claimreview"] as const;
export type LibraryExportFormat = (typeof LIBRARY_EXPORT_FORMATS)[number];

/** `GET /api/library/export?format=json|claimreview` (JSON when absent). */
export const libraryExportQuery = z.object({
  format: z
    .enum(LIBRARY_EXPORT_FORMATS, {
      message: "Unknown format; use format=json or format=claimreview.",
    })
    .default("json"),
});

// ─── (other library schemas go below this line) ───
