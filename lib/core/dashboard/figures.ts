/**
 * The dashboard's figures from the database's counts: for each, the rows in display order, and
 * from those same rows its chart, its data table, its text summary and its CSV — so the four can
 * never disagree. Pure.
 */
import { csvField } from "@/lib/core/export/csv";
import {
  ARTICLE_STATE_LABELS,
  ARTICLE_STATES,
  type ArticleState,
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  type ClaimStatus,
  VERDICT_INFO,
  VERDICTS,
  type Verdict,
} from "@/lib/core/vocabulary";
import { type BarDatum, durationWords, hours } from "./charts";

/** A table: its column headings and its rows, cells as they are shown and written to CSV. */
export interface FigureTable {
  columns: readonly string[];
  rows: (string | number | null)[][];
}

export interface CountFigure {
  bars: BarDatum[];
  total: number;
  summary: string;
  table: FigureTable;
}

const NO_VERDICT = "none";

/** "12 claims: 5 Accurate, 3 Inaccurate." — the non-zero rows, largest first. */
function countSummary(total: number, noun: [string, string], bars: BarDatum[]): string {
  if (total === 0) return `No ${noun[1]} in this range.`;
  const parts = bars
    .filter((b) => b.value > 0)
    .sort((a, b) => b.value - a.value)
    .map((b) => `${b.value} ${b.label}`);
  return `${total} ${total === 1 ? noun[0] : noun[1]}: ${parts.join(", ")}.`;
}

function countFigure(bars: BarDatum[], noun: [string, string], heading: string): CountFigure {
  const total = bars.reduce((n, b) => n + b.value, 0);
  return {
    bars,
    total,
    summary: countSummary(total, noun, bars),
    table: { columns: [heading, "Claims"], rows: bars.map((b) => [b.label, b.value]) },
  };
}

/** Every verdict, best first, then the claims with none yet; zero rows kept, to compare. */
export function verdictFigure(counts: { verdict: Verdict | null; count: number }[]): CountFigure {
  const of = (v: Verdict | null) => counts.find((c) => c.verdict === v)?.count ?? 0;
  const bars: BarDatum[] = [
    ...VERDICTS.map((v) => ({
      key: v,
      label: VERDICT_INFO[v].label,
      value: of(v),
      tone: `v-${v}`,
    })),
    { key: NO_VERDICT, label: "No verdict yet", value: of(null), tone: "muted" },
  ];
  return countFigure(bars, ["claim", "claims"], "Verdict");
}

export function statusFigure(counts: { status: ClaimStatus; count: number }[]): CountFigure {
  const bars = CLAIM_STATUSES.map((s) => ({
    key: s,
    label: CLAIM_STATUS_LABELS[s],
    value: counts.find((c) => c.status === s)?.count ?? 0,
    // "Not check-worthy" is pale on purpose in the text; a bar needs 3:1 against white.
    tone: s === "resolved" ? "ok" : s === "dismissed" ? "muted" : `s-${s}`,
  }));
  return countFigure(bars, ["claim", "claims"], "Status");
}

export function articleFigure(counts: { state: ArticleState; count: number }[]): CountFigure {
  const bars = ARTICLE_STATES.map((s) => ({
    key: s,
    label: ARTICLE_STATE_LABELS[s],
    value: counts.find((c) => c.state === s)?.count ?? 0,
    tone: "primary",
  }));
  const figure = countFigure(bars, ["article", "articles"], "Workflow state");
  figure.table.columns = ["Workflow state", "Articles"];
  return figure;
}

/** Open claims per person: Unstarted and In progress; "Unassigned" for nobody. */
export function workloadFigure(
  rows: { assigneeId: string | null; name: string | null; open: number; inReview: number }[],
): CountFigure {
  const label = (r: (typeof rows)[number]) => (r.assigneeId ? (r.name ?? "Unknown") : "Unassigned");
  const bars = rows.map((r) => ({
    key: r.assigneeId ?? "unassigned",
    label: label(r),
    value: r.open + r.inReview,
    tone: r.assigneeId ? "primary" : "muted",
  }));
  const total = bars.reduce((n, b) => n + b.value, 0);
  return {
    bars,
    total,
    summary:
      total === 0
        ? "No open claims in this range."
        : `${total} open ${total === 1 ? "claim" : "claims"}: ${bars.map((b) => `${b.label} ${b.value}`).join(", ")}.`,
    table: {
      columns: ["Person", "Unstarted", "In progress", "Open claims"],
      rows: rows.map((r) => [label(r), r.open, r.inReview, r.open + r.inReview]),
    },
  };
}

export interface TimeFigure {
  weeks: { week: string; claims: number; medianSeconds: number; p90Seconds: number }[];
  total: number;
  summary: string;
  table: FigureTable;
}

/** Weekly median and 90th percentile; the table in words, the CSV's cells in hours. */
export function timeFigure(weeks: TimeFigure["weeks"]): TimeFigure {
  const total = weeks.reduce((n, w) => n + w.claims, 0);
  const last = weeks.at(-1);
  const summary = last
    ? `${total} ${total === 1 ? "claim" : "claims"} given a first verdict over ${weeks.length} ${weeks.length === 1 ? "week" : "weeks"}. Week of ${last.week}: ${last.claims} ${last.claims === 1 ? "verdict" : "verdicts"}, median ${durationWords(last.medianSeconds)}, 90th percentile ${durationWords(last.p90Seconds)}.`
    : "No verdicts given in this range.";
  return {
    weeks,
    total,
    summary,
    table: {
      columns: ["Week of", "Verdicts", "Median", "90th percentile"],
      rows: weeks.map((w) => [
        w.week,
        w.claims,
        durationWords(w.medianSeconds),
        durationWords(w.p90Seconds),
      ]),
    },
  };
}

/** An overdue review, as the "Due for review" queue lists it (lib/services/review/read.ts). */
export interface OverdueItem {
  kind: "article" | "library_entry";
  /** The article's slug or the library entry's number: its link. */
  key: string;
  title: string;
  due: string;
  /** Days overdue. */
  days: number;
}

/** The CSV of time to verdict: in hours, numbers a spreadsheet can sum and chart. */
export function timeCsvTable(figure: TimeFigure): FigureTable {
  return {
    columns: ["week_of", "verdicts", "median_hours", "p90_hours"],
    rows: figure.weeks.map((w) => [w.week, w.claims, hours(w.medianSeconds), hours(w.p90Seconds)]),
  };
}

/** The overdue reviews as a table (the page's and the CSV's). */
export function overdueCsvTable(items: OverdueItem[]): FigureTable {
  return {
    columns: ["Kind", "Title", "Review due", "Days overdue"],
    rows: items.map((o) => [
      o.kind === "article" ? "Article" : "Library entry",
      o.title,
      o.due,
      o.days,
    ]),
  };
}

/**
 * A table as CSV: the claims export's `csvField` (RFC 4180, formula injection neutralised),
 * CRLF line ends and a UTF-8 byte order mark, as the audit CSV (lib/core/audit/csv.ts).
 */
export function tableCsv(table: FigureTable): string {
  const line = (cells: readonly (string | number | null)[]) =>
    `${cells.map((c) => csvField(c)).join(",")}\r\n`;
  return `\uFEFF${line(table.columns)}${table.rows.map(line).join("")}`;
}
