"use client";

import { useRouter } from "next/navigation";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { AfterHydration } from "@/app/_components/after-hydration";
import { ErrorAlert } from "@/app/_components/notice";
import { setLiveFocus } from "@/app/(workspace)/_components/live-bus";
import { VERDICT_INFO } from "@/lib/core/vocabulary";
import { createClaimAction } from "@/lib/entry/actions/claims";
import type { ReviewData } from "@/lib/services/articles/read";
import { ArticleViewer, type TextRange, type ViewerHighlight } from "./article-viewer";
import { ClaimList, type ClaimListView, DEFAULT_LIST_VIEW } from "./claim-list";
import { ClaimPanel } from "./claim-panel";
import { claimLook } from "./claim-style";
import type { DeletedClaim } from "./delete-claim";
import { DismissedSuggestions } from "./dismissed-suggestions";
import { knownClaimElementId } from "./known-claim-id";
import { Legend } from "./legend";
import type { PresentPerson } from "./live-presence";
import { ReviewContext } from "./review-context";
import { SuggestionsPanel } from "./suggestions-panel";
import { WorkflowPanel } from "./workflow-panel";

// After the page: the live connection's review side (its first-load budget is spent).
const LiveReview = lazy(() => import("./live-review"));
// Loaded when shown, not with the review page (its first-load budget is spent).
const DeletedClaimNotice = lazy(() =>
  import("./deleted-claim-notice").then((m) => ({ default: m.DeletedClaimNotice })),
);
const OrphanedPanel = lazy(() =>
  import("./orphaned-panel").then((m) => ({ default: m.OrphanedPanel })),
);

export interface ReviewPermissions {
  createClaim: boolean;
  updateClaim: boolean;
  /** Re-check the revision against the claims library on demand. */
  checkLibrary: boolean;
  override: boolean;
  transition: boolean;
  assign: boolean;
}

/** The review page's interactive part: article, selection, claims and the claim panel. */
export function ReviewWorkspace({
  data,
  can,
  initialClaimId = null,
  knownClaims = null,
  libraryOffer = null,
}: {
  data: ReviewData;
  can: ReviewPermissions;
  initialClaimId?: string | null;
  /** The "Known claims" panel and the publication's library offer, rendered on the server. */
  knownClaims?: ReactNode;
  libraryOffer?: ReactNode;
}) {
  const router = useRouter();
  const [selectedId, setSelectedId] = useState<string | null>(initialClaimId);
  const [selection, setSelection] = useState<TextRange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // The claim being created, drawn at once: on a long article the refreshed page with the new
  // claim takes a while, and the selection must not look forgotten meanwhile. Cleared once the
  // page's claims hold its id (or on an error).
  const [pending, setPending] = useState<{ id: string | null; range: TextRange } | null>(null);
  // Kept here, not in the list, so filters survive opening a claim and coming back.
  const [listView, setListView] = useState<ClaimListView>(DEFAULT_LIST_VIEW);
  // What the last save did, shown by the claim panel remounted for the version it produced.
  const [savedNotice, setSavedNotice] = useState<{ key: string; text: string } | null>(null);
  // The claim just deleted from the panel, for the "deleted" notice and its Undo.
  const [deleted, setDeleted] = useState<DeletedClaim | null>(null);
  // What a server-rendered panel just did ("Added 2 claims to the claims library").
  const [notice, setNotice] = useState<string | null>(null);
  // Who else is on the page, and who last changed each claim (live-review.tsx).
  const [people, setPeople] = useState<PresentPerson[]>([]);
  const [changedBy, setChangedBy] = useState<Record<string, string>>({});
  const review = useMemo(
    () => ({ selectClaim: setSelectedId, notify: setNotice, people, changedBy }),
    [people, changedBy],
  );
  // Before the layout's live connection opens (its effect runs after this one): straight to
  // this article's stream, not a first one without it while live-review.tsx loads.
  useEffect(
    () => setLiveFocus({ articleId: data.article.id, claimId: null, editing: false }),
    [data.article.id],
  );
  const onChangedBy = useCallback(
    (id: string, name: string) => setChangedBy((m) => ({ ...m, [id]: name })),
    [],
  );

  // The claims the approval panel offers one editor's note for, as the gate listed them.
  const claimsNeedingNote = useMemo(
    () =>
      data.blockers.flatMap((b) => {
        if (b.reason !== "verdict_needs_note") return [];
        const c = data.claims.find((x) => x.id === b.claimId);
        return c?.verdict
          ? [
              {
                id: c.id,
                number: c.number,
                version: c.version,
                verdictLabel: VERDICT_INFO[c.verdict].label,
              },
            ]
          : [];
      }),
    [data.blockers, data.claims],
  );

  const highlights: ViewerHighlight[] = useMemo(
    () =>
      data.claims
        .filter((c) => c.anchor.start !== null && c.anchor.end !== null && c.status !== "dismissed")
        .map((c) => {
          const look = claimLook(c);
          return {
            id: c.id,
            start: c.anchor.start ?? 0,
            end: c.anchor.end ?? 0,
            className: `claim-hl ${look.className}`,
            label: `Claim ${c.number}: ${look.label}`,
            name: `Claim ${c.number}`,
          };
        }),
    [data.claims],
  );
  // Sentences the claims library recognises (a claim's own match is shown by its claim's mark).
  const knownHighlights: ViewerHighlight[] = useMemo(
    () =>
      data.knownClaims
        .filter((k) => k.claimId === null)
        .map((k) => ({
          id: `known:${k.id}`,
          start: k.start,
          end: k.end,
          className: `known-hl known-${k.relation}`,
          label: `Known claim K${k.entryNumber}: ${k.relation === "same" ? "same claim" : "states the opposite"}`,
          name: `Known claim K${k.entryNumber}`,
        })),
    [data.knownClaims],
  );
  useEffect(() => {
    if (pending?.id && data.claims.some((c) => c.id === pending.id)) setPending(null);
  }, [pending, data.claims]);
  const allHighlights = useMemo(
    () =>
      pending
        ? [
            ...knownHighlights,
            ...highlights,
            {
              id: "pending",
              start: pending.range.start,
              end: pending.range.end,
              className: "claim-hl claim-pending",
              label: "New claim: being created",
              name: "New claim",
            },
          ]
        : [...knownHighlights, ...highlights],
    [knownHighlights, highlights, pending],
  );
  // A known claim's mark takes the focus to its item in the panel; a claim's mark opens it.
  const activate = useCallback((id: string) => {
    if (id === "pending") return;
    if (!id.startsWith("known:")) return setSelectedId(id);
    // The list (and the panel in it) shows once no claim is open.
    setSelectedId(null);
    setTimeout(() => document.getElementById(knownClaimElementId(id.slice(6)))?.focus());
  }, []);

  const createClaim = useCallback(async () => {
    if (!selection || creating) return;
    setCreating(true);
    setError(null);
    setPending({ id: null, range: selection });
    const result = await createClaimAction({ revisionId: data.revision.id, ...selection });
    setCreating(false);
    if (!result.ok) {
      setPending(null);
      setError(result.error.message);
      return;
    }
    setPending({ id: result.data.id, range: selection });
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    setSelectedId(result.data.id);
    router.refresh();
  }, [selection, creating, data.revision.id, router]);

  // Keyboard: with text selected in the article, "c" creates a claim; Escape clears.
  useEffect(() => {
    if (!selection || !can.createClaim) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      if (event.key === "c" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        void createClaim();
      } else if (event.key === "Escape") {
        setSelection(null);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selection, can.createClaim, createClaim]);

  const selected = data.claims.find((c) => c.id === selectedId) ?? null;
  const orphaned = useMemo(
    () => data.claims.filter((c) => c.anchor.state === "orphaned" && c.status !== "dismissed"),
    [data.claims],
  );

  return (
    <ReviewContext.Provider value={review}>
      <Suspense>
        <LiveReview
          articleId={data.article.id}
          claimId={selected?.id ?? null}
          onPresence={setPeople}
          onChangedBy={onChangedBy}
        />
      </Suspense>
      <div className="review-grid">
        <div>
          {selection && can.createClaim ? (
            <section className="selection-bar" aria-label="Selected text">
              <q>{selection.exact}</q>
              <button
                type="button"
                className="button primary"
                onClick={createClaim}
                disabled={creating}
              >
                {creating ? "Creating…" : "Create claim"}
              </button>
              <span className="muted small">
                or press <kbd>C</kbd>
              </span>
            </section>
          ) : null}
          <ErrorAlert message={error} />
          <article className="card article-body">
            <ArticleViewer
              doc={data.revision.doc}
              expectedFingerprint={data.revision.textFingerprint}
              highlights={allHighlights}
              selectedClaimId={selectedId}
              onActivateClaim={activate}
              onSelectText={setSelection}
            />
          </article>
        </div>
        <aside className="sidebar stack" aria-label="Review">
          <WorkflowPanel
            articleId={data.article.id}
            state={data.article.state}
            version={data.article.version}
            canTransition={can.transition}
            blockers={data.blockers}
            slug={data.article.slug}
            publication={data.publications[0] ?? null}
            onShowClaim={setSelectedId}
            revisionId={data.revision.id}
            noClaims={data.revision.noClaims}
            canOverride={can.override}
            claimsNeedingNote={claimsNeedingNote}
            hasClaims={data.claims.some((c) => c.status !== "dismissed")}
          />
          {notice ? (
            <p className="alert success" role="status" data-testid="review-notice">
              {notice}
            </p>
          ) : null}
          {libraryOffer}
          <AfterHydration>
            <OrphanedPanel
              claims={orphaned}
              revisionId={data.revision.id}
              selection={selection}
              canReattach={can.updateClaim}
              onShowClaim={setSelectedId}
              onReattached={(id) => {
                setSelection(null);
                setSelectedId(id);
              }}
            />
          </AfterHydration>
          <div className="card">
            {selected ? (
              <ClaimPanel
                // Not remounted for a new version: a change made elsewhere must not replace
                // what is being typed (the panel offers their version instead).
                key={selected.id}
                claim={selected}
                notice={
                  savedNotice?.key === `${selected.id}:${selected.version}`
                    ? savedNotice.text
                    : null
                }
                onSaved={(version, text) =>
                  setSavedNotice({ key: `${selected.id}:${version}`, text })
                }
                canEdit={can.updateClaim}
                canOverride={can.override}
                canAssign={can.assign}
                canComment={data.canComment}
                assignableUsers={data.assignableUsers}
                onDeleted={(d) => {
                  setDeleted(d);
                  setSelectedId(null);
                }}
                onClose={() => setSelectedId(null)}
              />
            ) : (
              <>
                {deleted ? (
                  <AfterHydration>
                    <DeletedClaimNotice
                      key={deleted.id}
                      deleted={deleted}
                      onRestored={(id) => {
                        setDeleted(null);
                        setSelectedId(id);
                      }}
                      onDismiss={() => setDeleted(null)}
                    />
                  </AfterHydration>
                ) : null}
                <h2 className="section-title">Claims ({data.claims.length})</h2>
                <Legend />
                <div style={{ marginTop: "0.75rem" }}>
                  <ClaimList
                    claims={data.claims}
                    selectedId={selectedId}
                    onSelect={setSelectedId}
                    view={listView}
                    onViewChange={setListView}
                  />
                </div>
                <div style={{ marginTop: "1rem" }}>{knownClaims}</div>
                {can.createClaim ? (
                  <div style={{ marginTop: "1rem" }}>
                    <SuggestionsPanel
                      articleId={data.article.id}
                      revisionId={data.revision.id}
                      suggestions={data.suggestions}
                      paging={data.suggestionsPaging}
                      slug={data.article.slug}
                      onCreated={setSelectedId}
                    />
                    <DismissedSuggestions
                      articleId={data.article.id}
                      dismissed={data.dismissedSuggestions}
                    />
                  </div>
                ) : null}
              </>
            )}
          </div>
        </aside>
      </div>
    </ReviewContext.Provider>
  );
}
