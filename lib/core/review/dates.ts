/**
 * Calendar arithmetic for medical review dates. Dates are ISO calendar days ("2026-12-03"),
 * as PostgreSQL's `date` columns hold them: no time and no time zone, so "reviewed on 3
 * December" stays the 3rd wherever it is read. Pure.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Whether `text` is a real calendar day in ISO form (2026-02-30 is not). */
export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function parts(day: string): [number, number, number] {
  const m = ISO_DAY.exec(day);
  if (!m || !isIsoDay(day)) throw new RangeError(`Not a calendar day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days in month `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * `day` plus `months` calendar months. When the target month is shorter, the last day of that
 * month: 31 January + 1 month is 28 February (29 in a leap year), as people and most calendar
 * libraries count, rather than rolling over into March.
 */
export function addMonths(day: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / MS_PER_DAY);
}

/** `day` plus `days` days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The calendar day of `now` in UTC: the day an approval or a queue is dated by. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * When the article's next medical review is due: its last review plus its own interval, or the
 * workspace's when it has none. Null while it was never reviewed.
 */
export function nextReviewDue(
  lastReviewedOn: string | null,
  ownIntervalMonths: number | null,
  workspaceIntervalMonths: number,
): string | null {
  if (!lastReviewedOn) return null;
  return addMonths(lastReviewedOn, ownIntervalMonths ?? workspaceIntervalMonths);
}

/** How many days ahead the "Due for review" queue looks beyond the overdue items. */
export const DUE_SOON_DAYS = 30;

/** Where a due date stands on `today`: overdue by N days, due in N days, or later. */
export type DueStanding =
  | { kind: "overdue"; days: number }
  | { kind: "due_soon"; days: number }
  | { kind: "later"; days: number };

export function dueStanding(due: string, today: string, soonDays = DUE_SOON_DAYS): DueStanding {
  const days = daysBetween(today, due);
  if (days < 0) return { kind: "overdue", days: -days };
  return days <= soonDays ? { kind: "due_soon", days } : { kind: "later", days };
}

/** "3 days overdue", "due today", "due in 12 days". */
export function dueWords(standing: DueStanding): string {
  const plural = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
  if (standing.kind === "overdue") return `${plural(standing.days)} overdue`;
  if (standing.days === 0) return "due today";
  return `due in ${plural(standing.days)}`;
}
