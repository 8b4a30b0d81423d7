/**
 * Workspace search (docs/search.md): one query over articles, claims, library entries,
 * evidence and comments, ranked and highlighted in the database, grouped by kind, with links.
 * A read: it writes nothing and needs only `article:read` (every role reads the whole
 * workspace). The query is never refused for what it contains: it is cut and cleaned
 * (normalizeSearchQuery), and a query with nothing searchable finds nothing.
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  buildSearchQuery,
  findSearchCorrections,
  type SearchCorrection,
  type SearchRow,
  searchArticles,
  searchClaims,
  searchComments,
  searchEvidence,
  searchLibraryEntries,
} from "@/db/queries/search";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { doiInQuery, pmidInQuery, SEARCH_KINDS, type SearchKind } from "@/lib/core/search/query";
import { type SearchInput, searchInputSchema } from "@/lib/core/validation/search";

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** Where the result opens: the review page, a claim on it, a library entry. */
  href: string;
  /** What it is, in words ("Claim 3 in “…”"); plain text. */
  label: string;
  /** Highlighted with the marks of lib/core/search/query.ts (never HTML); may be empty. */
  title: string;
  snippet: string;
  /** A second line, plain text (the claim's quote when the rationale matched, a DOI …). */
  detail: string | null;
  rank: number;
}

export interface SearchGroup {
  kind: SearchKind;
  /** Every match of the kind; `hits` holds the best `limit` of them. */
  total: number;
  hits: SearchHit[];
}

export interface SearchResults {
  /** The query as searched (cut and cleaned). */
  q: string;
  /** Misspelt words and the words searched for them as well. */
  corrections: SearchCorrection[];
  /** One group per kind searched, in SEARCH_KINDS order, empty groups included. */
  groups: SearchGroup[];
}

const claimHref = (slug: string | null, claimId: string | null) =>
  `/articles/${encodeURIComponent(slug ?? "")}?claim=${encodeURIComponent(claimId ?? "")}`;
const inArticle = (row: SearchRow) => `Claim ${row.claimNumber} in “${row.articleTitle}”`;

function hit(kind: SearchKind, row: SearchRow): SearchHit {
  const common = { kind, id: row.id, rank: Number(row.rank), detail: row.detail };
  switch (kind) {
    case "article":
      return {
        ...common,
        href: `/articles/${encodeURIComponent(row.slug ?? "")}`,
        label: "Article",
        title: row.title,
        snippet: row.snippet,
      };
    case "claim":
      return {
        ...common,
        href: claimHref(row.slug, row.claimId),
        label: inArticle(row),
        title: "",
        snippet: row.snippet,
      };
    case "library_entry":
      return {
        ...common,
        href: `/library/${row.entryNumber}`,
        label: `K${row.entryNumber}${row.detail && row.detail !== "current" ? ` (${row.detail})` : ""}`,
        title: row.title,
        snippet: row.snippet,
        detail: null,
      };
    case "evidence":
      return {
        ...common,
        href: claimHref(row.slug, row.claimId),
        label: `Evidence for ${inArticle(row)}`,
        title: row.title,
        snippet: row.snippet,
        detail: row.detail || null,
      };
    case "comment":
      return {
        ...common,
        href: claimHref(row.slug, row.claimId),
        label: `Comment by ${row.title} on ${inArticle(row)}`,
        title: "",
        snippet: row.snippet,
      };
  }
}

export async function searchWorkspace(
  db: Db,
  actor: Actor | null,
  input: SearchInput,
): Promise<SearchResults> {
  authorize(actor, "article:read");
  const parsed = searchInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("validation", parsed.error.issues[0]?.message ?? "Not a valid search.");
  }
  const { q, limit } = parsed.data;
  const kinds = SEARCH_KINDS.filter(
    (k) => parsed.data.kinds.length === 0 || parsed.data.kinds.includes(k),
  );
  const empty = (corrections: SearchCorrection[]): SearchResults => ({
    q,
    corrections,
    groups: kinds.map((kind) => ({ kind, total: 0, hits: [] })),
  });
  if (!q) return empty([]);
  const corrections = await findSearchCorrections(db, q);
  const query = await buildSearchQuery(db, q, corrections);
  const doi = doiInQuery(q);
  const pmid = pmidInQuery(q);
  // A bare identifier has no words to search, but evidence is still looked up by it.
  if (!query && !doi && !pmid) return empty(corrections);
  // An empty tsquery matches nothing: the identifier alone decides then.
  const tsquery = query ?? "";
  const groups: SearchGroup[] = [];
  for (const kind of kinds) {
    const rows =
      kind === "evidence"
        ? await searchEvidence(db, { query: tsquery, limit, doi, pmid })
        : !query
          ? []
          : await SEARCHES[kind](db, { query, limit });
    groups.push({ kind, total: rows[0]?.total ?? 0, hits: rows.map((row) => hit(kind, row)) });
  }
  return { q, corrections, groups };
}

const SEARCHES = {
  article: searchArticles,
  claim: searchClaims,
  library_entry: searchLibraryEntries,
  comment: searchComments,
} as const;
