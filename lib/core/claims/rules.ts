/**
 * The review rules for a claim's fields: a resolved claim has a verdict, and a verdict that says
 * what the evidence shows cites at least one evidence item. Returns errors per field.
 */

import type { FieldErrors } from "@/lib/core/errors";
import type { ClaimStatus, Verdict } from "@/lib/core/vocabulary";

/** Verdicts that say what the evidence shows, and so need at least one evidence item. */
export const VERDICTS_NEEDING_EVIDENCE: readonly Verdict[] = [
  "accurate",
  "mostly_accurate",
  "inaccurate",
];

export function claimRuleErrors(claim: {
  status: ClaimStatus;
  verdict: Verdict | null;
  evidenceCount: number;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (claim.status === "resolved" && claim.verdict === null) {
    errors.verdict = ["Choose a verdict before resolving the claim."];
  }
  if (
    claim.verdict !== null &&
    VERDICTS_NEEDING_EVIDENCE.includes(claim.verdict) &&
    claim.evidenceCount === 0
  ) {
    errors.verdict = [
      ...(errors.verdict ?? []),
      "This verdict needs at least one evidence item: add the source first.",
    ];
  }
  return errors;
}
