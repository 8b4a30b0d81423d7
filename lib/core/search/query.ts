/**
 * Workspace search's vocabulary and its query text, pure (docs/search.md): what kinds of things
 * are searched, how a typed query is bounded and cleaned before it reaches the database, and
 * how the highlighted snippets the database returns are read. No zod here, so that the header's
 * search box can use it without bringing zod into the browser.
 */

export const SEARCH_KINDS = ["article", "claim", "library_entry", "evidence", "comment"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  article: "Articles",
  claim: "Claims",
  library_entry: "Library entries",
  evidence: "Evidence",
  comment: "Comments",
};

/** The longest query searched: longer input is cut, not refused (a pasted paragraph still searches). */
export const MAX_SEARCH_QUERY = 200;

/**
 * Marks around a highlighted word in a snippet (`ts_headline`'s StartSel and StopSel): Unicode
 * private-use characters, never HTML, so that a snippet is plain text the page renders with
 * `<mark>` elements itself; the same characters are removed from the text before highlighting.
 */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

/**
 * The query as searched: control characters (NUL would make PostgreSQL refuse the text), the
 * highlight marks and surrogate halves removed, white space collapsed, and at most
 * `MAX_SEARCH_QUERY` characters (counted in code points, so an emoji is never cut in half).
 */
export function normalizeSearchQuery(value: string): string {
  const cleaned = value
    .replace(/[\p{Cc}\p{Cs}\uE000\uE001\uFFFE\uFFFF]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return Array.from(cleaned).slice(0, MAX_SEARCH_QUERY).join("").trim();
}

/** A DOI in the query (bare, "doi:…" or a doi.org link), as evidence stores it; else null. */
export function doiInQuery(query: string): string | null {
  const bare = query.replace(/^(https?:\/\/((dx|www)\.)?doi\.org\/|doi:\s*)/i, "");
  return /^10\.\d{4,9}\/\S+$/.test(bare) ? bare : null;
}

/** A PMID in the query (digits, "PMID: …" or a PubMed link), as evidence stores it; else null. */
export function pmidInQuery(query: string): string | null {
  const bare = query
    .replace(
      /^(pmid:?\s*|https?:\/\/(pubmed\.ncbi\.nlm\.nih\.gov\/|(www\.)?ncbi\.nlm\.nih\.gov\/pubmed\/))/i,
      "",
    )
    .replace(/\/$/, "");
  return /^[1-9]\d{0,8}$/.test(bare) ? bare : null;
}

export interface SnippetPart {
  text: string;
  highlighted: boolean;
}

/**
 * A snippet split at its highlight marks. Unbalanced marks cannot make a part escape its
 * highlight: a start inside a highlight is ignored, an end outside one is dropped.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let highlighted = false;
  let current = "";
  const flush = () => {
    if (current) parts.push({ text: current, highlighted });
    current = "";
  };
  for (const ch of snippet) {
    if (ch === HIGHLIGHT_START && !highlighted) {
      flush();
      highlighted = true;
    } else if (ch === HIGHLIGHT_END && highlighted) {
      flush();
      highlighted = false;
    } else if (ch !== HIGHLIGHT_START && ch !== HIGHLIGHT_END) {
      current += ch;
    }
  }
  flush();
  return parts;
}
