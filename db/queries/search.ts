import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rawRows } from "./raw-rows";

/**
 * Workspace search (docs/search.md): PostgreSQL full-text search over the texts of articles,
 * claims, library entries, evidence and comments, ranked with `ts_rank_cd` and highlighted with
 * `ts_headline`, and widened for typos through the `search_words` lexicon and trigram
 * similarity. Every text but an article's title (a revision's, a claim's quote and rationale,
 * evidence citations, comments) is matched and ranked on its stored vector (the `search` columns
 * of migration 0010), never parsed per row; titles with `@@` written exactly as their GIN
 * expression index (migration 0008), so that it is answered from the index. Only the rows shown
 * are highlighted, which parses their text.
 */

/** Every searched text goes through this one expression (migrations 0008 and 0010). */
const vector = (text: SQL) => sql`to_tsvector('english', claimdesk_search_text(${text}))`;
/** The text an article's snippet is cut from: what its stored vector holds (migration 0010). */
const bodyText = (alias: string) => sql.raw(`left(${alias}.plain_text, 200000)`);

/** ts_headline's options. The marks are private-use characters (lib/core/search/query.ts). */
const HEADLINE_OPTIONS = `StartSel=\uE000, StopSel=\uE001, MaxWords=28, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
const WHOLE_OPTIONS = `StartSel=\uE000, StopSel=\uE001, HighlightAll=true`;
/** The text a snippet is cut from, without the highlight marks a user may have typed into it. */
const marksOut = (text: SQL) => sql`translate(${text}, E'\\uE000\\uE001', '')`;
const headline = (text: SQL, query: SQL, whole = false) =>
  sql`ts_headline('english', ${marksOut(text)}, ${query}, ${whole ? WHOLE_OPTIONS : HEADLINE_OPTIONS})`;

/** A query word that no searched text has, and the lexicon's words nearest to it. */
export interface SearchCorrection {
  word: string;
  near: string[];
}

/** Below this trigram similarity a lexicon word is not offered for a query word. */
const NEAR_WORD_SIMILARITY = 0.45;
/** At most this many query words are widened, each to at most this many words. */
const MAX_WIDENED_WORDS = 8;
const NEAR_WORDS_PER_WORD = 3;

/**
 * The words of the query that appear in no searched text (the lexicon), each with its nearest
 * lexicon words by trigram similarity (`%` is answered from the lexicon's trigram index, then
 * sorted by similarity). Words under four letters are left alone: their trigrams are too few to
 * tell a typo from another word.
 */
export function findSearchCorrections(db: Db, query: string): Promise<SearchCorrection[]> {
  return rawRows<SearchCorrection>(
    db,
    sql`
      WITH words AS (
        SELECT DISTINCT lexeme AS word
        FROM unnest(to_tsvector('simple', claimdesk_search_text(${query})))
        WHERE length(lexeme) BETWEEN 4 AND 40 AND lexeme !~ '[0-9_./:-]'
      )
      SELECT w.word, ARRAY(
        SELECT s.word FROM search_words s
        WHERE s.word % w.word AND similarity(s.word, w.word) >= ${NEAR_WORD_SIMILARITY}
          AND numnode(plainto_tsquery('english', s.word)) > 0
        ORDER BY similarity(s.word, w.word) DESC, s.word
        LIMIT ${NEAR_WORDS_PER_WORD}
      ) AS near
      FROM words w
      WHERE NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = w.word)
      ORDER BY w.word
      LIMIT ${MAX_WIDENED_WORDS}
    `,
  ).then((rows) => rows.filter((row) => row.near.length > 0));
}

/**
 * The query as a tsquery (`websearch_to_tsquery`: quotes, `or`, `-word` as people type them),
 * each misspelt word replaced by itself or its nearest words (`ts_rewrite`, so operators and
 * phrases keep their meaning). Returned as text to be used as `::tsquery`; null when the query
 * has no word to search (only stop words or punctuation).
 */
export async function buildSearchQuery(
  db: Db,
  query: string,
  corrections: SearchCorrection[],
): Promise<string | null> {
  let expression = sql`websearch_to_tsquery('english', claimdesk_search_text(${query}))`;
  for (const { word, near } of corrections) {
    const widened = near.reduce(
      (acc, other) => sql`${acc} || plainto_tsquery('english', ${other})`,
      sql`plainto_tsquery('english', ${word})`,
    );
    expression = sql`ts_rewrite(${expression}, plainto_tsquery('english', ${word}), ${widened})`;
  }
  const [row] = await rawRows<{ query: string; nodes: number }>(
    db,
    sql`SELECT q::text AS query, numnode(q) AS nodes FROM (SELECT ${expression} AS q) AS built`,
  );
  return row && row.nodes > 0 ? row.query : null;
}

/** One result as the queries return it; the service makes links and labels. */
export interface SearchRow {
  id: string;
  rank: number;
  total: number;
  /** Highlighted (marks, not HTML): the title, the quote, the wording, the comment … */
  snippet: string;
  /** Highlighted title of the article (articles), of the evidence (evidence). */
  title: string;
  slug: string | null;
  articleTitle: string | null;
  claimId: string | null;
  claimNumber: number | null;
  entryNumber: number | null;
  detail: string | null;
}

/**
 * At most this many matches of a kind are ranked. Ranking reads each match's vector (and
 * parses its title, for articles), so a word in
 * every article would otherwise cost reading every article's vector. Matches are counted
 * exactly; those ranked are the strong ones first (a title, a claim's quote, an identifier),
 * then by id, so both engines pick the same.
 */
export const MAX_RANKED = 200;

/**
 * The CTEs after `found` (ids with a `strong` flag, possibly twice): `total`, the exact count,
 * and `hits`, the ones to rank.
 */
const candidates =
  sql.raw(`grouped AS (SELECT id, bool_or(strong) AS strong FROM found GROUP BY id),
      total AS (SELECT count(*)::int AS n FROM grouped),
      hits AS (SELECT id, strong FROM grouped ORDER BY strong DESC, id LIMIT ${MAX_RANKED})`);

interface KindSearch {
  query: string;
  limit: number;
}

/** Articles by title (weighted highest) and the text of their current revision. */
export function searchArticles(db: Db, { query, limit }: KindSearch): Promise<SearchRow[]> {
  const q = sql`${query}::tsquery`;
  return rawRows<SearchRow>(
    db,
    sql`
      WITH found AS (
        SELECT a.id, true AS strong FROM articles a WHERE ${vector(sql`a.title`)} @@ ${q}
        UNION ALL
        SELECT a.id, false FROM revisions r JOIN articles a ON a.current_revision_id = r.id
        WHERE r.search @@ ${q}
      ), ${candidates}, ranked AS (
        SELECT a.id, a.slug, a.title, a.current_revision_id,
          ts_rank_cd(setweight(${vector(sql`a.title`)}, 'A') || r.search, ${q}) AS rank,
          (SELECT n FROM total) AS total
        FROM hits JOIN articles a ON a.id = hits.id JOIN revisions r ON r.id = a.current_revision_id
        ORDER BY rank DESC, a.title, a.id
        LIMIT ${limit}
      )
      SELECT ranked.id, slug, rank, total::int AS total, ${headline(sql`ranked.title`, q, true)} AS title,
        ${headline(bodyText("r"), q)} AS snippet
      FROM ranked JOIN revisions r ON r.id = ranked.current_revision_id
      ORDER BY rank DESC, ranked.title, ranked.id
    `,
  );
}

/** Claims (not deleted) by their quote in the current revision and their rationale. */
export function searchClaims(db: Db, { query, limit }: KindSearch): Promise<SearchRow[]> {
  const q = sql`${query}::tsquery`;
  const quote = sql`ca.search`;
  const rationale = sql`c.search`;
  return rawRows<SearchRow>(
    db,
    sql`
      WITH found AS (
        SELECT ca.claim_id AS id, true AS strong FROM claim_anchors ca
        WHERE ${quote} @@ ${q}
          AND EXISTS (SELECT 1 FROM articles a WHERE a.current_revision_id = ca.revision_id)
          AND EXISTS (SELECT 1 FROM claims c WHERE c.id = ca.claim_id AND c.deleted_at IS NULL)
        UNION ALL
        SELECT c.id, false FROM claims c WHERE ${rationale} @@ ${q} AND c.deleted_at IS NULL
      ), ${candidates}, ranked AS (
        SELECT c.id, c.number, a.slug, a.title, coalesce(ca.exact, '') AS exact, c.rationale,
          ts_rank_cd(setweight(coalesce(${quote}, ''::tsvector), 'A') || ${rationale}, ${q}) AS rank,
          coalesce(${quote} @@ ${q}, false) AS in_quote,
          (SELECT n FROM total) AS total
        FROM hits JOIN claims c ON c.id = hits.id JOIN articles a ON a.id = c.article_id
        LEFT JOIN claim_anchors ca ON ca.claim_id = c.id AND ca.revision_id = a.current_revision_id
        WHERE c.deleted_at IS NULL
        ORDER BY rank DESC, a.title, c.number
        LIMIT ${limit}
      )
      SELECT id, id AS "claimId", number AS "claimNumber", slug, title AS "articleTitle", rank,
        total::int AS total, '' AS title,
        CASE WHEN in_quote THEN ${headline(sql`exact`, q, true)} ELSE ${headline(sql`rationale`, q)} END AS snippet,
        CASE WHEN in_quote THEN NULL ELSE exact END AS detail
      FROM ranked ORDER BY rank DESC, "articleTitle", number
    `,
  );
}

/** Library entries by any of their wordings (the canonical one and the variants). */
export function searchLibraryEntries(db: Db, { query, limit }: KindSearch): Promise<SearchRow[]> {
  const q = sql`${query}::tsquery`;
  return rawRows<SearchRow>(
    db,
    sql`
      WITH best AS (
        SELECT DISTINCT ON (p.entry_id) p.entry_id, p.text, p.canonical,
          ts_rank_cd(p.search, ${q}) AS rank
        FROM library_phrasings p WHERE p.search @@ ${q}
        ORDER BY p.entry_id, ts_rank_cd(p.search, ${q}) DESC, p.canonical DESC, p.id
      ), ranked AS (
        SELECT e.id, e.number, e.canonical_text, e.state, best.text, best.canonical, best.rank,
          count(*) OVER () AS total
        FROM best JOIN library_entries e ON e.id = best.entry_id
        ORDER BY best.rank DESC, e.number
        LIMIT ${limit}
      )
      SELECT id, number AS "entryNumber", rank, total::int AS total,
        ${headline(sql`canonical_text`, q, true)} AS title,
        CASE WHEN canonical THEN '' ELSE ${headline(sql`text`, q, true)} END AS snippet,
        state::text AS detail
      FROM ranked ORDER BY rank DESC, number
    `,
  );
}

/** Evidence (of claims not deleted) by title and authors, or by its DOI or PMID exactly. */
export function searchEvidence(
  db: Db,
  { query, limit, doi, pmid }: KindSearch & { doi: string | null; pmid: string | null },
): Promise<SearchRow[]> {
  const q = sql`${query}::tsquery`;
  const citation = sql`ev.search`;
  const byId = sql`(lower(ev.doi) = lower(${doi}::text) OR ev.pmid = ${pmid}::text)`;
  return rawRows<SearchRow>(
    db,
    sql`
      WITH found AS (
        SELECT ev.id, coalesce(${byId}, false) AS strong
        FROM evidence ev JOIN claims c ON c.id = ev.claim_id
        WHERE (${citation} @@ ${q} OR ${byId}) AND c.deleted_at IS NULL
      ), ${candidates}, ranked AS (
        SELECT ev.id, ev.title AS ev_title, ev.authors, ev.doi, ev.pmid, c.id AS claim_id,
          c.number, a.slug, a.title AS article_title,
          CASE WHEN hits.strong THEN 1 ELSE 0 END + ts_rank_cd(${citation}, ${q}) AS rank,
          (SELECT n FROM total) AS total
        FROM hits JOIN evidence ev ON ev.id = hits.id JOIN claims c ON c.id = ev.claim_id
        JOIN articles a ON a.id = c.article_id
        ORDER BY rank DESC, ev.title, ev.id
        LIMIT ${limit}
      )
      SELECT id, claim_id AS "claimId", number AS "claimNumber", slug,
        article_title AS "articleTitle", rank, total::int AS total,
        ${headline(sql`ev_title`, q, true)} AS title,
        ${headline(sql`authors`, q, true)} AS snippet,
        concat_ws(' · ', 'DOI ' || doi, 'PMID ' || pmid) AS detail
      FROM ranked ORDER BY rank DESC, ev_title, id
    `,
  );
}

/** Comments (not deleted, on claims not deleted) by their text. */
export function searchComments(db: Db, { query, limit }: KindSearch): Promise<SearchRow[]> {
  const q = sql`${query}::tsquery`;
  const body = sql`m.search`;
  return rawRows<SearchRow>(
    db,
    sql`
      WITH found AS (
        SELECT m.id, false AS strong FROM comments m JOIN claims c ON c.id = m.claim_id
        WHERE ${body} @@ ${q} AND m.deleted_at IS NULL AND c.deleted_at IS NULL
      ), ${candidates}, ranked AS (
        SELECT m.id, m.body, u.name AS author, c.id AS claim_id, c.number, a.slug,
          a.title AS article_title, ts_rank_cd(${body}, ${q}) AS rank, m.created_at,
          (SELECT n FROM total) AS total
        FROM hits JOIN comments m ON m.id = hits.id JOIN claims c ON c.id = m.claim_id
        JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = m.author_id
        ORDER BY rank DESC, m.created_at DESC, m.id
        LIMIT ${limit}
      )
      SELECT id, claim_id AS "claimId", number AS "claimNumber", slug,
        article_title AS "articleTitle", rank, total::int AS total, author AS title,
        ${headline(sql`body`, q)} AS snippet, NULL AS detail
      FROM ranked ORDER BY rank DESC, created_at DESC, id
    `,
  );
}
