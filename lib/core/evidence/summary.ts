/**
 * A claim's evidence at a glance: counts by stance, the best Oxford CEBM level and how many
 * items carry a GRADE certainty. Pure; used by the claim's evidence section and the claim list.
 */
import {
  EVIDENCE_STANCES,
  type EvidenceStance,
  type GradeCertainty,
  STUDY_DESIGN_INFO,
  type StudyDesign,
} from "@/lib/core/vocabulary";

export interface EvidenceSummary {
  total: number;
  byStance: Record<EvidenceStance, number>;
  /** The best (lowest-numbered) CEBM level among the items; null without evidence. */
  bestLevel: 1 | 2 | 3 | 4 | 5 | null;
  /** Items with a GRADE certainty. */
  graded: number;
}

export function summarizeEvidence(
  items: readonly {
    stance: EvidenceStance;
    studyDesign: StudyDesign;
    gradeCertainty: GradeCertainty | null;
  }[],
): EvidenceSummary {
  const byStance = Object.fromEntries(EVIDENCE_STANCES.map((s) => [s, 0])) as Record<
    EvidenceStance,
    number
  >;
  let bestLevel: EvidenceSummary["bestLevel"] = null;
  let graded = 0;
  for (const item of items) {
    byStance[item.stance] += 1;
    const level = STUDY_DESIGN_INFO[item.studyDesign].cebmLevel;
    if (bestLevel === null || level < bestLevel) bestLevel = level;
    if (item.gradeCertainty !== null) graded += 1;
  }
  return { total: items.length, byStance, bestLevel, graded };
}

/** How each stance reads in a count: "2 supporting". */
const STANCE_WORDS: Record<EvidenceStance, string> = {
  supports: "supporting",
  contradicts: "contradicting",
  mixed: "mixed",
  context: "context",
};

/**
 * The summary as one line: "2 supporting · 1 contradicting · best level 1 · 1 GRADE-rated".
 * Stances without items are left out; `compact` also leaves out the GRADE count (the claim
 * list has little room).
 */
export function formatEvidenceSummary(
  summary: EvidenceSummary,
  { compact = false }: { compact?: boolean } = {},
): string {
  if (summary.total === 0) return "No evidence yet";
  const parts = EVIDENCE_STANCES.filter((s) => summary.byStance[s] > 0).map(
    (s) => `${summary.byStance[s]} ${STANCE_WORDS[s]}`,
  );
  if (summary.bestLevel !== null) parts.push(`best level ${summary.bestLevel}`);
  if (!compact && summary.graded > 0) parts.push(`${summary.graded} GRADE-rated`);
  return parts.join(" · ");
}
