/**
 * The dashboard's charts: the geometry (lib/core/dashboard/charts.ts), the figures built from
 * counts (lib/core/dashboard/figures.ts), and the SVG drawn from them on the server — its bars
 * and points match the data table row for row.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  BarChartSvg,
  DataTable,
  TimeChartSvg,
} from "../../app/(workspace)/dashboard/_components/charts";
import {
  buildBarChart,
  buildLineChart,
  durationWords,
  MAX_X_LABELS,
} from "../../lib/core/dashboard/charts";
import {
  statusFigure,
  tableCsv,
  timeCsvTable,
  timeFigure,
  verdictFigure,
  workloadFigure,
} from "../../lib/core/dashboard/figures";
import { parseCsv } from "../helpers/csv";

const bars = [
  { key: "a", label: "A", value: 10, tone: "primary" },
  { key: "b", label: "B", value: 5, tone: "ok" },
  { key: "c", label: "C", value: 0, tone: "muted" },
];

describe("buildBarChart", () => {
  it("draws bar lengths proportional to the values from a common zero, in the order given", () => {
    const chart = buildBarChart(bars);
    expect(chart.bars.map((b) => b.key)).toEqual(["a", "b", "c"]);
    const [a, b, c] = chart.bars;
    expect(a?.x).toBe(chart.x0);
    expect(b?.x).toBe(chart.x0);
    expect(a?.width).toBeCloseTo(2 * (b?.width ?? 0), 6);
    expect(c?.width).toBe(0);
    // Rows go down the page, one bandwidth each, never overlapping.
    expect((a?.y ?? 0) + (a?.height ?? 0)).toBeLessThanOrEqual(b?.y ?? 0);
    // 10 is a nice maximum: the longest bar reaches the end of the axis.
    expect((a?.x ?? 0) + (a?.width ?? 0)).toBeCloseTo(chart.x1, 6);
  });

  it("labels whole-number ticks from zero, and draws an all-zero chart without dividing by 0", () => {
    const chart = buildBarChart(bars);
    expect(chart.ticks[0]).toEqual({ value: 0, at: chart.x0 });
    expect(chart.ticks.every((t) => Number.isInteger(t.value))).toBe(true);
    const zero = buildBarChart([{ key: "z", label: "Z", value: 0, tone: "muted" }]);
    expect(zero.bars[0]?.width).toBe(0);
    expect(zero.ticks.map((t) => t.value)).toEqual([0, 1]);
  });
});

describe("buildLineChart", () => {
  const keys = ["2026-03-02", "2026-03-09", "2026-03-16"];
  it("places one point per week per series, higher values higher up", () => {
    const chart = buildLineChart(keys, [
      { key: "median", label: "Median", tone: "primary", values: [2, 4, 8] },
      { key: "p90", label: "90th", tone: "warn", values: [4, 8, 16] },
    ]);
    const [median, p90] = chart.series;
    expect(median?.points.map((p) => p.key)).toEqual(keys);
    const xs = median?.points.map((p) => p.x) ?? [];
    expect(xs[0]).toBeLessThan(xs[1] ?? 0);
    expect(xs[1]).toBeLessThan(xs[2] ?? 0);
    // SVG y grows downwards: a larger value sits higher (smaller y); 0 is the baseline.
    expect(p90?.points[2]?.y).toBeLessThan(median?.points[2]?.y ?? 0);
    expect(chart.yTicks[0]).toEqual({ value: 0, at: chart.bottom });
    expect(median?.path.startsWith("M")).toBe(true);
    expect(median?.path.match(/L/g)).toHaveLength(2);
  });

  it("labels at most MAX_X_LABELS weeks", () => {
    const many = Array.from({ length: 30 }, (_, i) => `w${String(i).padStart(2, "0")}`);
    const chart = buildLineChart(many, [
      { key: "median", label: "Median", tone: "primary", values: many.map(() => 1) },
    ]);
    expect(chart.xLabels.length).toBeLessThanOrEqual(MAX_X_LABELS);
    expect(chart.xLabels[0]?.key).toBe("w00");
  });
});

describe("the figures and their SVG", () => {
  it("keeps every verdict in order with the claims that have none, and sums them", () => {
    const figure = verdictFigure([
      { verdict: "inaccurate", count: 3 },
      { verdict: null, count: 2 },
      { verdict: "accurate", count: 1 },
    ]);
    expect(figure.table.rows).toEqual([
      ["Accurate", 1],
      ["Mostly accurate", 0],
      ["Misleading", 0],
      ["Unsupported", 0],
      ["Inaccurate", 3],
      ["No verdict yet", 2],
    ]);
    expect(figure.total).toBe(6);
    expect(figure.summary).toBe("6 claims: 3 Inaccurate, 2 No verdict yet, 1 Accurate.");
    expect(verdictFigure([]).summary).toBe("No claims in this range.");
  });

  it("draws one bar per table row with the row's value, and names the chart", () => {
    const figure = statusFigure([
      { status: "open", count: 4 },
      { status: "resolved", count: 2 },
    ]);
    const svg = renderToStaticMarkup(
      createElement(BarChartSvg, { id: "fig-statuses", title: "Claims by status", figure }),
    );
    const drawn = [...svg.matchAll(/data-key="([^"]+)" data-value="(\d+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(drawn).toEqual(figure.bars.map((b) => [b.key, b.value]));
    expect(svg.match(/<rect /g)).toHaveLength(figure.table.rows.length);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="fig-statuses-title">Claims by status</title>');
    expect(svg).toContain(`<desc id="fig-statuses-desc">${figure.summary}</desc>`);
    const table = renderToStaticMarkup(
      createElement(DataTable, { table: figure.table, caption: "Claims by status" }),
    );
    const cells = [...table.matchAll(/<th scope="row">([^<]+)<\/th><td class="num">(\d+)/g)].map(
      (m) => [m[1], Number(m[2])],
    );
    expect(cells).toEqual(figure.table.rows);
  });

  it("draws the weekly median and 90th percentile as points with the table's weeks", () => {
    const figure = timeFigure([
      { week: "2026-03-02", claims: 4, medianSeconds: 7 * 3600, p90Seconds: 24 * 3600 },
      { week: "2026-03-09", claims: 1, medianSeconds: 1800, p90Seconds: 1800 },
    ]);
    expect(figure.table.rows).toEqual([
      ["2026-03-02", 4, "7.0 h", "24.0 h"],
      ["2026-03-09", 1, "30 min", "30 min"],
    ]);
    const svg = renderToStaticMarkup(
      createElement(TimeChartSvg, { id: "fig-time", title: "Time to verdict", figure }),
    );
    const points = [...svg.matchAll(/data-key="([^"]+)" data-value="([\d.]+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(points).toEqual([
      ["2026-03-02", 7],
      ["2026-03-09", 0.5],
      ["2026-03-02", 24],
      ["2026-03-09", 0.5],
    ]);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(parseCsv(tableCsv(timeCsvTable(figure)).slice(1))).toEqual([
      ["week_of", "verdicts", "median_hours", "p90_hours"],
      ["2026-03-02", "4", "7", "24"],
      ["2026-03-09", "1", "0.5", "0.5"],
    ]);
  });

  it("names the unassigned, and neutralises a person's name a spreadsheet would run", () => {
    const figure = workloadFigure([
      { assigneeId: "u1", name: '=HYPERLINK("x")', open: 2, inReview: 1 },
      { assigneeId: null, name: null, open: 1, inReview: 0 },
    ]);
    expect(figure.bars.map((b) => [b.label, b.value])).toEqual([
      ['=HYPERLINK("x")', 3],
      ["Unassigned", 1],
    ]);
    const csv = tableCsv(figure.table);
    expect(csv.startsWith("\uFEFFPerson,Unstarted,In progress,Open claims\r\n")).toBe(true);
    expect(parseCsv(csv.slice(1))[1]).toEqual(['\'=HYPERLINK("x")', "2", "1", "3"]);
  });

  it("says durations in minutes, hours or days", () => {
    expect(durationWords(600)).toBe("10 min");
    expect(durationWords(5 * 3600)).toBe("5.0 h");
    expect(durationWords(3 * 86400)).toBe("3.0 days");
  });
});
