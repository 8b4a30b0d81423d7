/**
 * Re-anchoring an article's claims onto a new revision's text, decided without I/O so the
 * rules are testable on their own: where each claim now sits (through `anchorMany`, whose
 * engine may change without this file noticing), what it does to the claim, and whether the
 * move is worth an audit event.
 *
 * Rules (docs/data-model.md): a found claim gets a fresh quote described from the new text; an
 * orphaned one keeps its last quote and has no position. A claim whose wording `changed` needs a
 * re-check: resolved goes back to in progress and a verdict is marked stale (open and in-progress
 * claims keep their status; dismissed ones are left alone: nobody checks them).
 */

import { anchorMany } from "@/lib/core/anchoring/anchor";
import { describeRange } from "@/lib/core/anchoring/describe";
import type { AnchorValues, ClaimFieldChanges } from "@/lib/core/claims/shapes";
import type { AnchorState, ClaimStatus, Verdict } from "@/lib/core/vocabulary";

export interface ReanchorClaim {
  id: string;
  number: number;
  status: ClaimStatus;
  verdict: Verdict | null;
  verdictStale: boolean;
  /** Its anchor in the revision being replaced. */
  anchor: Pick<AnchorValues, "exact" | "prefix" | "suffix" | "start" | "end" | "state">;
}

export interface ReanchorOutcome {
  claimId: string;
  number: number;
  previous: ReanchorClaim["anchor"];
  anchor: AnchorValues;
  /** Fields to change on the claim, or null when the claim row stays as it is. */
  recheck: ClaimFieldChanges | null;
  /**
   * Worth an audit event (one per claim and save): its anchor state differs from the one in the
   * revision being replaced, or it is `moved` (it left its place in this revision) or `changed`
   * (its wording changed again) once more. Staying exact (offsets shifted by edits elsewhere)
   * or staying orphaned is not an event.
   */
  notable: boolean;
}

/** What a claim's fields become when the text it was checked against has changed. */
export function recheckChanges(claim: {
  status: ClaimStatus;
  verdict: Verdict | null;
  verdictStale: boolean;
}): ClaimFieldChanges {
  const changes: ClaimFieldChanges = {};
  if (claim.status === "resolved") changes.status = "in_review";
  if (claim.verdict !== null && !claim.verdictStale) changes.verdictStale = true;
  return changes;
}

/** A range the engine returned, if it is one `describeRange` accepts. */
function validRange(text: string, start: number | null, end: number | null) {
  return start !== null && end !== null && start >= 0 && end > start && end <= text.length
    ? { start, end }
    : null;
}

/**
 * Each claim's anchor in `text` and its consequences, in the order given. `previousText` is the
 * text of the revision being replaced (the one the claims' offsets refer to): with it, a claim
 * whose paragraph was moved is `moved`, not `exact` (lib/core/anchoring/blocks.ts).
 */
export function reanchorClaims(
  text: string,
  claims: readonly ReanchorClaim[],
  previousText?: string,
): ReanchorOutcome[] {
  const results = anchorMany(
    text,
    claims.map((c) => ({
      exact: c.anchor.exact,
      prefix: c.anchor.prefix,
      suffix: c.anchor.suffix,
      start: c.anchor.start,
      end: c.anchor.end,
    })),
    previousText === undefined ? {} : { previousText },
  );
  return claims.map((claim, i) => {
    const result = results[i];
    const range =
      result && result.state !== "orphaned" ? validRange(text, result.start, result.end) : null;
    const previous = claim.anchor;
    let anchor: AnchorValues;
    if (result && range) {
      const { quote } = describeRange(text, range.start, range.end);
      anchor = {
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        start: range.start,
        end: range.end,
        state: result.state,
        score: result.score,
      };
    } else {
      anchor = {
        exact: previous.exact,
        prefix: previous.prefix,
        suffix: previous.suffix,
        start: null,
        end: null,
        state: "orphaned",
        score: 0,
      };
    }
    const state: AnchorState = anchor.state;
    const recheck =
      state === "changed" && claim.status !== "dismissed" ? recheckChanges(claim) : null;
    const notable = state !== previous.state || state === "moved" || state === "changed";
    return { claimId: claim.id, number: claim.number, previous, anchor, recheck, notable };
  });
}
