import type { Metadata } from "next";
import Link from "next/link";
import { Field, fieldA11y, formLevelMessage } from "@/app/_components/field";
import { getDb } from "@/db/instance";
import type { AuditLogRow } from "@/db/queries/audit";
import { actionFilterChoices, actionInWords } from "@/lib/core/audit/words";
import { type AuditLogQuery, auditLogQuerySchema } from "@/lib/core/validation/audit";
import { AUDIT_ENTITY_TYPES } from "@/lib/core/vocabulary";
import { toFieldErrors } from "@/lib/server/action";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { readAuditFilterOptions, readAuditLog } from "@/lib/services/audit/read";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

/** An audit log is read across time zones: times are UTC, as in the CSV. */
const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

const FILTER_KEYS = ["actor", "action", "entity", "article", "from", "to"] as const;

/** The filters (and a cursor) as a query string, for the paging and CSV links. */
function queryString(query: AuditLogQuery, before?: number): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (before !== undefined) params.set("before", String(before));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Why no log is shown: said next to the filter when it is one, else here. */
function FilterError({ errors }: { errors: Record<string, string[]> }) {
  const message = formLevelMessage(
    { message: Object.values(errors)[0]?.[0] ?? "The filters are not valid.", fieldErrors: errors },
    FILTER_KEYS,
  );
  return message ? (
    <div className="alert error" role="alert">
      {message}
    </div>
  ) : (
    <div className="alert error">Correct the filters above to see the log.</div>
  );
}

/** A filter chosen from a list, "any" first; `value` is what the URL asked for. */
function ChoiceField({
  id,
  label,
  any,
  value,
  children: choices,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  children: readonly { id: string; label: string }[];
}) {
  return (
    <Field id={id} label={label}>
      <select id={id} name={id} defaultValue={value}>
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * The action filter: every action in words (the URL keeps its code); an action the list does
 * not know (typed into the URL) is offered as it was asked.
 */
function ActionField({ value, errors }: { value: string; errors?: string[] }) {
  const choices = actionFilterChoices();
  const asked =
    value && !choices.some((c) => c.id === value)
      ? [{ id: value, label: actionInWords(value) }]
      : [];
  return (
    <Field id="action" label="Action" errors={errors}>
      <select {...fieldA11y("action", errors)} defaultValue={value}>
        <option value="">Any action</option>
        {[...asked, ...choices].map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function Changes({ event }: { event: AuditLogRow }) {
  if (!event.before && !event.after && !event.note) return null;
  return (
    <details>
      <summary>Details</summary>
      {event.note ? <p className="small">Note: {event.note}</p> : null}
      {event.before ? (
        <pre className="audit-json">before {JSON.stringify(event.before, null, 1)}</pre>
      ) : null}
      {event.after ? (
        <pre className="audit-json">after {JSON.stringify(event.after, null, 1)}</pre>
      ) : null}
    </details>
  );
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorOrRedirect("/admin/audit");
  requirePagePermission(actor, "audit:read");
  const db = await getDb();
  const raw = await searchParams;
  const typed = (key: string) => (typeof raw[key] === "string" ? raw[key] : "");
  const parsed = auditLogQuerySchema.safeParse(raw);
  const errors = parsed.success ? {} : toFieldErrors(parsed.error);
  const query: AuditLogQuery = parsed.success ? parsed.data : {};
  const [options, log] = await Promise.all([
    readAuditFilterOptions(db, actor),
    parsed.success ? readAuditLog(db, actor, query) : null,
  ]);

  return (
    <div className="page page-wide stack">
      <div>
        <h1>Audit log</h1>
        <p className="muted">
          Every change, newest first: who, when, what, before and after. Times are UTC.{" "}
          <Link href="/admin/users">Users</Link>
        </p>
      </div>
      <form method="get" action="/admin/audit" className="card audit-filters" aria-label="Filters">
        <div className="field-row">
          <ChoiceField id="actor" label="Actor" any="Anyone" value={typed("actor")}>
            {options.users}
          </ChoiceField>
          <ActionField value={typed("action")} errors={errors.action} />
          <ChoiceField id="entity" label="Entity type" any="Any" value={typed("entity")}>
            {AUDIT_ENTITY_TYPES.map((t) => ({
              id: t,
              label: t.replace(/^./, (c) => c.toUpperCase()),
            }))}
          </ChoiceField>
          <ChoiceField id="article" label="Article" any="Any" value={typed("article")}>
            {options.articles}
          </ChoiceField>
          <Field id="from" label="From (UTC)" errors={errors.from}>
            <input {...fieldA11y("from", errors.from)} type="date" defaultValue={typed("from")} />
          </Field>
          <Field id="to" label="To (UTC, included)" errors={errors.to}>
            <input {...fieldA11y("to", errors.to)} type="date" defaultValue={typed("to")} />
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary">
            Apply filters
          </button>
          <Link href="/admin/audit">Clear</Link>
          {parsed.success ? (
            <a className="button" href={`/api/admin/audit${queryString(query)}`} download>
              Download CSV
            </a>
          ) : null}
        </div>
      </form>
      {!log ? (
        <FilterError errors={errors} />
      ) : log.events.length === 0 ? (
        <div className="card">
          <p className="empty">No audit events match these filters.</p>
        </div>
      ) : (
        <table className="table" aria-label="Audit events">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Entity</th>
              <th>Article</th>
              <th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {log.events.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at.toISOString()}>{timeFormat.format(e.at)}</time>
                </td>
                <td>{e.actorName ?? "System"}</td>
                <td>{e.actionWords}</td>
                <td>
                  {e.claimId && e.articleSlug ? (
                    <Link
                      href={`/articles/${encodeURIComponent(e.articleSlug)}?claim=${encodeURIComponent(e.claimId)}`}
                    >
                      {e.entityLabel}
                    </Link>
                  ) : (
                    e.entityLabel
                  )}
                </td>
                <td>
                  {e.articleSlug ? (
                    <Link href={`/articles/${encodeURIComponent(e.articleSlug)}`}>
                      {e.articleTitle}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  <Changes event={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="button-row">
        {query.before !== undefined ? (
          <Link href={`/admin/audit${queryString(query)}`}>Newest</Link>
        ) : null}
        {log?.olderCursor ? (
          <Link href={`/admin/audit${queryString(query, log.olderCursor)}`}>Older events</Link>
        ) : null}
      </div>
    </div>
  );
}
