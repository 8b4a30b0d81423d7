/**
 * The dashboard (docs/architecture.md "Dashboard"): the desk's figures under the filters, for
 * the page and its CSV downloads alike. Anyone who may read the desk (viewer and up).
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  countArticlesByState,
  countClaimsByStatus,
  countClaimsByVerdict,
  countOpenClaimsByAssignee,
  type DashboardFilter,
  filterArticlesByTag,
  listTagChoices,
  verdictTimesByWeek,
} from "@/db/queries/dashboard";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import {
  articleFigure,
  type OverdueItem,
  overdueCsvTable,
  statusFigure,
  tableCsv,
  timeCsvTable,
  timeFigure,
  verdictFigure,
  workloadFigure,
} from "@/lib/core/dashboard/figures";
import type { DashboardFigure } from "@/lib/core/desk-vocabulary";
import { addDays } from "@/lib/core/review/dates";
import type { DashboardQuery } from "@/lib/core/validation/dashboard";
import { loadDueQueue } from "@/lib/services/review/read";

/** The form's days (UTC, both included) as the queries' instants `[from, to)`. */
export function dashboardFilter(query: DashboardQuery): DashboardFilter {
  return {
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : null,
    to: query.to ? new Date(`${addDays(query.to, 1)}T00:00:00Z`) : null,
    tagId: query.tag ?? null,
  };
}

/**
 * The overdue reviews of the "Due for review" queue, as of today: the date range does not apply
 * (a due date is today's standing, not an event in the range). Under a tag, only the articles
 * that carry it: library entries have tags of their own words, not the desk's.
 */
async function overdueItems(db: Db, actor: Actor, tagId: string | null): Promise<OverdueItem[]> {
  const { overdue } = await loadDueQueue(db, actor);
  const tagged = tagId
    ? await filterArticlesByTag(
        db,
        overdue.filter((i) => i.kind === "article").map((i) => i.id),
        tagId,
      )
    : null;
  return overdue
    .filter((i) => !tagged || (i.kind === "article" && tagged.has(i.id)))
    .map((i) => ({
      kind: i.kind,
      key: i.key,
      title: i.title,
      due: i.due,
      days: i.standing.kind === "overdue" ? i.standing.days : 0,
    }));
}

export async function loadDashboard(db: Db, actor: Actor | null, query: DashboardQuery) {
  const who = authorize(actor, "desk:read");
  const f = dashboardFilter(query);
  const [verdicts, statuses, weeks, workload, articles, overdue] = await Promise.all([
    countClaimsByVerdict(db, f),
    countClaimsByStatus(db, f),
    verdictTimesByWeek(db, f),
    countOpenClaimsByAssignee(db, f),
    countArticlesByState(db, f),
    overdueItems(db, who, f.tagId),
  ]);
  return {
    verdicts: verdictFigure(verdicts),
    statuses: statusFigure(statuses),
    time: timeFigure(weeks),
    workload: workloadFigure(workload),
    articles: articleFigure(articles),
    overdue,
  };
}
export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

/** The tags the filter offers. */
export async function loadTagChoices(db: Db, actor: Actor | null) {
  authorize(actor, "desk:read");
  return listTagChoices(db);
}

/** One figure as CSV, under the same filters as the page: only that figure's query runs. */
export async function dashboardCsv(
  db: Db,
  actor: Actor | null,
  figure: DashboardFigure,
  query: DashboardQuery,
): Promise<string> {
  const who = authorize(actor, "desk:read");
  const f = dashboardFilter(query);
  const table = async () => {
    switch (figure) {
      case "verdicts":
        return verdictFigure(await countClaimsByVerdict(db, f)).table;
      case "statuses":
        return statusFigure(await countClaimsByStatus(db, f)).table;
      case "time-to-verdict":
        return timeCsvTable(timeFigure(await verdictTimesByWeek(db, f)));
      case "workload":
        return workloadFigure(await countOpenClaimsByAssignee(db, f)).table;
      case "articles":
        return articleFigure(await countArticlesByState(db, f)).table;
      case "overdue":
        return overdueCsvTable(await overdueItems(db, who, f.tagId));
    }
  };
  return tableCsv(await table());
}
