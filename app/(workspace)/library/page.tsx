import type { Metadata } from "next";
import Link from "next/link";
import { dateTimeFormat } from "@/app/_components/date-format";
import { Field, fieldA11y, formLevelMessage } from "@/app/_components/field";
import { getDb } from "@/db/instance";
import type { LibraryListRow } from "@/db/queries/library-entry-reads";
import { can } from "@/lib/core/auth/permissions";
import { entryLabel } from "@/lib/core/library/accept";
import {
  LIBRARY_SORTS,
  type LibraryListQuery,
  libraryListQuerySchema,
} from "@/lib/core/validation/library-entries";
import {
  LIBRARY_STATE_LABELS,
  LIBRARY_STATES,
  VERDICT_INFO,
  VERDICTS,
} from "@/lib/core/vocabulary";
import { toFieldErrors } from "@/lib/server/action";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getLibraryList } from "@/lib/services/library/read";
import { LibraryImportForm } from "./import-form";

export const metadata: Metadata = { title: "Claims library" };
export const dynamic = "force-dynamic";

const SORT_LABELS: Record<(typeof LIBRARY_SORTS)[number], string> = {
  number: "Newest first",
  updated: "Recently updated",
  due: "Review due soonest",
  usage: "Most used",
};

/** The filter fields as the form names them (and the URL carries them). */
const FILTER_KEYS = ["q", "tags", "verdict", "state", "dueBefore", "sort"] as const;

/** A review date is a day, not an instant: shown as the day it is, whatever the time zone. */
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** The filters (and a page offset) as a query string, for the paging links. */
function queryString(query: LibraryListQuery, offset: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.tags.length > 0) params.set("tags", query.tags.join(","));
  if (query.verdict) params.set("verdict", query.verdict);
  if (query.state) params.set("state", query.state);
  if (query.dueBefore) params.set("dueBefore", query.dueBefore);
  if (query.sort !== "number") params.set("sort", query.sort);
  if (query.limit !== 50) params.set("limit", String(query.limit));
  if (offset > 0) params.set("offset", String(offset));
  const s = params.toString();
  return s ? `/library?${s}` : "/library";
}

const filtered = (q: LibraryListQuery) =>
  Boolean(q.q || q.tags.length > 0 || q.verdict || q.state || q.dueBefore);

/**
 * How the entry is rated: our verdict as a badge, or another fact-checker's rating in their
 * words and under their name, never dressed as our verdict.
 */
function Rating({ entry }: { entry: LibraryListRow }) {
  if (entry.origin === "external") {
    return (
      <span className="library-external">
        rated “{entry.externalRating ?? "unrated"}” by{" "}
        {entry.externalPublisher ?? "another publisher"}
      </span>
    );
  }
  return entry.verdict ? (
    <span className={`badge verdict-${entry.verdict}`}>{VERDICT_INFO[entry.verdict].label}</span>
  ) : (
    <span className="muted">Not rated yet</span>
  );
}

function ReviewDue({ entry, today }: { entry: LibraryListRow; today: string }) {
  if (!entry.reviewDue) return <span className="muted">—</span>;
  // Only what the desk still says needs looking at again; a withdrawn entry is not overdue.
  const overdue = entry.state === "current" && entry.reviewDue < today;
  return (
    <span className={overdue ? "library-overdue" : undefined}>
      <time dateTime={entry.reviewDue}>{formatDay(entry.reviewDue)}</time>
      {overdue ? <span className="badge library-overdue-badge">Overdue</span> : null}
    </span>
  );
}

function EntriesTable({ entries, today }: { entries: LibraryListRow[]; today: string }) {
  return (
    <table className="table library-table" aria-label="Library entries">
      <thead>
        <tr>
          <th>Entry</th>
          <th>Wording</th>
          <th>Rating</th>
          <th>State</th>
          <th>Tags</th>
          <th>Evidence</th>
          <th>Uses</th>
          <th>Reviewed</th>
          <th>Review due</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>
              <Link href={`/library/${e.number}`}>{entryLabel(e.number)}</Link>
            </td>
            <td className="library-wording">{e.canonicalText}</td>
            <td>
              <Rating entry={e} />
            </td>
            <td>
              <span className={`badge library-${e.state}`}>{LIBRARY_STATE_LABELS[e.state]}</span>
            </td>
            <td>
              {e.tags.length > 0 ? (
                <ul className="library-tags">
                  {e.tags.map((t) => (
                    <li key={t}>
                      <Link href={`/library?tags=${encodeURIComponent(t)}`}>{t}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>{e.evidenceCount}</td>
            <td>{e.usage}</td>
            <td className="small">
              {e.reviewedByName ?? (e.reviewedAt ? "" : <span className="muted">—</span>)}
              {e.reviewedAt ? (
                <div className="muted">
                  <time dateTime={e.reviewedAt.toISOString()}>
                    {dateTimeFormat.format(e.reviewedAt)}
                  </time>
                </div>
              ) : null}
            </td>
            <td className="small">
              <ReviewDue entry={e} today={today} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function LibraryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorOrRedirect("/library");
  const raw = await searchParams;
  const typed = (key: string) => (typeof raw[key] === "string" ? raw[key] : "");
  const parsed = libraryListQuerySchema.safeParse(raw);
  const errors = parsed.success ? {} : toFieldErrors(parsed.error);
  const query = parsed.success ? parsed.data : null;
  const list = query ? await getLibraryList(await getDb(), actor, query) : null;
  const today = new Date().toISOString().slice(0, 10);
  const filterMessage = parsed.success
    ? null
    : (formLevelMessage(
        {
          message: Object.values(errors)[0]?.[0] ?? "The filters are not valid.",
          fieldErrors: errors,
        },
        FILTER_KEYS,
      ) ?? "Correct the filters above to see the library.");

  return (
    <div className="page page-wide stack">
      <div className="page-header">
        <div>
          <h1>Claims library</h1>
          <p className="muted">
            Claims checked once, recognised in every article: our verdicts and other fact-checkers’
            ratings.
          </p>
        </div>
        <div className="button-row">
          <a className="button" href="/api/library/export?format=json" download>
            Export JSON
          </a>
          <a className="button" href="/api/library/export?format=claimreview" download>
            Export ClaimReview
          </a>
        </div>
      </div>

      <form method="get" action="/library" className="card library-filters" aria-label="Filters">
        <div className="field-row">
          <Field id="q" label="Search" errors={errors.q}>
            <input
              {...fieldA11y("q", errors.q)}
              type="search"
              defaultValue={typed("q")}
              placeholder="Words, or an entry number (K12)"
            />
          </Field>
          <Field id="tags" label="Tag" errors={errors.tags}>
            <input
              {...fieldA11y("tags", errors.tags)}
              type="text"
              defaultValue={typed("tags")}
              placeholder="vaccines, nutrition"
            />
          </Field>
          <Field id="verdict" label="Our verdict" errors={errors.verdict}>
            <select {...fieldA11y("verdict", errors.verdict)} defaultValue={typed("verdict")}>
              <option value="">Any verdict</option>
              {VERDICTS.map((v) => (
                <option key={v} value={v}>
                  {VERDICT_INFO[v].label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="state" label="State" errors={errors.state}>
            <select {...fieldA11y("state", errors.state)} defaultValue={typed("state")}>
              <option value="">Any state</option>
              {LIBRARY_STATES.map((s) => (
                <option key={s} value={s}>
                  {LIBRARY_STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="dueBefore" label="Review due by" errors={errors.dueBefore}>
            <input
              {...fieldA11y("dueBefore", errors.dueBefore)}
              type="date"
              defaultValue={typed("dueBefore")}
            />
          </Field>
          <Field id="sort" label="Sort" errors={errors.sort}>
            <select {...fieldA11y("sort", errors.sort)} defaultValue={typed("sort") || "number"}>
              {LIBRARY_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary">
            Apply
          </button>
          <Link href="/library">Clear</Link>
        </div>
      </form>

      {!query || !list ? (
        <div className="alert error" role="alert">
          {filterMessage}
        </div>
      ) : list.total === 0 && !filtered(query) ? (
        <div className="card">
          <p className="empty">The library is empty.</p>
          <p className="muted">
            Entries are added as claims are checked: when an article is published, its resolved
            claims are offered for the library in one step, and a resolved claim can be added from
            its panel. Other fact-checkers’ ClaimReview markup can be imported
            {can(actor, "library:manage") ? " below" : " by an editor"}.
          </p>
        </div>
      ) : list.total === 0 ? (
        <div className="card">
          <p className="empty">No entries match these filters.</p>
          <p>
            <Link href="/library">Clear the filters</Link> to see the whole library.
          </p>
        </div>
      ) : list.entries.length === 0 ? (
        <div className="card">
          <p className="empty">
            This page is past the last entry ({list.total} in all).{" "}
            <Link href={queryString(query, 0)}>Go to the first page</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="muted small" role="status">
            Showing {query.offset + 1}–{query.offset + list.entries.length} of {list.total}
          </p>
          <EntriesTable entries={list.entries} today={today} />
          <nav className="button-row" aria-label="Pages">
            {query.offset > 0 ? (
              <Link
                className="button"
                href={queryString(query, Math.max(0, query.offset - query.limit))}
              >
                Previous
              </Link>
            ) : null}
            {query.offset + list.entries.length < list.total ? (
              <Link className="button" href={queryString(query, query.offset + query.limit)}>
                Next
              </Link>
            ) : null}
          </nav>
        </>
      )}

      {can(actor, "library:manage") ? (
        <section className="card library-import" aria-labelledby="library-import-heading">
          <h2 id="library-import-heading">Import into the library</h2>
          <p className="muted">
            Other fact-checkers’ reviews become external entries that keep their rating and
            publisher; a review already in the library (same URL) is skipped. A library JSON file
            (our export, or one made by hand) adds its entries with their verdicts.
          </p>
          <LibraryImportForm />
        </section>
      ) : null}
    </div>
  );
}
