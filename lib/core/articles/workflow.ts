/**
 * The article workflow (DESIGN.md): draft → in_review → (changes_requested ↔ in_review) →
 * approved → published (+ retracted), and the approval gate. Pure.
 */

import type { ARTICLE_TRANSITIONS } from "@/lib/core/validation/articles";
import {
  type AnchorState,
  type ArticleState,
  type ClaimStatus,
  VERDICT_INFO,
  type Verdict,
} from "@/lib/core/vocabulary";

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

/** A claim that stands between a revision and its approval, and what it needs. */
export interface ClaimBlocker {
  claimId: string;
  number: number;
  quote: string;
  reason: "orphaned" | "unresolved" | "verdict_needs_note";
  message: string;
}

/** Detector suggestions that nobody accepted or dismissed (lib/core/suggestions/select.ts). */
export interface SuggestionsBlocker {
  reason: "untriaged_suggestions";
  count: number;
  message: string;
}

export type ApprovalBlocker = ClaimBlocker | SuggestionsBlocker;

/**
 * Why a revision cannot be approved: every claim anchored in it that is still open or in
 * review, or resolved with a verdict that readers must not get without an editor's note, and
 * every claim whose text was not found in it (orphaned) unless marked not check-worthy: its
 * verdict speaks about words the revision no longer has, so someone must re-attach it or
 * dismiss it (an editor's note cannot stand in for that).
 *
 * Then the suggestions nobody triaged: "approved" must mean someone looked at every sentence
 * the detector found check-worthy. An editor's "reviewed, no claims needed" record on the
 * revision stands for the ones left (it is published, so readers see that call and who made it).
 * Each message says what is needed, never just that something is pending.
 */
export function approvalBlockers(claims: readonly GateClaim[]): ClaimBlocker[];
export function approvalBlockers(
  claims: readonly GateClaim[],
  suggestions: { untriaged: number; noClaimsRecorded: boolean },
): ApprovalBlocker[];
export function approvalBlockers(
  claims: readonly GateClaim[],
  suggestions: { untriaged: number; noClaimsRecorded: boolean } = {
    untriaged: 0,
    noClaimsRecorded: false,
  },
): ApprovalBlocker[] {
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
        message: `Claim ${c.number} needs a verdict.`,
      });
    } else if (needsEditorNote(c)) {
      blockers.push({
        claimId: c.id,
        number: c.number,
        quote,
        reason: "verdict_needs_note",
        message: `Claim ${c.number} (rated ${c.verdict ? VERDICT_INFO[c.verdict].label : ""}) needs an editor's note.`,
      });
    }
  }
  if (suggestions.untriaged > 0 && !suggestions.noClaimsRecorded) {
    const n = suggestions.untriaged;
    blockers.push({
      reason: "untriaged_suggestions",
      count: n,
      message: `${n} suggested claim${n === 1 ? "" : "s"} not yet triaged: accept or dismiss ${n === 1 ? "it" : "them"}, or record that the article needs no claims.`,
    });
  }
  return blockers;
}

/** A resolved claim whose verdict readers may not get without an editor's note, lacking one. */
export function needsEditorNote(c: Pick<GateClaim, "status" | "verdict" | "editorNote">): boolean {
  return (
    c.status === "resolved" &&
    c.verdict !== null &&
    VERDICTS_NEEDING_OVERRIDE.includes(c.verdict) &&
    !c.editorNote?.trim()
  );
}

/**
 * The refusal's headline: what is needed, counted per kind ("Approval is blocked: 1 claim needs
 * a verdict, 2 claims need an editor's note."); the blockers themselves carry the details.
 */
export function approvalRefusal(blockers: readonly ApprovalBlocker[]): string {
  const count = (reason: ApprovalBlocker["reason"]) =>
    blockers.filter((b) => b.reason === reason).length;
  const claims = (n: number, one: string, many: string) =>
    `${n} claim${n === 1 ? ` ${one}` : `s ${many}`}`;
  const parts: string[] = [];
  const unresolved = count("unresolved");
  if (unresolved) parts.push(claims(unresolved, "needs a verdict", "need a verdict"));
  const notes = count("verdict_needs_note");
  if (notes) parts.push(claims(notes, "needs an editor's note", "need an editor's note"));
  const orphaned = count("orphaned");
  if (orphaned)
    parts.push(
      claims(
        orphaned,
        "needs re-attaching or marking not check-worthy",
        "need re-attaching or marking not check-worthy",
      ),
    );
  for (const b of blockers)
    if (b.reason === "untriaged_suggestions") parts.push(b.message.replace(/\.$/, ""));
  return `Approval is blocked: ${parts.join("; ")}.`;
}
