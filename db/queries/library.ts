import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type LibraryEntry, libraryEntries, libraryPhrasings } from "../schema";
import { rawRows } from "./raw-rows";

/**
 * The claims library's rows and its first matching stage: finding, in the database, the
 * entries whose wordings share the most words with a sentence (docs/library-matching.md). The
 * second stage, deciding same / opposite / unrelated, is pure (lib/core/library/relation.ts).
 */

/** Every search of the library reads text through this one function (migration 0006). */
const searchVector = (text: string) => sql`to_tsvector('english', claimdesk_search_text(${text}))`;

export type NewLibraryEntry = Pick<LibraryEntry, "canonicalText" | "createdById"> &
  Partial<
    Pick<
      LibraryEntry,
      | "verdict"
      | "rationale"
      | "tags"
      | "origin"
      | "externalPublisher"
      | "externalRating"
      | "externalUrl"
      | "reviewedById"
      | "reviewedAt"
      | "reviewDue"
    >
  >;

/**
 * A new entry with the next number and its canonical wording as its first phrasing. Two
 * entries made at the same moment cannot take one number: the unique index refuses the second
 * (the action wrapper reports a conflict to try again).
 */
export async function insertLibraryEntry(db: Db, values: NewLibraryEntry): Promise<LibraryEntry> {
  const [entry] = await db
    .insert(libraryEntries)
    .values({
      ...values,
      number: sql`(SELECT coalesce(max(${libraryEntries.number}), 0) + 1 FROM ${libraryEntries})`,
    })
    .returning();
  if (!entry) throw new Error("insert returned no row");
  await insertLibraryPhrasing(db, {
    entryId: entry.id,
    text: values.canonicalText,
    canonical: true,
  });
  return entry;
}

/** Adds a wording to an entry; false when the entry already has exactly this wording. */
export async function insertLibraryPhrasing(
  db: Db,
  values: { entryId: string; text: string; canonical?: boolean; sourceClaimId?: string | null },
): Promise<boolean> {
  const rows = await db
    .insert(libraryPhrasings)
    .values({ ...values, search: searchVector(values.text) })
    .onConflictDoNothing()
    .returning({ id: libraryPhrasings.id });
  return rows.length > 0;
}

export function findLibraryEntryByNumber(db: Db, number: number): Promise<LibraryEntry | null> {
  return db
    .select()
    .from(libraryEntries)
    .where(eq(libraryEntries.number, number))
    .then((rows) => rows[0] ?? null);
}

/** An entry's wordings, the canonical one first. */
export function listLibraryPhrasings(db: Db, entryId: string) {
  return db
    .select({
      id: libraryPhrasings.id,
      text: libraryPhrasings.text,
      canonical: libraryPhrasings.canonical,
    })
    .from(libraryPhrasings)
    .where(eq(libraryPhrasings.entryId, entryId))
    .orderBy(desc(libraryPhrasings.canonical), libraryPhrasings.createdAt, libraryPhrasings.id);
}

export interface LibraryCandidate {
  entryId: string;
  number: number;
  canonicalText: string;
  phrasingId: string;
  phrasing: string;
  /** Full-text rank of the wording against the sentence (cover density, length-normalized). */
  rank: number;
  /** Trigram similarity of the two texts, 0–1: spelling closeness, for ties and typos. */
  similarity: number;
}

/**
 * The stemmed words so many wordings share that looking them up would read a large part of the
 * library ("treat", "use", "risk"): more than `share` of the wordings, by the planner's
 * statistics of the `search` column (its most common elements, kept by ANALYZE — autovacuum on
 * PostgreSQL; PGlite, which has none, after a bulk import). Read once per batch of sentences.
 * Without statistics (a new or small library) there are none, and every word is looked up.
 */
export async function commonLibraryLexemes(db: Db, share = 0.01): Promise<string[]> {
  const list = await rawRows<{ lexeme: string }>(
    db,
    sql`
    SELECT e.lexeme
    FROM pg_stats s,
      unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, freq)
    WHERE s.schemaname = 'public' AND s.tablename = 'library_phrasings' AND s.attname = 'search'
      AND e.lexeme IS NOT NULL AND e.freq > ${share}`,
  );
  return list.map((r) => r.lexeme);
}

/**
 * The current entries whose wordings share a telling word with `text`, best first: English
 * stemming over unaccented, lower-cased text ("vaccinated" finds "vaccine", "café" finds
 * "cafe"), any of the sentence's words that are not among the library's most common
 * (`commonLibraryLexemes`: looking those up would rank a large part of the library), so that a
 * paraphrase keeping some of the words is found; when every word is common, all of them
 * together. Ranked by how densely all of the sentence's words cover the wording. Index-backed
 * (GIN on the stored vectors), so it reads only the wordings that share such a word, at any
 * library size. One row per entry: its best wording.
 */
export async function findLibraryCandidates(
  db: Db,
  text: string,
  { limit = 10, common }: { limit?: number; common?: readonly string[] } = {},
): Promise<LibraryCandidate[]> {
  const skip = common ?? (await commonLibraryLexemes(db));
  // The telling words, worked out first so that the search below gets them as a constant: the
  // planner then estimates it from its statistics and takes the GIN index.
  const words = sql`to_tsvector('english', claimdesk_search_text(${text}))`;
  const [telling] = await rawRows<{ query: string }>(
    db,
    sql`
    SELECT coalesce(
      (SELECT string_agg(quote_literal(l), ' | ') FROM unnest(tsvector_to_array(${words})) AS l
        WHERE NOT (l = ANY(${sql.param([...skip])}::text[]))),
      plainto_tsquery('english', claimdesk_search_text(${text}))::text) AS query`,
  );
  if (!telling?.query) return [];
  const filter = sql`${telling.query}::tsquery`;
  const any = sql`replace(plainto_tsquery('english', claimdesk_search_text(${text}))::text, ' & ', ' | ')::tsquery`;
  // The best-ranked wordings first (each rank computed once, a top-N sort), and only those few
  // get the trigram similarity and one row per entry.
  const rank = sql<number>`ts_rank_cd(${libraryPhrasings.search}, ${any}, 1)`;
  const top = db
    .select({
      entryId: libraryPhrasings.entryId,
      phrasingId: libraryPhrasings.id,
      phrasing: libraryPhrasings.text,
      rank: rank.as("rank"),
    })
    .from(libraryPhrasings)
    .innerJoin(libraryEntries, eq(libraryEntries.id, libraryPhrasings.entryId))
    .where(and(sql`${libraryPhrasings.search} @@ ${filter}`, eq(libraryEntries.state, "current")))
    .orderBy(desc(rank), libraryPhrasings.id)
    .limit(limit * 5)
    .as("top");
  const rows = await db
    .selectDistinctOn([top.entryId], {
      entryId: top.entryId,
      number: libraryEntries.number,
      canonicalText: libraryEntries.canonicalText,
      phrasingId: top.phrasingId,
      phrasing: top.phrasing,
      rank: top.rank,
      similarity: sql<number>`similarity(claimdesk_search_text(${top.phrasing}), claimdesk_search_text(${text}))`,
    })
    .from(top)
    .innerJoin(libraryEntries, eq(libraryEntries.id, top.entryId))
    .orderBy(top.entryId, desc(top.rank), top.phrasingId);
  // node-postgres and PGlite return real as a number; normalized anyway, then best first.
  return rows
    .map((r) => ({ ...r, rank: Number(r.rank), similarity: Number(r.similarity) }))
    .sort((a, b) => b.rank - a.rank || b.similarity - a.similarity || a.number - b.number)
    .slice(0, limit);
}
