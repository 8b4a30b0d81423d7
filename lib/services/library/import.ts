/**
 * `library.import`: a file of claims into the library, in one transaction. Two formats:
 *
 * - "claimreview": other fact-checkers' ClaimReview markup (a review, a page, a feed:
 *   lib/core/library/claimreview-import.ts). Each review becomes an external entry keeping the
 *   publisher, its rating in its own words and the review's URL, with no verdict of ours
 *   (shown as "rated ‹X› by ‹publisher›"). A review whose URL an entry already has is skipped
 *   and counted, so re-importing a feed adds only what is new.
 * - "json": a library JSON file (lib/core/validation/library.ts), our own export or one made
 *   by hand; its entries become internal entries (external ones when they say so) with their
 *   variants. An entry whose wording is already an entry's canonical wording is skipped.
 *
 * All or nothing: one bad review or entry refuses the file, naming which and why, before the
 * transaction opens. One audit event for the import, when it created anything.
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  insertLibraryEntry,
  insertLibraryPhrasing,
  type NewLibraryEntry,
} from "@/db/queries/library";
import { findExistingCanonicalTexts, findExistingExternalUrls } from "@/db/queries/library-import";
import { AppError } from "@/lib/core/errors";
import {
  CLAIMREVIEW_IMPORT_LIMITS,
  parseClaimReviews,
  type ReviewProblem,
} from "@/lib/core/library/claimreview-import";
import { parseJsonText } from "@/lib/core/library/json-text";
import { libraryFileSchema, libraryImportSchema } from "@/lib/core/validation/library";
import { defineAction } from "@/lib/server/action";

/** One entry to create, and the unique key that says whether the library already has it. */
interface Planned {
  values: Omit<NewLibraryEntry, "createdById">;
  variants: string[];
  /** The ClaimReview URL (external entries) or the canonical wording (the rest). */
  key: { kind: "url" | "text"; value: string };
}

export interface LibraryImportResult {
  created: number;
  skipped: number;
  /** The created entries, in the file's order. */
  entries: { number: number }[];
}

function planClaimReviews(text: string): Planned[] {
  const parsed = parseClaimReviews(text);
  if (!parsed.ok) {
    throw new AppError("validation", parsed.message, {
      details: { problems: parsed.problems satisfies ReviewProblem[] },
    });
  }
  return parsed.reviews.map((r) => ({
    values: {
      canonicalText: r.claimReviewed,
      origin: "external",
      verdict: null,
      externalPublisher: r.publisher,
      externalRating: r.rating,
      externalUrl: r.url,
    },
    variants: [],
    key: { kind: "url", value: r.url },
  }));
}

function planLibraryFile(text: string): Planned[] {
  // A library file nests three levels (list › entry › variants); 32 leaves room for extra fields.
  const json = parseJsonText(text, CLAIMREVIEW_IMPORT_LIMITS.maxDepth, "The library file");
  if (!json.ok) throw new AppError("validation", json.message);
  const parsed = libraryFileSchema.safeParse(json.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [index, ...field] = issue.path;
      return typeof index === "number"
        ? {
            index,
            message: `entry ${index + 1}${field.length ? ` (${field.join(".")})` : ""}: ${issue.message}`,
          }
        : { index: -1, message: issue.message };
    });
    const listed = problems
      .slice(0, 10)
      .map((p) => p.message.replace(/\.$/, ""))
      .join("; ");
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : "";
    throw new AppError(
      "validation",
      `The library file cannot be imported, so nothing was: ${listed}${more}.`,
      {
        details: { problems },
      },
    );
  }
  return parsed.data.map((e) => {
    const variants = [...new Set(e.variants ?? [])].filter((v) => v !== e.text);
    const values: Planned["values"] = {
      canonicalText: e.text,
      rationale: e.rationale ?? "",
      tags: [...new Set(e.tags ?? [])],
    };
    if (e.external) {
      return {
        values: {
          ...values,
          origin: "external",
          verdict: null,
          externalPublisher: e.external.publisher,
          externalRating: e.external.rating || null,
          externalUrl: e.external.url ?? null,
        },
        variants,
        key: e.external.url
          ? { kind: "url", value: e.external.url }
          : { kind: "text", value: e.text },
      } satisfies Planned;
    }
    return {
      values: { ...values, origin: "internal", verdict: e.verdict ?? null },
      variants,
      key: { kind: "text", value: e.text },
    } satisfies Planned;
  });
}

export const importLibrary = defineAction({
  name: "library.import",
  input: libraryImportSchema,
  permission: "library:manage",
  // Re-importing a file the library already holds finds nothing to create, and writes nothing.
  audit: "when-changed",
  // Parsing up to 5 MB needs no database: done before the transaction opens.
  prepare: async (_actor, { format, text }) =>
    format === "claimreview" ? planClaimReviews(text) : planLibraryFile(text),
  run: async ({ tx, actor, prepared }, { format }): Promise<LibraryImportResult> => {
    const keys = (kind: "url" | "text") =>
      prepared.flatMap((p) => (p.key.kind === kind ? [p.key.value] : []));
    const [urls, texts] = await Promise.all([
      findExistingExternalUrls(tx, keys("url")),
      findExistingCanonicalTexts(tx, keys("text")),
    ]);
    const entries: { id: string; number: number }[] = [];
    let skipped = 0;
    for (const plan of prepared) {
      const known = plan.key.kind === "url" ? urls : texts;
      // Also a repeat within the file: the second one is skipped like a re-import.
      if (known.has(plan.key.value)) {
        skipped++;
        continue;
      }
      known.add(plan.key.value);
      const entry = await insertLibraryEntry(tx, { ...plan.values, createdById: actor.id });
      for (const variant of plan.variants) {
        await insertLibraryPhrasing(tx, { entryId: entry.id, text: variant });
      }
      entries.push({ id: entry.id, number: entry.number });
    }
    const [firstEntry] = entries;
    if (firstEntry) {
      await insertAuditEvent(tx, {
        actorId: actor.id,
        action: "library.import",
        // The audit log's entity id is required; an import is about many entries, so it names
        // the first one it created and lists every number in `after`.
        entityType: "library_entry",
        entityId: firstEntry.id,
        after: {
          format,
          created: entries.length,
          skipped,
          numbers: entries.map((e) => e.number),
        },
      });
    }
    return {
      created: entries.length,
      skipped,
      entries: entries.map((e) => ({ number: e.number })),
    };
  },
});
