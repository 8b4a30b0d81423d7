/**
 * The dashboard's charts as geometry: where each bar, point and tick goes, computed with
 * d3-scale and d3-shape and drawn as SVG on the server (app/(workspace)/dashboard/_components),
 * so that no script runs for a chart. Pure: the same input gives the same picture, which the
 * unit tests read back.
 */
import { max } from "d3-array";
import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** A design-token name for its fill, such as "v-accurate" (app/styles/tokens.css). */
  tone: string;
}

export interface Bar extends BarDatum {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tick {
  value: number;
  /** The position along its axis. */
  at: number;
}

export interface BarChart {
  width: number;
  height: number;
  /** Where the value axis starts (the bars' left edge) and ends. */
  x0: number;
  x1: number;
  bars: Bar[];
  ticks: Tick[];
}

const BAR_LAYOUT = { width: 560, row: 30, top: 8, bottom: 28, label: 190, right: 48 };

/**
 * Horizontal bars, one per datum in the order given, lengths on a linear scale from 0 to the
 * largest value made "nice". The ticks are whole numbers: every figure here is a count.
 */
export function buildBarChart(data: readonly BarDatum[]): BarChart {
  const L = BAR_LAYOUT;
  const height = L.top + data.length * L.row + L.bottom;
  const y = scaleBand<string>()
    .domain(data.map((d) => d.key))
    .range([L.top, L.top + data.length * L.row])
    .padding(0.2);
  const x = scaleLinear()
    .domain([0, Math.max(1, max(data, (d) => d.value) ?? 0)])
    .nice()
    .range([L.label, L.width - L.right]);
  const bars = data.map((d) => ({
    ...d,
    x: x(0),
    y: y(d.key) ?? 0,
    width: x(d.value) - x(0),
    height: y.bandwidth(),
  }));
  const ticks = x
    .ticks(5)
    .filter((t) => Number.isInteger(t))
    .map((t) => ({ value: t, at: x(t) }));
  return { width: L.width, height, x0: x(0), x1: x.range()[1] ?? L.width, bars, ticks };
}

export interface LinePoint {
  /** The x-axis category (a week). */
  key: string;
  value: number;
  x: number;
  y: number;
}

export interface LineSeries {
  key: string;
  label: string;
  tone: string;
  /** The SVG path's `d`. */
  path: string;
  points: LinePoint[];
}

export interface LineChart {
  width: number;
  height: number;
  /** The plot area: left, right, top, bottom. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  series: LineSeries[];
  yTicks: Tick[];
  /** The categories labelled under the axis (at most `MAX_X_LABELS`, evenly spread). */
  xLabels: { key: string; at: number }[];
}

const LINE_LAYOUT = { width: 560, height: 270, left: 56, right: 16, top: 26, bottom: 40 };
export const MAX_X_LABELS = 8;

/**
 * Lines over categories (weeks, in the order given), one per series, on one linear y scale from
 * 0 to the largest value made "nice". Every category has a point on every series.
 */
export function buildLineChart(
  keys: readonly string[],
  series: readonly { key: string; label: string; tone: string; values: readonly number[] }[],
): LineChart {
  const L = LINE_LAYOUT;
  const x = scalePoint<string>()
    .domain(keys)
    .range([L.left, L.width - L.right])
    .padding(0.5);
  const top = Math.max(1, max(series.flatMap((s) => s.values)) ?? 0);
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([L.height - L.bottom, L.top]);
  const draw = line<LinePoint>()
    .x((p) => p.x)
    .y((p) => p.y);
  const built = series.map((s) => {
    const points = keys.map((key, i) => {
      const value = s.values[i] ?? 0;
      return { key, value, x: x(key) ?? 0, y: y(value) };
    });
    return { key: s.key, label: s.label, tone: s.tone, path: draw(points) ?? "", points };
  });
  const step = Math.ceil(keys.length / MAX_X_LABELS);
  return {
    width: L.width,
    height: L.height,
    left: L.left,
    right: L.width - L.right,
    top: L.top,
    bottom: L.height - L.bottom,
    series: built,
    yTicks: y.ticks(5).map((t) => ({ value: t, at: y(t) })),
    xLabels: keys.filter((_, i) => i % step === 0).map((key) => ({ key, at: x(key) ?? 0 })),
  };
}

/** A duration for people: minutes under an hour, hours under two days, then days. */
export function durationWords(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

/** Seconds as hours, rounded to two decimals (the chart's unit and the CSV's). */
export const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
