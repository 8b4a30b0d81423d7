/**
 * GRADE consistency of one evidence item, shared by the zod schema (so the
 * server refuses an inconsistent grade) and the form (which explains the starting point live).
 *
 * GRADE starts a body of randomised evidence at High certainty and observational evidence at
 * Low; a serious concern in one of five domains rates it down one step (a very serious one,
 * two). Rating up (large effect, dose-response) is for observational evidence with no reason
 * to rate down. So, for one item:
 * - reasons without a certainty say nothing → refused;
 * - High with a reason for rating down contradicts itself → refused;
 * - a certainty below the design's starting point must name at least one reason (the reason
 *   is what lowered it) → refused without one.
 * Designs GRADE gives no starting point (guidelines, mechanistic studies, expert opinion,
 * other) need no reason: a guideline states its own certainty, and for the rest the start is
 * the reviewer's judgement. Requiring a reason there would only invite a made-up one.
 */
import {
  GRADE_CERTAINTIES,
  GRADE_CERTAINTY_LABELS,
  type GradeCertainty,
  type GradeDowngradeReason,
  type StudyDesign,
} from "@/lib/core/vocabulary";

/** The certainty GRADE starts each design at, or null where GRADE names none. */
export const GRADE_START: Record<StudyDesign, GradeCertainty | null> = {
  systematic_review_rct: "high",
  rct: "high",
  cohort: "low",
  case_control: "low",
  case_series: "low",
  guideline: null,
  mechanistic: null,
  expert_opinion: null,
  other: null,
};

/** 0 for High … 3 for Very low (GRADE_CERTAINTIES is best first). */
const rank = (c: GradeCertainty) => GRADE_CERTAINTIES.indexOf(c);

const startGroup = (start: GradeCertainty) =>
  start === "high" ? "Randomised evidence" : "Observational evidence";

/** A sentence for the form: where GRADE starts this design, or null where it names no start. */
export function gradeStartHint(design: StudyDesign): string | null {
  const start = GRADE_START[design];
  if (!start) return null;
  return `${startGroup(start)} starts at ${GRADE_CERTAINTY_LABELS[start]} certainty in GRADE; rating it down needs a reason.`;
}

/**
 * Why this grade is inconsistent, as a message for the reasons field, or null when it is fine.
 * The reasons are assumed free of duplicates.
 */
export function gradeRuleError(item: {
  studyDesign: StudyDesign;
  gradeCertainty: GradeCertainty | null;
  gradeDowngradeReasons: readonly GradeDowngradeReason[];
}): string | null {
  const { studyDesign, gradeCertainty: certainty, gradeDowngradeReasons: reasons } = item;
  if (certainty === null) {
    return reasons.length > 0
      ? "Reasons for rating down need a GRADE certainty: choose one, or clear the reasons."
      : null;
  }
  if (certainty === "high" && reasons.length > 0) {
    return "High certainty means nothing was rated down: clear the reasons, or choose a lower certainty.";
  }
  const start = GRADE_START[studyDesign];
  if (start && rank(certainty) > rank(start) && reasons.length === 0) {
    return `${startGroup(start)} starts at ${GRADE_CERTAINTY_LABELS[start]} certainty in GRADE: tick at least one reason for rating it down to ${GRADE_CERTAINTY_LABELS[certainty]}.`;
  }
  return null;
}
