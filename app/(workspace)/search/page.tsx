import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import {
  SEARCH_KIND_LABELS,
  SEARCH_KINDS,
  type SearchKind,
  snippetParts,
} from "@/lib/core/search/query";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { type SearchHit, type SearchResults, searchWorkspace } from "@/lib/services/search/service";
import { SEARCH_PAGE_QUERY_ID } from "../_components/search-keys";
import { ResultKeys } from "./result-keys";

export const metadata: Metadata = { title: "Search" };
export const dynamic = "force-dynamic";

/** Results listed per kind when every kind is shown, and for the one kind filtered to. */
const PER_KIND = 10;
const ONE_KIND = 50;

/** A highlighted snippet: the marks become <mark>, every character stays text (React escapes it). */
function Highlighted({ text }: { text: string }) {
  return (
    <>
      {snippetParts(text).map((part, i) =>
        part.highlighted ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
          <mark key={i}>{part.text}</mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  return (
    <li className="search-hit">
      <Link href={hit.href} data-search-result="" prefetch={false}>
        <span className="search-hit-label small muted">{hit.label}</span>
        {hit.title ? (
          <span className="search-hit-title">
            <Highlighted text={hit.title} />
          </span>
        ) : null}
        {hit.snippet ? (
          <span className="search-hit-snippet">
            <Highlighted text={hit.snippet} />
          </span>
        ) : null}
        {hit.detail ? <span className="search-hit-detail small muted">{hit.detail}</span> : null}
      </Link>
    </li>
  );
}

const href = (q: string, kind: SearchKind | null) =>
  `/search?${new URLSearchParams(kind ? { q, kind } : { q }).toString()}`;

function KindFilter({ results, kind }: { results: SearchResults; kind: SearchKind | null }) {
  const all = results.groups.reduce((n, g) => n + g.total, 0);
  return (
    <nav aria-label="Kinds of result" className="search-kinds">
      <Link href={href(results.q, null)} aria-current={kind === null ? "page" : undefined}>
        All ({all})
      </Link>
      {results.groups.map((g) => (
        <Link
          key={g.kind}
          href={href(results.q, g.kind)}
          aria-current={kind === g.kind ? "page" : undefined}
        >
          {SEARCH_KIND_LABELS[g.kind]} ({g.total})
        </Link>
      ))}
    </nav>
  );
}

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const raw = typeof params.q === "string" ? params.q : "";
  // An unknown kind in a hand-made link shows every kind rather than an error.
  const kind = SEARCH_KINDS.find((k) => k === params.kind) ?? null;
  const actor = await requireActorOrRedirect(href(raw, kind));
  const db = await getDb();
  // Every kind is counted for the filter; a filtered page then lists more of its one kind.
  const counts = await searchWorkspace(db, actor, { q: raw, limit: PER_KIND });
  const shown = kind
    ? await searchWorkspace(db, actor, { q: raw, kinds: [kind], limit: ONE_KIND })
    : counts;
  const groups = shown.groups.filter((g) => g.total > 0);
  return (
    <div className="search-page">
      <h1>Search</h1>
      <search className="search-form">
        <form action="/search" method="get">
          <label htmlFor={SEARCH_PAGE_QUERY_ID} className="visually-hidden">
            Search the workspace
          </label>
          <input id={SEARCH_PAGE_QUERY_ID} name="q" type="search" defaultValue={counts.q} />
          {kind ? <input type="hidden" name="kind" value={kind} /> : null}
          <button type="submit">Search</button>
        </form>
      </search>
      {counts.q ? <KindFilter results={counts} kind={kind} /> : null}
      {counts.corrections.length > 0 ? (
        <p className="small muted" data-testid="search-corrections">
          Also searched:{" "}
          {counts.corrections.map((c, i) => (
            <span key={c.word}>
              {i > 0 ? "; " : ""}
              {c.near.join(", ")} for “{c.word}”
            </span>
          ))}
        </p>
      ) : null}
      {!counts.q ? (
        <p className="muted">
          Search articles, claims, library entries, evidence (title, authors, DOI, PMID) and
          comments. Press “/” on any page to search.
        </p>
      ) : groups.length === 0 ? (
        <div className="search-empty">
          <p>
            No results for “{counts.q}”{kind ? ` in ${SEARCH_KIND_LABELS[kind]}` : ""}.
          </p>
          <p className="small muted">
            Try fewer or other words, a word of the claim’s quote, or a DOI or PMID as written.
            {kind ? " Or search every kind." : ""}
          </p>
        </div>
      ) : (
        groups.map((g) => (
          <section key={g.kind} className="search-group" aria-labelledby={`search-${g.kind}`}>
            <h2 id={`search-${g.kind}`}>
              {SEARCH_KIND_LABELS[g.kind]} <span className="muted small">({g.total})</span>
            </h2>
            <ol className="search-hits">
              {g.hits.map((hit) => (
                <Hit key={hit.id} hit={hit} />
              ))}
            </ol>
            {g.total > g.hits.length && !kind ? (
              <Link className="small" href={href(counts.q, g.kind)}>
                All {g.total} {SEARCH_KIND_LABELS[g.kind].toLowerCase()}
              </Link>
            ) : null}
          </section>
        ))
      )}
      <ResultKeys />
    </div>
  );
}
