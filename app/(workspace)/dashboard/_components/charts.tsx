/**
 * The dashboard's charts as SVG, rendered on the server from the geometry in
 * lib/core/dashboard/charts.ts: no client script. Each bar and point carries its value as text,
 * so nothing is told by colour alone; in forced-colors (high contrast) mode the sheet draws them
 * in the system's colours (app/styles/workspace/dashboard.css).
 */
import { buildBarChart, buildLineChart, type LineChart } from "@/lib/core/dashboard/charts";
import type { CountFigure, FigureTable, TimeFigure } from "@/lib/core/dashboard/figures";

/** The figure's data as a real table, for screen readers and for anyone reading numbers. */
export function DataTable({ table, caption }: { table: FigureTable; caption: string }) {
  return (
    <table className="table dashboard-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two people may share a name; the rows' order is fixed
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={table.columns[i]} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={table.columns[i]} className={typeof cell === "number" ? "num" : ""}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars with their labels and values; `id` names the SVG for its title. */
export function BarChartSvg({
  id,
  title,
  figure,
}: {
  id: string;
  title: string;
  figure: CountFigure;
}) {
  const chart = buildBarChart(figure.bars);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${chart.width} ${chart.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid={`${id}-svg`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{figure.summary}</desc>
      {chart.ticks.map((t) => (
        <g key={t.value} className="chart-tick">
          <line x1={t.at} x2={t.at} y1={4} y2={chart.height - 24} />
          <text x={t.at} y={chart.height - 8} textAnchor="middle">
            {t.value}
          </text>
        </g>
      ))}
      {chart.bars.map((b) => (
        <g key={b.key} className="chart-bar" data-key={b.key} data-value={b.value}>
          <text x={b.x - 8} y={b.y + b.height / 2} dominantBaseline="middle" textAnchor="end">
            {b.label}
          </text>
          <rect
            x={b.x}
            y={b.y}
            width={Math.max(b.width, 0)}
            height={b.height}
            className={`tone-${b.tone}`}
          />
          <text
            className="chart-value"
            x={b.x + b.width + 6}
            y={b.y + b.height / 2}
            dominantBaseline="middle"
          >
            {b.value}
          </text>
        </g>
      ))}
      <line className="chart-axis" x1={chart.x0} x2={chart.x0} y1={4} y2={chart.height - 24} />
    </svg>
  );
}

const SERIES_STYLE: Record<string, { dash?: string; marker: "circle" | "square" }> = {
  median: { marker: "circle" },
  p90: { dash: "6 4", marker: "square" },
};

function Marker({ x, y, kind }: { x: number; y: number; kind: "circle" | "square" }) {
  return kind === "circle" ? (
    <circle cx={x} cy={y} r={4} />
  ) : (
    <rect x={x - 4} y={y - 4} width={8} height={8} />
  );
}

/** Median and 90th percentile per week, in hours; a dashed line and squares for the 90th. */
export function TimeChartSvg({
  id,
  title,
  figure,
}: {
  id: string;
  title: string;
  figure: TimeFigure;
}) {
  const chart: LineChart = buildLineChart(
    figure.weeks.map((w) => w.week),
    [
      {
        key: "median",
        label: "Median",
        tone: "primary",
        values: figure.weeks.map((w) => w.medianSeconds / 3600),
      },
      {
        key: "p90",
        label: "90th percentile",
        tone: "warn",
        values: figure.weeks.map((w) => w.p90Seconds / 3600),
      },
    ],
  );
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${chart.width} ${chart.height + 24}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid={`${id}-svg`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{figure.summary}</desc>
      {chart.yTicks.map((t) => (
        <g key={t.value} className="chart-tick">
          <line x1={chart.left} x2={chart.right} y1={t.at} y2={t.at} />
          <text x={chart.left - 6} y={t.at} dominantBaseline="middle" textAnchor="end">
            {t.value}
          </text>
        </g>
      ))}
      <text className="chart-unit" x={4} y={chart.top - 14}>
        hours
      </text>
      {chart.xLabels.map((l) => (
        <text key={l.key} className="chart-tick" x={l.at} y={chart.bottom + 16} textAnchor="middle">
          {l.key.slice(5)}
        </text>
      ))}
      <line
        className="chart-axis"
        x1={chart.left}
        x2={chart.right}
        y1={chart.bottom}
        y2={chart.bottom}
      />
      {chart.series.map((s) => {
        const style = SERIES_STYLE[s.key] ?? { marker: "circle" };
        return (
          <g key={s.key} className={`chart-series tone-${s.tone}`} data-series={s.key}>
            <path d={s.path} fill="none" strokeWidth={2} strokeDasharray={style.dash} />
            {s.points.map((p) => (
              <g
                key={p.key}
                className="chart-point"
                data-key={p.key}
                data-value={p.value.toFixed(2)}
              >
                <Marker x={p.x} y={p.y} kind={style.marker} />
              </g>
            ))}
          </g>
        );
      })}
      {/* The legend: the lines differ by dash and marker, not by colour alone. */}
      {chart.series.map((s, i) => {
        const style = SERIES_STYLE[s.key] ?? { marker: "circle" };
        const x = chart.left + i * 170;
        const y = chart.height + 12;
        return (
          <g key={s.key} className={`chart-legend tone-${s.tone}`}>
            <line x1={x} x2={x + 28} y1={y} y2={y} strokeWidth={2} strokeDasharray={style.dash} />
            <Marker x={x + 14} y={y} kind={style.marker} />
            <text x={x + 36} y={y} dominantBaseline="middle" stroke="none">
              {s.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
