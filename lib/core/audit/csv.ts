/**
 * The audit log as CSV, for auditors' spreadsheets. Cells go through the claims export's
 * `csvField` (RFC 4180 quoting, formula injection neutralised); lines end in CRLF; the header
 * starts with a UTF-8 byte order mark so that Excel reads names with accents correctly (see
 * lib/core/export/csv.ts).
 */
import { csvField } from "@/lib/core/export/csv";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor",
  "actor_email",
  "action",
  "entity_type",
  "entity_id",
  "article",
  "before",
  "after",
  "note",
] as const;

export const AUDIT_CSV_HEADER = `\uFEFF${AUDIT_CSV_COLUMNS.join(",")}\r\n`;

export interface AuditCsvEvent {
  id: number;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  articleSlug: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

const json = (value: Record<string, unknown> | null) =>
  value === null ? null : JSON.stringify(value);

/** One event as one CSV line, CRLF included. */
export function auditCsvRow(e: AuditCsvEvent): string {
  const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number | null> = {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorName,
    actor_email: e.actorEmail,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    article: e.articleSlug,
    before: json(e.before),
    after: json(e.after),
    note: e.note,
  };
  return `${AUDIT_CSV_COLUMNS.map((k) => csvField(cells[k])).join(",")}\r\n`;
}
