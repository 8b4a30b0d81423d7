/**
 * The article workflow (DESIGN.md): draft → in_review → (changes_requested ↔ in_review) →
 * approved → published (+ retracted), and the approval gate. Pure.
 */
import type { AnchorState, ArticleState, ClaimStatus, Verdict } from "@/lib/domain/vocabulary";
import type { ARTICLE_TRANSITIONS } from "@/lib/validation/articles";

export type ArticleTransition = (typeof ARTICLE_TRANSITIONS)[number];

const TRANSITIONS: Record<
  ArticleTransition,
  { from: readonly ArticleState[]; to: ArticleState; label: string }
> = {
  submit: { from: ["draft", "changes_requested"], to: "in_review", label: "Submit for review" },
  request_changes: { from: ["in_review"], to: "changes_requested", label: "Request changes" },
  approve: { from: ["in_review"], to: "approved", label: "Approve revision" },
  publish: { from: ["approved"], to: "published", label: "Publish" },
  retract: { from: ["published"], to: "retracted", label: "Retract" },
};

/** The state a transition leads to from `state`, or null when it is not allowed there. */
export function nextState(state: ArticleState, transition: ArticleTransition): ArticleState | null {
  const t = TRANSITIONS[transition];
  return t.from.includes(state) ? t.to : null;
}

/** Transitions available from a state, in the order the UI offers them. */
export function availableTransitions(
  state: ArticleState,
): { transition: ArticleTransition; label: string }[] {
  return (Object.keys(TRANSITIONS) as ArticleTransition[])
    .filter((t) => TRANSITIONS[t].from.includes(state))
    .map((t) => ({ transition: t, label: TRANSITIONS[t].label }));
}

/**
 * Editing the text (a new revision) keeps the state while the article is being worked on. An
 * approved or published article goes back to draft: its approval was for the old text, so the
 * new one needs review and approval again (a publication is a snapshot and stays as it was).
 * A retracted article is closed.
 */
export function stateAfterEdit(state: ArticleState): ArticleState | null {
  switch (state) {
    case "draft":
    case "in_review":
    case "changes_requested":
      return state;
    case "approved":
    case "published":
      return "draft";
    case "retracted":
      return null;
  }
}

/** Verdicts that may not be published without an editor's note. */
export const VERDICTS_NEEDING_OVERRIDE: readonly Verdict[] = [
  "inaccurate",
  "unsupported",
  "misleading",
];

export interface GateClaim {
  id: string;
  number: number;
  status: ClaimStatus;
  verdict: Verdict | null;
  editorNote: string | null;
  anchor: { exact: string; state: AnchorState };
}

export interface ApprovalBlocker {
  claimId: string;
  number: number;
  quote: string;
  reason: "orphaned" | "unresolved" | "verdict_needs_note";
  message: string;
}

/**
 * Why a revision cannot be approved: every claim anchored in it that is still open or in
 * review, or resolved with a verdict that readers must not get without an editor's note, and
 * every claim whose text was not found in it (orphaned) unless marked not check-worthy: its
 * verdict speaks about words the revision no longer has, so someone must re-attach it or
 * dismiss it (an editor's note cannot stand in for that).
 */
export function approvalBlockers(claims: readonly GateClaim[]): ApprovalBlocker[] {
  const blockers: ApprovalBlocker[] = [];
  for (const c of claims) {
    const quote = c.anchor.exact.length > 80 ? `${c.anchor.exact.slice(0, 77)}…` : c.anchor.exact;
    if (c.anchor.state === "orphaned" && c.status !== "dismissed") {
      blockers.push({
        claimId: c.id,
        number: c.number,
        quote,
        reason: "orphaned",
        message: `Claim ${c.number} lost its text in this revision: re-attach it or mark it not check-worthy.`,
      });
    } else if (c.status === "open" || c.status === "in_review") {
      blockers.push({
        claimId: c.id,
        number: c.number,
        quote,
        reason: "unresolved",
        message: `Claim ${c.number} is not resolved yet.`,
      });
    } else if (
      c.status === "resolved" &&
      c.verdict !== null &&
      VERDICTS_NEEDING_OVERRIDE.includes(c.verdict) &&
      !c.editorNote?.trim()
    ) {
      blockers.push({
        claimId: c.id,
        number: c.number,
        quote,
        reason: "verdict_needs_note",
        message: `Claim ${c.number} is rated ${c.verdict}: add an editor's note to publish it anyway.`,
      });
    }
  }
  return blockers;
}
