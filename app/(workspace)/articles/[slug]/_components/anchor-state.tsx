import { ANCHOR_STATE_LABELS } from "@/lib/core/vocabulary";
import type { ReviewClaim } from "@/lib/services/articles/read";

/** Short words for the claim list's badge; `exact` gets none (it is the normal case). */
const BADGE_TEXT = { moved: "Moved", changed: "Wording changed", orphaned: "Orphaned" } as const;

/**
 * How the claim's text was found when this revision was saved, as a badge in the claim list:
 * words, not a colour, and nothing for a claim in its place.
 */
export function AnchorBadge({
  claim,
}: {
  claim: { anchor: Pick<ReviewClaim["anchor"], "state"> };
}) {
  const { state } = claim.anchor;
  if (state === "exact") return null;
  return (
    <span
      className={`badge ${state === "orphaned" ? "status-dismissed" : "anchor-state"}`}
      title={ANCHOR_STATE_LABELS[state]}
    >
      {BADGE_TEXT[state]}
    </span>
  );
}

/**
 * The anchor state in words for the claim panel, with the quote in the previous revision beside
 * the quote now when the wording changed.
 */
export function AnchorStateNote({
  claim,
}: {
  claim: Pick<ReviewClaim, "anchor" | "anchorBefore">;
}) {
  const { state, exact } = claim.anchor;
  const before = claim.anchorBefore;
  const explanation = {
    exact:
      before?.state === "orphaned"
        ? "Attached to this text in this revision; it was orphaned in the previous one."
        : before
          ? "Same words in the same place as in the previous revision."
          : "As selected in this revision.",
    moved: "Same words, in another place than in the previous revision. Nothing to re-check.",
    changed: "Found by its surroundings: its wording differs from the previous revision's.",
    orphaned:
      "Its text was not found in this revision. The quote above is its last known text: re-attach it to the new text.",
  }[state];
  return (
    <div className="small" data-testid="anchor-state">
      <p style={{ margin: "0 0 0.25rem" }}>
        <strong>Anchor:</strong> {ANCHOR_STATE_LABELS[state]}. {explanation}
      </p>
      {state === "changed" && before && before.exact !== exact ? (
        <dl className="anchor-wording" style={{ margin: "0 0 0.75rem" }}>
          <dt>Previous revision</dt>
          <dd>
            <del>“{before.exact}”</del>
          </dd>
          <dt>Now</dt>
          <dd>
            <ins>“{exact}”</ins>
          </dd>
        </dl>
      ) : null}
    </div>
  );
}
