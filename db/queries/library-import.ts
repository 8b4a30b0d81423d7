import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { libraryEntries, libraryPhrasings, users } from "../schema";

/**
 * The library's import and export reads (lib/services/library/import.ts, export.ts): which of a
 * file's reviews and wordings the library already holds, and the library as a file writes it.
 * Entries are written with `insertLibraryEntry` (db/queries/library.ts), the one insert.
 */

/** Lists are looked up in slices, so a 10,000-review feed never makes one giant statement. */
const SLICE = 1000;

async function inSlices<T>(values: readonly string[], read: (slice: string[]) => Promise<T[]>) {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += SLICE)
    out.push(...(await read(values.slice(i, i + SLICE))));
  return out;
}

/** Which of `urls` an external entry already has as its ClaimReview URL (any state). */
export async function findExistingExternalUrls(
  db: Db,
  urls: readonly string[],
): Promise<Set<string>> {
  const rows = await inSlices(urls, (slice) =>
    db
      .select({ url: libraryEntries.externalUrl })
      .from(libraryEntries)
      .where(inArray(libraryEntries.externalUrl, slice)),
  );
  return new Set(rows.flatMap((r) => (r.url === null ? [] : [r.url])));
}

/** Which of `texts` an entry already has as its canonical wording (any state). */
export async function findExistingCanonicalTexts(
  db: Db,
  texts: readonly string[],
): Promise<Set<string>> {
  const rows = await inSlices(texts, (slice) =>
    db
      .select({ text: libraryEntries.canonicalText })
      .from(libraryEntries)
      .where(inArray(libraryEntries.canonicalText, slice)),
  );
  return new Set(rows.map((r) => r.text));
}

/**
 * The current entries, by number, with who gave the verdict: what an export writes. Superseded
 * and withdrawn entries are left out: the library no longer says them (a re-import would
 * make them current again).
 */
export function listCurrentEntriesForExport(db: Db) {
  return db
    .select({
      id: libraryEntries.id,
      number: libraryEntries.number,
      canonicalText: libraryEntries.canonicalText,
      origin: libraryEntries.origin,
      verdict: libraryEntries.verdict,
      rationale: libraryEntries.rationale,
      tags: libraryEntries.tags,
      externalPublisher: libraryEntries.externalPublisher,
      externalRating: libraryEntries.externalRating,
      externalUrl: libraryEntries.externalUrl,
      reviewedAt: libraryEntries.reviewedAt,
      updatedAt: libraryEntries.updatedAt,
      reviewerName: users.name,
      reviewerCredentials: users.credentials,
    })
    .from(libraryEntries)
    .leftJoin(users, eq(users.id, libraryEntries.reviewedById))
    .where(eq(libraryEntries.state, "current"))
    .orderBy(asc(libraryEntries.number));
}

/**
 * The variant (non-canonical) wordings of the current entries, oldest first, and by text among
 * those added together: rows written by one transaction share its `now()`, and the table keeps
 * no other order, so the text makes an export the same bytes every time (variants are a set).
 */
export function listCurrentVariantPhrasings(db: Db) {
  return db
    .select({ entryId: libraryPhrasings.entryId, text: libraryPhrasings.text })
    .from(libraryPhrasings)
    .innerJoin(libraryEntries, eq(libraryEntries.id, libraryPhrasings.entryId))
    .where(and(eq(libraryEntries.state, "current"), eq(libraryPhrasings.canonical, false)))
    .orderBy(
      asc(libraryEntries.number),
      asc(libraryPhrasings.createdAt),
      asc(libraryPhrasings.text),
    );
}
