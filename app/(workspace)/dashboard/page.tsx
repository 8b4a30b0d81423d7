import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Field, fieldA11y, formLevelMessage } from "@/app/_components/field";
import { getDb } from "@/db/instance";
import { overdueCsvTable } from "@/lib/core/dashboard/figures";
import { DASHBOARD_FIGURE_TITLES, type DashboardFigure } from "@/lib/core/desk-vocabulary";
import { type DashboardQuery, dashboardQuerySchema } from "@/lib/core/validation/dashboard";
import { toFieldErrors } from "@/lib/server/action";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { type Dashboard, loadDashboard, loadTagChoices } from "@/lib/services/dashboard/read";
import { BarChartSvg, DataTable, TimeChartSvg } from "./_components/charts";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const FILTER_KEYS = ["from", "to", "tag"] as const;

/** The filters as a query string, for the CSV links. */
function queryString(query: DashboardQuery): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** One figure: its title, its summary, the chart (or why there is none), its table and CSV. */
function Figure({
  figure,
  summary,
  empty,
  emptyText,
  query,
  children,
}: {
  figure: DashboardFigure;
  summary: string;
  empty: boolean;
  emptyText: string;
  query: DashboardQuery;
  children: ReactNode;
}) {
  const id = `fig-${figure}`;
  return (
    <section className="card dashboard-figure" aria-labelledby={`${id}-h`} data-testid={id}>
      <h2 id={`${id}-h`}>{DASHBOARD_FIGURE_TITLES[figure]}</h2>
      <p className="dashboard-summary" data-testid={`${id}-summary`}>
        {summary}
      </p>
      {empty ? (
        <p className="empty" data-testid={`${id}-empty`}>
          {emptyText}
        </p>
      ) : (
        children
      )}
      <p className="small">
        <a href={`/api/dashboard/${figure}${queryString(query)}`} download>
          Download CSV<span className="visually-hidden">: {DASHBOARD_FIGURE_TITLES[figure]}</span>
        </a>
      </p>
    </section>
  );
}

function Figures({ data, query }: { data: Dashboard; query: DashboardQuery }) {
  const counts = [
    ["verdicts", data.verdicts, "No claims in this range."],
    ["statuses", data.statuses, "No claims in this range."],
    ["workload", data.workload, "No open claims in this range."],
    ["articles", data.articles, "No articles in this range."],
  ] as const;
  const [verdicts, statuses, workload, articles] = counts.map(([figure, model, emptyText]) => (
    <Figure
      key={figure}
      figure={figure}
      summary={model.summary}
      empty={model.total === 0}
      emptyText={emptyText}
      query={query}
    >
      <BarChartSvg id={`fig-${figure}`} title={DASHBOARD_FIGURE_TITLES[figure]} figure={model} />
      <DataTable table={model.table} caption={DASHBOARD_FIGURE_TITLES[figure]} />
    </Figure>
  ));
  const overdue = overdueCsvTable(data.overdue);
  return (
    <div className="dashboard-grid">
      {verdicts}
      {statuses}
      <Figure
        figure="time-to-verdict"
        summary={data.time.summary}
        empty={data.time.total === 0}
        emptyText="No verdicts given in this range."
        query={query}
      >
        <TimeChartSvg
          id="fig-time-to-verdict"
          title={DASHBOARD_FIGURE_TITLES["time-to-verdict"]}
          figure={data.time}
        />
        <DataTable table={data.time.table} caption={DASHBOARD_FIGURE_TITLES["time-to-verdict"]} />
      </Figure>
      {workload}
      {articles}
      <Figure
        figure="overdue"
        summary={
          data.overdue.length === 0
            ? "No review is overdue today."
            : `${data.overdue.length} overdue as of today (the date range does not apply).`
        }
        empty={data.overdue.length === 0}
        emptyText="Nothing is overdue."
        query={query}
      >
        <DataTable table={overdue} caption={DASHBOARD_FIGURE_TITLES.overdue} />
        <p className="small">
          <Link href="/due">Due for review</Link> lists them with links.
        </p>
      </Figure>
    </div>
  );
}

/**
 * The desk's figures (docs/architecture.md "Dashboard"): drawn on the server, each with its
 * table and CSV; the filters are a plain GET form, so it all works without JavaScript.
 */
export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorOrRedirect("/dashboard");
  requirePagePermission(actor, "desk:read");
  const db = await getDb();
  const raw = await searchParams;
  const typed = (key: string) => (typeof raw[key] === "string" ? raw[key] : "");
  const parsed = dashboardQuerySchema.safeParse(raw);
  const errors = parsed.success ? {} : toFieldErrors(parsed.error);
  const query: DashboardQuery = parsed.success ? parsed.data : {};
  // Bad filters still show the form with the message; the figures wait until they are right.
  const [data, tags] = await Promise.all([
    parsed.success ? loadDashboard(db, actor, query) : null,
    loadTagChoices(db, actor),
  ]);
  const formError = parsed.success
    ? null
    : formLevelMessage({ message: "The filters are not valid.", fieldErrors: errors }, FILTER_KEYS);
  return (
    <div className="page page-wide stack">
      <div>
        <h1>Dashboard</h1>
        <p className="muted">
          The desk's work at a glance. Claims and articles are counted by when they were created;
          time to verdict by when the verdict was first given. Dates are UTC, both included.
        </p>
      </div>
      <form method="get" action="/dashboard" className="card" aria-label="Filters">
        <div className="field-row">
          <Field id="from" label="From (UTC)" errors={errors.from}>
            <input {...fieldA11y("from", errors.from)} type="date" defaultValue={typed("from")} />
          </Field>
          <Field id="to" label="To (UTC, included)" errors={errors.to}>
            <input {...fieldA11y("to", errors.to)} type="date" defaultValue={typed("to")} />
          </Field>
          <Field id="tag" label="Tag" errors={errors.tag}>
            <select {...fieldA11y("tag", errors.tag)} defaultValue={typed("tag")}>
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary">
            Apply filters
          </button>
          <Link href="/dashboard">Clear</Link>
        </div>
      </form>
      {formError ? (
        <div className="alert error" role="alert">
          {formError}
        </div>
      ) : null}
      {data ? <Figures data={data} query={query} /> : null}
    </div>
  );
}
