/**
 * CSV of claims, one row per claim, for spreadsheets and newsroom trackers.
 *
 * - RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote,
 *   CR or LF, quotes doubled.
 * - UTF-8 with a byte order mark: Excel reads a CSV without one in the machine's legacy code
 *   page, which garbles accents ("Ã©"); LibreOffice, Google Sheets and CSV libraries skip it.
 * - Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with
 *   = + - @ (or a tab or CR, which some strip first) as a formula, so such a cell gets a leading
 *   apostrophe and shows as text. Our own values (numbers, ISO dates) never start that way.
 */
import { CLAIM_STATUS_LABELS, SEVERITY_LABELS, VERDICT_INFO } from "@/lib/core/vocabulary";
import type { ExportModel } from "./model";
import { certaintyWords } from "./summary-of-findings";

export const CSV_EXPORT = { mediaType: "text/csv; charset=utf-8", extension: "csv" } as const;

export const CSV_COLUMNS = [
  "note",
  "claim",
  "quote",
  "status",
  "verdict",
  "rating",
  "verdict_stale",
  "severity",
  "evidence_count",
  "best_cebm_level",
  "grade_certainty",
  "reviewer",
  "anchor_state",
  "start",
  "end",
  "created",
  "updated",
] as const;

/** Neutralises a cell a spreadsheet would run as a formula. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsvExport(model: ExportModel): string {
  const rows = model.claims.map((c) => {
    const levels = c.evidence.map((e) => e.cebmLevel);
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      note: c.note,
      claim: c.number,
      quote: c.quote.exact,
      status: CLAIM_STATUS_LABELS[c.status],
      verdict: c.verdict ? VERDICT_INFO[c.verdict].label : null,
      rating: c.verdict ? VERDICT_INFO[c.verdict].rating : null,
      verdict_stale: c.verdictStale ? "yes" : "no",
      severity: SEVERITY_LABELS[c.severity],
      evidence_count: c.evidence.length,
      best_cebm_level: levels.length > 0 ? Math.min(...levels) : null,
      // The body of evidence's certainty (Summary of findings); empty when not assessed.
      grade_certainty: c.grade ? certaintyWords(c.grade) : null,
      reviewer: c.reviewer,
      anchor_state: c.anchorState,
      start: c.position?.start ?? null,
      end: c.position?.end ?? null,
      created: c.createdAt,
      updated: c.updatedAt,
    };
    return CSV_COLUMNS.map((k) => csvField(cells[k])).join(",");
  });
  return `\uFEFF${[CSV_COLUMNS.join(","), ...rows].map((r) => `${r}\r\n`).join("")}`;
}
