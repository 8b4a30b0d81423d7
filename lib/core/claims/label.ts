/**
 * How a claim is labelled wherever it is shown (the workspace's highlights and lists, the
 * public page, every export): by its verdict once the claim is resolved, else by its workflow
 * status. A verdict that stands while the claim is back in progress (its text changed, or a
 * reviewer reopened it) is not final, so it is not shown as the claim's label (DESIGN: a claim
 * carries a verdict "when resolved"; ClaimReview likewise rates only resolved claims).
 */
import {
  CLAIM_STATUS_LABELS,
  type ClaimStatus,
  VERDICT_INFO,
  type Verdict,
} from "@/lib/core/vocabulary";

export type ClaimLabel =
  | { kind: "verdict"; verdict: Verdict; className: string; label: string; rating: number }
  | { kind: "status"; status: ClaimStatus; className: string; label: string };

export function claimLabel(claim: { status: ClaimStatus; verdict: Verdict | null }): ClaimLabel {
  if (claim.status === "resolved" && claim.verdict) {
    const info = VERDICT_INFO[claim.verdict];
    return {
      kind: "verdict",
      verdict: claim.verdict,
      className: `verdict-${claim.verdict}`,
      label: info.label,
      rating: info.rating,
    };
  }
  return {
    kind: "status",
    status: claim.status,
    className: `status-${claim.status}`,
    label: CLAIM_STATUS_LABELS[claim.status],
  };
}

/** The verdict's place on the scale, "1 of 5"; null for a status label. */
export function ratingText(label: ClaimLabel): string | null {
  return label.kind === "verdict" ? `${label.rating} of 5` : null;
}
