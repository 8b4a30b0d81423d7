"use client";

import { useRouter } from "next/navigation";
import { lazy, useState } from "react";
import { AfterHydration } from "@/app/_components/after-hydration";
import type { PublicationSummary } from "@/db/queries/publications";
import type { ApprovalBlocker, ArticleTransition } from "@/lib/core/articles/workflow";
import { availableTransitions } from "@/lib/core/articles/workflow";
import { ARTICLE_STATE_LABELS, type ArticleState } from "@/lib/core/vocabulary";
import { transitionArticleAction } from "@/lib/entry/actions/articles";
import type { ClaimNeedingNote } from "./approval-forms";

// Loaded when shown, not with the review page (its first-load budget is spent).
const NoClaimsRecord = lazy(() =>
  import("./approval-forms").then((m) => ({ default: m.NoClaimsRecord })),
);
const NoClaimsForm = lazy(() =>
  import("./approval-forms").then((m) => ({ default: m.NoClaimsForm })),
);
const EditorNotesForm = lazy(() =>
  import("./approval-forms").then((m) => ({ default: m.EditorNotesForm })),
);

export function WorkflowPanel({
  articleId,
  state,
  version,
  canTransition,
  blockers,
  slug,
  publication,
  onShowClaim,
  revisionId,
  noClaims,
  canOverride,
  claimsNeedingNote,
  hasClaims,
}: {
  articleId: string;
  state: ArticleState;
  version: number;
  canTransition: boolean;
  blockers: ApprovalBlocker[];
  slug: string;
  /** The latest publication, once the article was published. */
  publication: PublicationSummary | null;
  onShowClaim: (id: string) => void;
  revisionId: string;
  /** The revision's "reviewed, no claims needed" record, if any. */
  noClaims: { note: string; at: Date; byName: string } | null;
  /** Whether the actor may write editor's notes and the no-claims record. */
  canOverride: boolean;
  claimsNeedingNote: ClaimNeedingNote[];
  /** Whether the revision has claims that are published (not dismissed). */
  hasClaims: boolean;
}) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ message: string; blockers: ApprovalBlocker[] } | null>(null);
  const [pending, setPending] = useState<ArticleTransition | null>(null);
  const transitions = availableTransitions(state);

  async function go(transition: ArticleTransition) {
    setPending(transition);
    setError(null);
    const result = await transitionArticleAction({ articleId, transition, note, version });
    setPending(null);
    if (!result.ok) {
      const { error } = result;
      const blockers = error.code === "rule" ? error.details?.blockers : undefined;
      setError({ message: error.message, blockers: blockers ?? [] });
      return;
    }
    setNote("");
    router.refresh();
  }

  // Blockers come from the server's current data, so they clear as soon as claims are fixed;
  // a refusal because of blockers is stale once none are left.
  const shownBlockers = state === "in_review" ? blockers : [];
  const shownError = error && (error.blockers.length === 0 || blockers.length > 0) ? error : null;
  // The record and the notes belong to the review: once approved, the revision is decided.
  const reviewing = state === "draft" || state === "in_review" || state === "changes_requested";
  const untriaged = blockers.some((b) => b.reason === "untriaged_suggestions");

  return (
    <section className="card" aria-labelledby="workflow-title">
      <h2 id="workflow-title" className="section-title">
        Workflow
      </h2>
      <p style={{ margin: "0 0 0.75rem" }}>
        State:{" "}
        <span className={`badge state-${state}`} data-testid="article-state">
          {ARTICLE_STATE_LABELS[state]}
        </span>
      </p>
      {publication ? <PublicationInfo slug={slug} publication={publication} /> : null}
      {shownError ? (
        <div className="alert error" role="alert">
          {shownError.message}
        </div>
      ) : null}
      {shownBlockers.length > 0 ? (
        <div className="alert warning" data-testid="approval-blockers">
          <strong>Blocking approval</strong>
          <ul>
            {shownBlockers.map((b) =>
              b.reason === "untriaged_suggestions" ? (
                <li key="suggestions">{b.message}</li>
              ) : (
                <li key={b.claimId}>
                  <button
                    type="button"
                    className="button"
                    style={{ padding: "0 0.4rem" }}
                    onClick={() => onShowClaim(b.claimId)}
                  >
                    Claim {b.number}
                  </button>{" "}
                  {b.message}
                </li>
              ),
            )}
          </ul>
        </div>
      ) : null}
      <AfterHydration>
        {noClaims ? <NoClaimsRecord record={noClaims} hasClaims={hasClaims} /> : null}
        {canOverride && reviewing && claimsNeedingNote.length > 0 ? (
          <EditorNotesForm
            key={claimsNeedingNote.map((c) => `${c.id}@${c.version}`).join(" ")}
            claims={claimsNeedingNote}
          />
        ) : null}
        {canOverride && reviewing && untriaged && !noClaims ? (
          <NoClaimsForm articleId={articleId} revisionId={revisionId} />
        ) : null}
      </AfterHydration>
      {canTransition && transitions.length > 0 ? (
        <>
          <div className="field">
            <label htmlFor="workflow-note">
              {state === "published"
                ? "Note (required to retract: readers see it)"
                : "Note (optional)"}
            </label>
            <textarea
              id="workflow-note"
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <div className="button-row">
            {transitions.map((t) => (
              <button
                key={t.transition}
                type="button"
                className={
                  t.transition === "approve" || t.transition === "submit"
                    ? "button primary"
                    : "button"
                }
                disabled={pending !== null}
                onClick={() => go(t.transition)}
              >
                {pending === t.transition ? "Working…" : t.label}
              </button>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

const publishedFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
});

/** Where the article is public, which version, since when, and its retraction if any. */
function PublicationInfo({ slug, publication }: { slug: string; publication: PublicationSummary }) {
  const href = `/p/${encodeURIComponent(slug)}`;
  return (
    <div className="alert" data-testid="publication-info">
      <p style={{ margin: 0 }}>
        Published as{" "}
        <a href={href} target="_blank" rel="noopener">
          version {publication.number}
        </a>{" "}
        on {publishedFormat.format(publication.publishedAt)}
        {publication.publishedByName ? ` by ${publication.publishedByName}` : ""}.
      </p>
      {publication.retractedAt ? (
        <p style={{ margin: "0.5rem 0 0" }}>
          <strong>Retracted</strong> on {publishedFormat.format(publication.retractedAt)}:{" "}
          {publication.retractionNote}
        </p>
      ) : null}
    </div>
  );
}
