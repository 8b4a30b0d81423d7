import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { WORK_QUEUE_LABELS, WORK_QUEUES, type WorkQueue } from "@/lib/core/desk-vocabulary";
import {
  hasFilters,
  MAX_QUEUE_TEXT,
  NONE,
  parseQueueFilter,
  type QueueFilter,
  queueFilterQuery,
} from "@/lib/core/queues/filter";
import {
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  SEVERITY_LABELS,
  VERDICT_INFO,
  VERDICTS,
} from "@/lib/core/vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { loadQueuesPage } from "@/lib/services/queues/read";
import { type QueueClaim, QueueClaims } from "./queue-claims";
import { DeleteFilterButton, SaveFilterForm } from "./saved-filter-forms";

export const metadata: Metadata = { title: "Queues" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const href = (filter: QueueFilter, page?: number) => {
  const q = queueFilterQuery(filter, page);
  return q ? `/queues?${q}` : "/queues";
};

function Choice({
  id,
  label,
  value,
  any,
  options,
}: {
  id: string;
  label: string;
  value: string | null;
  any: string;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={id} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The work queues: a count for each, and the claims of the chosen one, filtered by the query
 * string (a GET form: it works without scripts; the address is what a saved filter keeps).
 * Selecting claims for a bulk action is the one part that needs scripts (queue-claims.tsx).
 */
export default async function QueuesPage({ searchParams }: Props) {
  const actor = await requireActorOrRedirect("/queues");
  const asked = await searchParams;
  const filter = parseQueueFilter(asked);
  // The GET form sends every field, blanks too: the address is made canonical (what a saved
  // filter keeps and a colleague is sent), once — the canonical form parses to itself.
  const canonical = queueFilterQuery(filter, filter.page);
  const sent = new URLSearchParams(
    Object.entries(asked).flatMap(([k, v]) =>
      v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x]),
    ),
  ).toString();
  if (sent !== canonical) redirect(canonical ? `/queues?${canonical}` : "/queues");
  const page = await loadQueuesPage(await getDb(), actor, filter);
  const { counts, list } = page;
  const countOf = (q: WorkQueue): number | null => counts[q];
  const queues = WORK_QUEUES.filter((q) => countOf(q) !== null);
  const unit = (q: WorkQueue, n: number) =>
    q === "approval"
      ? `article${n === 1 ? "" : "s"}`
      : q === "due"
        ? "due"
        : `claim${n === 1 ? "" : "s"}`;
  const claims: QueueClaim[] = list.claims.map((c) => ({
    id: c.id,
    version: c.version,
    number: c.number,
    href: `/articles/${c.articleSlug}?claim=${c.id}`,
    articleTitle: c.articleTitle,
    exact: c.exact,
    status: c.status,
    statusLabel: CLAIM_STATUS_LABELS[c.status],
    verdictLabel: c.verdict ? VERDICT_INFO[c.verdict].label : null,
    recheck: c.verdictStale || c.recheckReason !== null,
    severity: c.severity,
    severityLabel: SEVERITY_LABELS[c.severity],
    assigneeName: c.assigneeName,
    tags: c.tags.map((t) => t.name),
    updated: dateTimeFormat.format(c.updatedAt),
  }));
  const query = queueFilterQuery(filter);

  return (
    <div className="page page-wide stack">
      <div>
        <h1>Queues</h1>
        <p className="muted">
          The desk’s work by queue. Filter the list, save a filter you use often, and select claims
          to assign, tag or set their status together.
        </p>
      </div>

      <nav aria-label="Queues" className="queue-tabs">
        <Link
          href={href({ ...filter, queue: null }, 1)}
          aria-current={filter.queue === null ? "page" : undefined}
        >
          All claims
        </Link>
        {queues.map((q) => {
          const n = countOf(q) ?? 0;
          return (
            <Link
              key={q}
              href={href({ ...filter, queue: q }, 1)}
              aria-current={filter.queue === q ? "page" : undefined}
              data-testid={`queue-${q}`}
            >
              {WORK_QUEUE_LABELS[q]}{" "}
              <span className="badge" data-testid={`queue-count-${q}`}>
                {n}
              </span>
              <span className="visually-hidden"> {unit(q, n)}</span>
            </Link>
          );
        })}
      </nav>
      {filter.queue === "due" ? (
        <p className="muted small">
          The count is every article and library entry due within 30 days (
          <Link href="/due">Due for review</Link>); the list shows the claims of the articles.
        </p>
      ) : filter.queue === "approval" ? (
        <p className="muted small">
          The count is the articles submitted for approval that another editor wrote; the list shows
          their claims.
        </p>
      ) : null}

      <form method="get" action="/queues" className="card queue-filters" aria-label="Filter claims">
        {filter.queue ? <input type="hidden" name="queue" value={filter.queue} /> : null}
        <div className="field-row">
          <Choice
            id="tag"
            label="Tag"
            any="Any tag"
            value={filter.tag}
            options={page.tags.map((t) => [t.id, t.name] as const)}
          />
          <Choice
            id="status"
            label="Status"
            any="Any status"
            value={filter.status}
            options={CLAIM_STATUSES.map((s) => [s, CLAIM_STATUS_LABELS[s]] as const)}
          />
          <Choice
            id="verdict"
            label="Verdict"
            any="Any verdict"
            value={filter.verdict}
            options={[
              [NONE, "No verdict yet"],
              ...VERDICTS.map((v) => [v, VERDICT_INFO[v].label] as const),
            ]}
          />
          <Choice
            id="article"
            label="Article"
            any="Any article"
            value={filter.article}
            options={page.articles.map((a) => [a.slug, a.title] as const)}
          />
          <Choice
            id="assignee"
            label="Assignee"
            any="Anyone"
            value={filter.assignee}
            options={[[NONE, "Nobody"], ...page.people.map((p) => [p.id, p.name] as const)]}
          />
          <div className="field">
            <label htmlFor="text">Text</label>
            <input
              id="text"
              name="text"
              type="search"
              defaultValue={filter.text ?? ""}
              maxLength={MAX_QUEUE_TEXT}
            />
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary">
            Apply filters
          </button>
          <Link href={href({ ...parseQueueFilter({}), queue: filter.queue })}>Clear</Link>
        </div>
      </form>

      <section className="card" aria-labelledby="saved-filters-title">
        <h2 id="saved-filters-title" className="section-title">
          Saved filters
        </h2>
        {page.savedFilters.length === 0 ? (
          <p className="empty">
            No saved filters yet. Filter the list, then save it here under a name.
          </p>
        ) : (
          <ul className="saved-filters">
            {page.savedFilters.map((f) => (
              <li key={f.id}>
                <Link href={f.query ? `/queues?${f.query}` : "/queues"}>{f.name}</Link>{" "}
                <DeleteFilterButton filterId={f.id} name={f.name} />
              </li>
            ))}
          </ul>
        )}
        <SaveFilterForm query={query} />
      </section>

      <QueueClaims
        // A new list (another filter or page) starts with nothing selected.
        key={`${query}:${filter.page}`}
        claims={claims}
        total={list.total}
        filtered={filter.queue !== null || hasFilters(filter)}
        people={page.people}
        tags={page.tags}
        can={page.can}
      />

      {list.pages > 1 ? (
        <nav aria-label="Pages" className="button-row">
          {filter.page > 1 ? (
            <Link href={href(filter, filter.page - 1)}>← Previous page</Link>
          ) : null}
          <span className="muted small">
            Page {filter.page} of {list.pages}
          </span>
          {filter.page < list.pages ? (
            <Link href={href(filter, filter.page + 1)}>Next page →</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
