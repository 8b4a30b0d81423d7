import type { ReactNode } from "react";
import {
  ANCHOR_STATE_LABELS,
  type AnchorState,
  type ClaimStatus,
  type Verdict,
} from "@/lib/core/vocabulary";
import { AnchorBadge } from "./anchor-state";
import { claimLook } from "./claim-style";

export interface ListedClaim {
  number: number;
  status: ClaimStatus;
  verdict: Verdict | null;
  anchor: { state: AnchorState; exact: string };
}

/**
 * One claim in a list (the review page, a past revision, a comparison): its number, how it
 * looks, its anchor and its quote. With `onSelect` the whole item is a button that selects it.
 */
export function ClaimListItem({
  claim,
  anchor,
  badges,
  stale = false,
  children,
  id,
  selected,
  onSelect,
}: {
  claim: ListedClaim;
  /**
   * "changes": a short badge only when the claim's text moved, changed or was lost (the review
   * page, where the normal case needs no word); "always": the anchor state in full.
   */
  anchor: "changes" | "always";
  /** Badges between the claim's look and its anchor (the review page's severity). */
  badges?: ReactNode;
  /** Shows the "Needs re-check" badge. */
  stale?: boolean;
  /** Lines under the quote. */
  children?: ReactNode;
  id?: string;
  selected?: boolean;
  onSelect?: () => void;
}) {
  const look = claimLook(claim);
  const { state } = claim.anchor;
  const content = (
    <>
      <span className="button-row">
        <strong>Claim {claim.number}</strong>
        <span className={`badge ${look.className}`}>{look.label}</span>
        {badges}
        {anchor === "changes" ? (
          <AnchorBadge claim={claim} />
        ) : (
          <span className={`badge ${state === "orphaned" ? "status-dismissed" : "anchor-state"}`}>
            {ANCHOR_STATE_LABELS[state]}
          </span>
        )}
        {stale ? <span className="badge state-changes_requested">Needs re-check</span> : null}
      </span>
      <span className="quote">“{claim.anchor.exact}”</span>
      {children}
    </>
  );
  return (
    <li id={id}>
      {onSelect ? (
        <button type="button" aria-current={selected} onClick={onSelect}>
          {content}
        </button>
      ) : (
        content
      )}
    </li>
  );
}
