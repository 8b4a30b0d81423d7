import { formatEvidenceSummary, summarizeEvidence } from "@/lib/core/evidence/summary";
import type { EvidenceStance, GradeCertainty, StudyDesign } from "@/lib/core/vocabulary";

/** One line about a claim's evidence: "2 supporting · 1 contradicting · best level 1". */
export function EvidenceSummaryLine({
  evidence,
  compact = false,
}: {
  evidence: readonly {
    stance: EvidenceStance;
    studyDesign: StudyDesign;
    gradeCertainty: GradeCertainty | null;
  }[];
  compact?: boolean;
}) {
  const text = formatEvidenceSummary(summarizeEvidence(evidence), { compact });
  return (
    <span
      className="small muted"
      data-testid="evidence-summary"
      // In the claim list it is a line of its own, between the quote and the assignee.
      style={compact ? { display: "block" } : undefined}
      title="Evidence by stance; best Oxford CEBM level (1 is best)"
    >
      {compact && evidence.length > 0 ? `Evidence: ${text}` : text}
    </span>
  );
}
