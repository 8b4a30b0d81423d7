import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  evidence,
  type LibraryEntry,
  libraryEntries,
  libraryEntryEvidence,
  libraryMatchDismissals,
  libraryMatches,
  libraryPhrasings,
  revisions,
  users,
} from "../schema";
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
 * Without statistics (a new or small library) there are none, and every word is looked up; nor
 * is a word shared by fewer than `atLeast` wordings ever left out (in a library of forty
 * entries, the word two of them share is still worth looking up).
 */
export async function commonLibraryLexemes(db: Db, share = 0.01, atLeast = 200): Promise<string[]> {
  const list = await rawRows<{ lexeme: string }>(
    db,
    sql`
    SELECT e.lexeme
    FROM pg_stats s,
      (SELECT reltuples AS n FROM pg_class WHERE relname = 'library_phrasings') AS s_rows,
      unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, freq)
    WHERE s.schemaname = 'public' AND s.tablename = 'library_phrasings' AND s.attname = 'search'
      AND e.lexeme IS NOT NULL AND e.freq > ${share}
      AND e.freq * greatest(s_rows.n, 1) > ${atLeast}`,
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

/**
 * `findLibraryCandidates` for many texts at once (every sentence and claim of an article): two
 * statements whatever the number of texts, instead of two per text. The first turns every text
 * into its lookup query (the telling words, as above) and its ranking query; the second looks
 * each one up through the GIN index (a LATERAL top-N per text), one row per entry and text.
 * Texts that are the same are looked up once. Returns, for each text by position, its
 * candidates best first.
 */
export async function findLibraryCandidatesForTexts(
  db: Db,
  texts: readonly string[],
  { limit = 10, common }: { limit?: number; common?: readonly string[] } = {},
): Promise<LibraryCandidate[][]> {
  const distinct = [...new Set(texts)];
  if (distinct.length === 0) return texts.map(() => []);
  const skip = common ?? (await commonLibraryLexemes(db));
  const queries = await rawRows<{ i: number; query: string | null; ranking: string }>(
    db,
    sql`
    SELECT t.i::int AS i,
      coalesce(
        (SELECT string_agg(quote_literal(l), ' | ')
          FROM unnest(tsvector_to_array(to_tsvector('english', claimdesk_search_text(t.text)))) AS l
          WHERE NOT (l = ANY(${sql.param([...skip])}::text[]))),
        nullif(plainto_tsquery('english', claimdesk_search_text(t.text))::text, '')) AS query,
      replace(plainto_tsquery('english', claimdesk_search_text(t.text))::text, ' & ', ' | ')
        AS ranking
    FROM unnest(${sql.param(distinct)}::text[]) WITH ORDINALITY AS t(text, i)`,
  );
  const wanted = queries.filter((q) => q.query);
  const byText = new Map<string, LibraryCandidate[]>(distinct.map((t) => [t, []]));
  if (wanted.length > 0) {
    const rows = await rawRows<{
      i: number;
      entry_id: string;
      number: number;
      canonical_text: string;
      phrasing_id: string;
      phrasing: string;
      rank: number;
      similarity: number;
    }>(
      db,
      sql`
      SELECT q.i::int AS i, best.entry_id, e.number, e.canonical_text, best.phrasing_id,
        best.phrasing, best.rank,
        similarity(claimdesk_search_text(best.phrasing), claimdesk_search_text(q.text)) AS similarity
      FROM unnest(${sql.param(wanted.map((q) => q.i))}::int[],
          ${sql.param(wanted.map((q) => q.query ?? ""))}::text[],
          ${sql.param(wanted.map((q) => q.ranking))}::text[],
          ${sql.param(wanted.map((q) => distinct[q.i - 1] ?? ""))}::text[])
        AS q(i, query, ranking, text)
      CROSS JOIN LATERAL (
        SELECT DISTINCT ON (top.entry_id) top.entry_id, top.phrasing_id, top.phrasing, top.rank
        FROM (
          SELECT p.entry_id, p.id AS phrasing_id, p.text AS phrasing,
            ts_rank_cd(p.search, q.ranking::tsquery, 1) AS rank
          FROM library_phrasings p
          WHERE p.search @@ q.query::tsquery
          ORDER BY rank DESC, p.id
          LIMIT ${limit * 3}
        ) AS top
        ORDER BY top.entry_id, top.rank DESC, top.phrasing_id
      ) AS best
      -- Only current entries, checked on the few best wordings rather than on every wording
      -- that shares a word (a superseded entry's wordings can take a place in the top-N; they
      -- are few, and the margin of three times the limit absorbs them).
      JOIN library_entries e ON e.id = best.entry_id AND e.state = 'current'`,
    );
    for (const r of rows) {
      const text = distinct[r.i - 1];
      if (text === undefined) continue;
      byText.get(text)?.push({
        entryId: r.entry_id,
        number: Number(r.number),
        canonicalText: r.canonical_text,
        phrasingId: r.phrasing_id,
        phrasing: r.phrasing,
        rank: Number(r.rank),
        similarity: Number(r.similarity),
      });
    }
  }
  for (const list of byText.values()) {
    list.sort((a, b) => b.rank - a.rank || b.similarity - a.similarity || a.number - b.number);
    list.splice(limit);
  }
  return texts.map((t) => byText.get(t) ?? []);
}

/** Whether the library has any current entry (matching an article against none is skipped). */
export async function libraryHasCurrentEntries(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: libraryEntries.id })
    .from(libraryEntries)
    .where(eq(libraryEntries.state, "current"))
    .limit(1);
  return rows.length > 0;
}

/** Inserts many entries at once (imports and benches): numbers in order, canonical phrasings. */
export async function insertLibraryEntriesBulk(
  db: Db,
  values: readonly NewLibraryEntry[],
): Promise<LibraryEntry[]> {
  if (values.length === 0) return [];
  const [top] = await db
    .select({ n: sql<number>`coalesce(max(${libraryEntries.number}), 0)` })
    .from(libraryEntries);
  const first = Number(top?.n ?? 0) + 1;
  const entries = await db
    .insert(libraryEntries)
    .values(values.map((v, i) => ({ ...v, number: first + i })))
    .returning();
  await db.insert(libraryPhrasings).values(
    entries.map((e) => ({
      entryId: e.id,
      text: e.canonicalText,
      canonical: true,
      search: searchVector(e.canonicalText),
    })),
  );
  return entries.sort((a, b) => a.number - b.number);
}

export type NewLibraryMatch = Omit<typeof libraryMatches.$inferInsert, "id" | "createdAt">;

/** Replaces what matching found in a revision with `matches` and stamps when it was checked. */
export async function replaceLibraryMatches(
  db: Db,
  revisionId: string,
  matches: readonly NewLibraryMatch[],
): Promise<void> {
  await db.delete(libraryMatches).where(eq(libraryMatches.revisionId, revisionId));
  if (matches.length > 0) await db.insert(libraryMatches).values([...matches]);
  await db
    .update(revisions)
    .set({ libraryCheckedAt: sql`now()` })
    .where(eq(revisions.id, revisionId));
}

/** The (entry, sentence) pairs reviewers dismissed in an article. */
export function listLibraryMatchDismissals(db: Db, articleId: string) {
  return db
    .select({ entryId: libraryMatchDismissals.entryId, sentence: libraryMatchDismissals.sentence })
    .from(libraryMatchDismissals)
    .where(eq(libraryMatchDismissals.articleId, articleId));
}

/** Remembers a dismissal; false when it was already dismissed. */
export async function insertLibraryMatchDismissal(
  db: Db,
  values: { articleId: string; entryId: string; sentence: string; dismissedById: string },
): Promise<boolean> {
  const rows = await db
    .insert(libraryMatchDismissals)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: libraryMatchDismissals.id });
  return rows.length > 0;
}

/** Removes the stored matches of one entry at one span (dismissed or accepted). */
export async function deleteLibraryMatchesAt(
  db: Db,
  match: { revisionId: string; entryId: string; start: number; end: number },
): Promise<void> {
  await db
    .delete(libraryMatches)
    .where(
      and(
        eq(libraryMatches.revisionId, match.revisionId),
        eq(libraryMatches.entryId, match.entryId),
        eq(libraryMatches.start, match.start),
        eq(libraryMatches.end, match.end),
      ),
    );
}

export function findLibraryMatchById(db: Db, id: string) {
  return db
    .select()
    .from(libraryMatches)
    .where(eq(libraryMatches.id, id))
    .then((rows) => rows[0] ?? null);
}

/** The evidence linked to an entry, oldest first. */
export function listLibraryEntryEvidence(db: Db, entryId: string) {
  return db
    .select({ evidence })
    .from(libraryEntryEvidence)
    .innerJoin(evidence, eq(evidence.id, libraryEntryEvidence.evidenceId))
    .where(eq(libraryEntryEvidence.entryId, entryId))
    .orderBy(evidence.createdAt, evidence.id)
    .then((rows) => rows.map((r) => r.evidence));
}

/**
 * A revision's matches with what the review page shows of their entries: wording, verdict or
 * external rating, evidence count, reviewer and date. In text order.
 */
export async function listLibraryMatchesInRevision(db: Db, revisionId: string) {
  const rows = await db
    .select({
      id: libraryMatches.id,
      entryId: libraryMatches.entryId,
      start: libraryMatches.start,
      end: libraryMatches.end,
      text: libraryMatches.text,
      claimId: libraryMatches.claimId,
      relation: libraryMatches.relation,
      score: libraryMatches.score,
      matchedTerms: libraryMatches.matchedTerms,
      missingTerms: libraryMatches.missingTerms,
      phrasing: libraryPhrasings.text,
      number: libraryEntries.number,
      canonicalText: libraryEntries.canonicalText,
      verdict: libraryEntries.verdict,
      origin: libraryEntries.origin,
      externalPublisher: libraryEntries.externalPublisher,
      externalRating: libraryEntries.externalRating,
      externalUrl: libraryEntries.externalUrl,
      reviewedAt: libraryEntries.reviewedAt,
      reviewerName: users.name,
      evidenceCount: sql<number>`(SELECT count(*)::int FROM ${libraryEntryEvidence}
        WHERE ${libraryEntryEvidence.entryId} = ${libraryEntries.id})`,
    })
    .from(libraryMatches)
    .innerJoin(libraryEntries, eq(libraryEntries.id, libraryMatches.entryId))
    .leftJoin(libraryPhrasings, eq(libraryPhrasings.id, libraryMatches.phrasingId))
    .leftJoin(users, eq(users.id, libraryEntries.reviewedById))
    .where(eq(libraryMatches.revisionId, revisionId))
    .orderBy(libraryMatches.start, desc(libraryMatches.score), libraryEntries.number);
  return rows.map((r) => ({
    ...r,
    score: Number(r.score),
    evidenceCount: Number(r.evidenceCount),
  }));
}
export type LibraryMatchView = Awaited<ReturnType<typeof listLibraryMatchesInRevision>>[number];

/** Entries by id (for the many a batch of matches names). */
export function listLibraryEntriesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as LibraryEntry[]);
  return db
    .select()
    .from(libraryEntries)
    .where(inArray(libraryEntries.id, [...ids]));
}
