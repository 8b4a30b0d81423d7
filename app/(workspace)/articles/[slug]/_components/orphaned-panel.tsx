"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "@/app/_components/notice";
import { VERDICT_INFO } from "@/lib/core/vocabulary";
import { reattachClaimAction } from "@/lib/entry/actions/revisions";
import type { ReviewClaim } from "@/lib/services/articles/read";
import type { TextRange } from "./article-viewer";
import { claimLook } from "./claim-style";

/**
 * Claims whose text was not found in the current revision. They stay listed here (and in the
 * claim list, badged) until someone re-attaches them to the text they now refer to, or marks
 * them not check-worthy; until then they block approval.
 */
export function OrphanedPanel({
  claims,
  revisionId,
  selection,
  canReattach,
  onShowClaim,
  onReattached,
}: {
  claims: ReviewClaim[];
  revisionId: string;
  /** The text selected in the article, if any. */
  selection: TextRange | null;
  canReattach: boolean;
  onShowClaim: (id: string) => void;
  onReattached: (id: string) => void;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function reattach(claim: ReviewClaim) {
    if (!selection) return;
    setPending(claim.id);
    setMessage(null);
    const result = await reattachClaimAction({
      claimId: claim.id,
      version: claim.version,
      revisionId,
      ...selection,
    });
    setPending(null);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setMessage({
      kind: "success",
      text: `Claim ${claim.number} re-attached to “${selection.exact}”.`,
    });
    window.getSelection()?.removeAllRanges();
    onReattached(claim.id);
    router.refresh();
  }

  if (claims.length === 0 && !message) return null;
  return (
    <section
      className="card orphaned"
      aria-labelledby="orphaned-title"
      data-testid="orphaned-panel"
    >
      <h2 id="orphaned-title" className="section-title">
        Orphaned claims ({claims.length})
      </h2>
      <FormMessage message={message} />
      {claims.length > 0 ? (
        <>
          <p className="small" id="orphaned-hint">
            Their text is not in this revision.{" "}
            {canReattach
              ? "Select the words a claim now refers to in the article, then press “Re-attach here”."
              : "A reviewer can re-attach them."}
          </p>
          <ul className="orphan-list" aria-label="Orphaned claims">
            {claims.map((c) => {
              const look = claimLook(c);
              return (
                <li key={c.id} className="orphan">
                  <div className="button-row">
                    <strong>Claim {c.number}</strong>
                    <span className={`badge ${look.className}`}>{look.label}</span>
                    {c.verdict && c.status !== "resolved" ? (
                      <span className="small muted">
                        verdict {VERDICT_INFO[c.verdict].label.toLowerCase()}
                      </span>
                    ) : null}
                  </div>
                  <span className="quote">Last text: “{c.anchor.exact}”</span>
                  <div className="button-row">
                    <button type="button" className="button" onClick={() => onShowClaim(c.id)}>
                      Open claim {c.number}
                    </button>
                    {canReattach ? (
                      <button
                        type="button"
                        className="button primary"
                        aria-label={`Re-attach claim ${c.number} here`}
                        aria-describedby="orphaned-hint"
                        disabled={!selection || pending !== null}
                        onClick={() => reattach(c)}
                      >
                        {pending === c.id ? "Re-attaching…" : "Re-attach here"}
                      </button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
