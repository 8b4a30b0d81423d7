/**
 * A claim's GRADE Summary of findings in words, the same in every export: one row per evidence
 * item (citation, design, CEBM level, stance, the item's own certainty) and the certainty of the
 * body of evidence with how it was reached. Each renderer only lays the words out (a table in
 * HTML and Markdown, paragraphs in a Word comment, one cell in the CSV). Shown only for a claim
 * with a GRADE assessment: an older snapshot, or a claim nobody assessed, reads as before.
 */
import { GRADE_CERTAINTY_LABELS } from "@/lib/core/vocabulary";
import { evidenceLine, joinSentences } from "./citation";
import type { ExportClaim, ExportGrade } from "./model";

export const SOF_COLUMNS = ["Evidence", "Design", "CEBM level", "Stance", "Certainty"] as const;

/** The table's rows: a cell per column, as text (each renderer escapes it). */
export function summaryOfFindingsRows(claim: Pick<ExportClaim, "evidence">): string[][] {
  return claim.evidence.map((e) => {
    const line = evidenceLine(e);
    return [
      joinSentences([e.title, line.source]),
      line.design,
      String(e.cebmLevel),
      line.stance,
      line.grade ?? "Not rated",
    ];
  });
}

/** "Very low", or "Not computed" without a GRADE starting point. */
export function certaintyWords(grade: Pick<ExportGrade, "certainty">): string {
  return grade.certainty ? GRADE_CERTAINTY_LABELS[grade.certainty] : "Not computed";
}

/** "GRADE certainty of the body of evidence: Very low." */
export function certaintySentence(grade: ExportGrade): string {
  return `GRADE certainty of the body of evidence: ${certaintyWords(grade)}.`;
}

/** Why each judgement rated down or up: "−1 risk of bias (serious): unblinded assessors". */
export function judgementLines(grade: ExportGrade): string[] {
  return grade.steps.map((s) => {
    const change = s.change === 0 ? "not counted" : s.change > 0 ? `+${s.change}` : `−${-s.change}`;
    return `${change} ${s.label}${s.reason.trim() ? `: ${s.reason.trim()}` : ""}`;
  });
}
