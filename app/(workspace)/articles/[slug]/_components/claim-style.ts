import { claimLabel } from "@/lib/core/claims/label";
import type { ClaimStatus, Verdict } from "@/lib/core/vocabulary";

/** How a claim looks: its class and label by the one rule of lib/core/claims/label.ts. */
export function claimLook(claim: { status: ClaimStatus; verdict: Verdict | null }) {
  const { className, label } = claimLabel(claim);
  return { className, label };
}
