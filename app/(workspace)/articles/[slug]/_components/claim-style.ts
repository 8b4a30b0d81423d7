import {
  CLAIM_STATUS_LABELS,
  type ClaimStatus,
  VERDICT_INFO,
  type Verdict,
} from "@/lib/core/vocabulary";

/** How a claim looks: its verdict once resolved, else its status. */
export function claimLook(claim: { status: ClaimStatus; verdict: Verdict | null }) {
  if (claim.status === "resolved" && claim.verdict) {
    return { className: `verdict-${claim.verdict}`, label: VERDICT_INFO[claim.verdict].label };
  }
  return { className: `status-${claim.status}`, label: CLAIM_STATUS_LABELS[claim.status] };
}
