/**
 * The audit record of a claim whose anchor moved, re-anchored by a save or re-attached by hand:
 * the same before/after for both, so a claim's history reads alike whichever moved it.
 */
import type { ClaimFieldChanges, ClaimRecord } from "@/lib/core/claims/shapes";

/**
 * `before` and `after` describe the anchor; the review fields a re-check changed (`recheck`) are
 * added to both, as the claim had them and as they become.
 */
export function anchorChange(
  claim: Pick<ClaimRecord, keyof ClaimFieldChanges>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  recheck: ClaimFieldChanges | null,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  for (const [field, value] of Object.entries(recheck ?? {})) {
    before[field] = claim[field as keyof ClaimFieldChanges];
    after[field] = value;
  }
  return { before, after };
}
