/**
 * A claim's timeline from its audit events: who changed what, when, before → after, in words.
 * Pure; the events come from `listAuditEventsForClaim`.
 */
import type { StoredAuditEvent, StoredEventOf } from "@/lib/core/audit/events";
import {
  ANCHOR_STATE_LABELS,
  type AnchorState,
  CLAIM_STATUS_LABELS,
  type ClaimStatus,
  EVIDENCE_STANCE_LABELS,
  type EvidenceStance,
  GRADE_CERTAINTY_LABELS,
  type GradeCertainty,
  SEVERITY_LABELS,
  type Severity,
  STUDY_DESIGN_INFO,
  type StudyDesign,
  VERDICT_INFO,
  type Verdict,
} from "@/lib/core/vocabulary";

export type AuditEventLike = {
  id: number;
  at: Date;
  actorName: string | null;
  note: string | null;
} & StoredAuditEvent;

export interface HistoryChange {
  field: string;
  before: string;
  after: string;
}

export interface HistoryEntry {
  id: number;
  /** ISO time. */
  at: string;
  actor: string;
  /** What happened, as a sentence fragment: "changed the claim". */
  summary: string;
  changes: HistoryChange[];
  note: string | null;
}

const FIELD_LABELS: Record<string, string> = {
  status: "Status",
  verdict: "Verdict",
  severity: "Severity",
  rationale: "Rationale",
  suggestedCorrection: "Suggested correction",
  assigneeName: "Assignee",
  editorNote: "Editor’s note",
  verdictStale: "Needs re-check",
  recheckReason: "Re-check because",
  title: "Title",
  stance: "Stance",
  studyDesign: "Study design",
  body: "Comment",
  anchorState: "Anchor",
  exact: "Quote",
  certainty: "GRADE certainty",
};

/** Fields recorded for machines (ids) or shown through another field. */
const HIDDEN_FIELDS = new Set(["assigneeId", "claimId", "revisionId", "id", "version"]);

const MAX_VALUE = 300;

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "status") return CLAIM_STATUS_LABELS[value as ClaimStatus] ?? String(value);
  if (field === "verdict") return VERDICT_INFO[value as Verdict]?.label ?? String(value);
  if (field === "severity") return SEVERITY_LABELS[value as Severity] ?? String(value);
  if (field === "anchorState") return ANCHOR_STATE_LABELS[value as AnchorState] ?? String(value);
  if (field === "stance") return EVIDENCE_STANCE_LABELS[value as EvidenceStance] ?? String(value);
  if (field === "studyDesign")
    return STUDY_DESIGN_INFO[value as StudyDesign]?.label ?? String(value);
  if (field === "certainty")
    return GRADE_CERTAINTY_LABELS[value as GradeCertainty] ?? String(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const MAX_QUOTE = 120;

/**
 * A re-anchoring in words: "re-anchored the claim in revision 3: moved (same words, another
 * place)", with the old wording for a changed one. Events written before the state was part of
 * the sentence read the same way: their `after` has always held `anchorState` and `revision`.
 */
function reanchorSummary({ before, after }: StoredEventOf<"claim.reanchor">) {
  const head =
    typeof after?.revision === "number"
      ? `re-anchored the claim in revision ${after.revision}`
      : "re-anchored the claim";
  const old = typeof before?.exact === "string" ? before.exact : "";
  switch (after?.anchorState) {
    case "exact":
      return `${head}: same text, same place`;
    case "moved":
      return `${head}: moved (same words, another place)`;
    case "changed":
      return old
        ? `${head}: wording changed, was “${old.length > MAX_QUOTE ? `${old.slice(0, MAX_QUOTE - 1)}…` : old}”`
        : `${head}: wording changed`;
    case "orphaned":
      return `${head}: orphaned (text not found)`;
    default:
      return head;
  }
}

/** An evidence event's words, with the item's title when it has one. */
const titled = (words: string, title: string | undefined) =>
  title ? `${words} “${title}”` : words;

function summarize(event: StoredAuditEvent) {
  switch (event.action) {
    case "claim.create":
      return "created the claim";
    case "claim.update":
      return "updated the claim";
    case "claim.assign":
      return event.after?.assigneeName
        ? `assigned the claim to ${event.after.assigneeName}`
        : "unassigned the claim";
    case "claim.set_editor_note":
      return "set the editor’s note";
    case "claim.reanchor":
      return reanchorSummary(event);
    case "claim.reattach":
      return "re-attached the claim";
    case "claim.library_recheck":
      return event.after?.recheckReason
        ? `sent the claim back to re-check: ${event.after.recheckReason}`
        : "sent the claim back to re-check";
    case "claim.delete":
      return "deleted the claim";
    case "claim.restore":
      return "restored the claim";
    case "claim.grade_assessment":
      return "assessed the GRADE certainty of the evidence";
    case "evidence.add":
      return titled("added evidence", event.after?.title);
    case "evidence.update":
      return titled("edited evidence", event.after?.title ?? event.before?.title);
    case "evidence.delete":
      return titled("deleted evidence", event.before?.title);
    case "comment.add":
      return "commented";
    case "comment.edit":
      return "edited a comment";
    case "comment.delete":
      return "deleted a comment";
    default:
      return event.action.replace(/[._]/g, " ");
  }
}

/** Which changes to list: every field whose value differs, in a stable order. */
function changesOf(event: StoredAuditEvent) {
  const { action } = event;
  // Additions list what was set; the quote of a new claim is shown by the panel already.
  if (action === "claim.create" || action === "comment.add" || action === "comment.delete")
    return [];
  // Any field of any kind, by name: the labels below say which ones are shown.
  const before: Readonly<Record<string, unknown>> = event.before ?? {};
  const after: Readonly<Record<string, unknown>> = event.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => !HIDDEN_FIELDS.has(f) && FIELD_LABELS[f] !== undefined,
  );
  return fields
    .map((f) => ({
      field: FIELD_LABELS[f] as string,
      before: show(f, before[f]),
      after: show(f, after[f]),
    }))
    .filter((c) => c.before !== c.after);
}

export function claimHistory(events: readonly AuditEventLike[]): HistoryEntry[] {
  return events.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorName ?? "System",
    summary: summarize(e),
    changes: changesOf(e),
    note: e.note,
  }));
}
