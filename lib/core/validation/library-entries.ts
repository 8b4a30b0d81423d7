/**
 * The claims library's entry mutations and list filters (lib/services/library/): adding a
 * resolved claim, editing, superseding, withdrawing, merging and splitting entries.
 */
import { z } from "zod";
import { MAX_QUOTE } from "@/lib/core/limits/claims";
import { LIBRARY_STATES, VERDICTS } from "@/lib/core/vocabulary";
import { blankIsAny } from "./audit";
import { id, text, version } from "./common";

export const MAX_LIBRARY_TAGS = 20;
const MAX_TAG = 50;

/**
 * Topic tags: trimmed, lower-cased (so "Vaccines" and "vaccines" are one tag), blanks dropped,
 * each once, in the order given.
 */
export const libraryTags = () =>
  z
    .array(text(MAX_TAG, 0, "A tag"), { message: "Tags must be a list." })
    .max(MAX_LIBRARY_TAGS, `At most ${MAX_LIBRARY_TAGS} tags.`)
    .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()).filter(Boolean))]);

/** When the desk must look at the entry again: a day, or nothing. */
const reviewDue = () =>
  z
    .union([
      z.iso.date({ message: "The review date must be a date (YYYY-MM-DD)." }).max(10),
      z.literal(""),
    ])
    .nullable()
    .optional()
    .transform((v) => v || null);

const canonicalText = () => text(MAX_QUOTE, 1, "The canonical wording");

/** Adding a resolved claim: as a new entry, or (`entryId`) as a wording of an existing one. */
export const addClaimToLibrarySchema = z.object({
  claimId: id(),
  entryId: id().optional().nullable(),
  tags: libraryTags().optional(),
  reviewDue: reviewDue(),
});

/** The publish page's one step: the chosen resolved claims of the article's latest publication. */
export const addPublishedClaimsSchema = z.object({
  articleId: id(),
  picks: z
    .array(
      z.object({
        claimId: id(),
        entryId: id().optional().nullable(),
        tags: libraryTags().optional(),
      }),
    )
    .min(1, "Choose at least one claim.")
    .max(500, "At most 500 claims at once.")
    .refine((ps) => new Set(ps.map((p) => p.claimId)).size === ps.length, {
      message: "A claim is listed twice.",
    }),
  reviewDue: reviewDue(),
});

/** An entry's editable fields, all of them (as the claim panel saves a claim's). */
export const updateLibraryEntrySchema = z.object({
  entryId: id(),
  version: version(),
  canonicalText: canonicalText(),
  verdict: z.enum(VERDICTS, { message: "Choose a verdict." }).nullable(),
  rationale: text(20_000, 0, "Rationale"),
  tags: libraryTags(),
  reviewDue: reviewDue(),
});

export const supersedeLibraryEntrySchema = z.object({
  entryId: id(),
  version: version(),
  successorId: id(),
});

export const withdrawLibraryEntrySchema = z.object({
  entryId: id(),
  version: version(),
  reason: text(2_000, 1, "The reason"),
});

const versioned = z.object({ entryId: id(), version: version() });

/** Duplicates merged into one survivor; every entry named with the version read. */
export const mergeLibraryEntriesSchema = z
  .object({
    survivor: versioned,
    entries: z
      .array(versioned)
      .min(1, "Choose at least one entry to merge.")
      .max(100, "At most 100 entries at once."),
  })
  .refine(
    (v) => new Set([v.survivor, ...v.entries].map((e) => e.entryId)).size === v.entries.length + 1,
    {
      message: "An entry is listed twice, or is its own survivor.",
      path: ["entries"],
    },
  );

/** Some wordings (and the claims they came from) moved out into a new entry. */
export const splitLibraryEntrySchema = z.object({
  entryId: id(),
  version: version(),
  phrasingIds: z
    .array(id())
    .min(1, "Choose at least one wording to split out.")
    .max(500, "At most 500 wordings at once.")
    .refine((ids) => new Set(ids).size === ids.length, { message: "A wording is listed twice." }),
  canonicalText: canonicalText(),
});

export const LIBRARY_SORTS = ["number", "updated", "due", "usage"] as const;

/** The library page's filters, as they arrive in a URL (an empty field means "any"). */
export const libraryListQuerySchema = z.object({
  q: blankIsAny(text(500, 0, "Search")),
  tags: z
    .preprocess(
      (v) => (typeof v === "string" ? v.split(",") : v),
      z.array(z.string().trim().toLowerCase().max(MAX_TAG)).max(MAX_LIBRARY_TAGS),
    )
    .optional()
    .transform((tags) => tags?.filter(Boolean) ?? []),
  verdict: blankIsAny(z.enum(VERDICTS, { message: "Unknown verdict." })),
  state: blankIsAny(z.enum(LIBRARY_STATES, { message: "Unknown state." })),
  dueBefore: blankIsAny(z.iso.date({ message: "Due before must be a date (YYYY-MM-DD)." })),
  sort: blankIsAny(z.enum(LIBRARY_SORTS, { message: "Unknown sort." })).transform(
    (v) => v ?? "number",
  ),
  limit: blankIsAny(z.coerce.number().int().min(1).max(200)).transform((v) => v ?? 50),
  offset: blankIsAny(z.coerce.number().int().min(0)).transform((v) => v ?? 0),
});
export type LibraryListQuery = z.output<typeof libraryListQuerySchema>;
