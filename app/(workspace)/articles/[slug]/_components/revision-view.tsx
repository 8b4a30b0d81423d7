"use client";

import { useMemo, useState } from "react";
import type { DocRoot } from "@/lib/core/document/schema";
import { ANCHOR_STATE_LABELS } from "@/lib/core/vocabulary";
import type { RevisionClaim } from "@/lib/services/revisions/read";
import { ArticleViewer, type ViewerHighlight } from "./article-viewer";
import { claimLook } from "./claim-style";

const ignoreSelection = () => {};

/** One revision, read-only, with its claims drawn from that revision's anchors and listed. */
export function RevisionView({
  revision,
  claims,
}: {
  revision: { doc: DocRoot; plainText: string };
  claims: RevisionClaim[];
}) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const highlights: ViewerHighlight[] = useMemo(
    () =>
      claims.flatMap((c) => {
        if (c.anchor.start === null || c.anchor.end === null || c.status === "dismissed") return [];
        const look = claimLook(c);
        return [
          {
            id: c.id,
            start: c.anchor.start,
            end: c.anchor.end,
            className: `claim-hl ${look.className}`,
            label: `Claim ${c.number}: ${look.label}`,
            name: `Claim ${c.number}`,
          },
        ];
      }),
    [claims],
  );

  return (
    <div className="review-grid">
      <article className="card article-body">
        <ArticleViewer
          doc={revision.doc}
          expectedText={revision.plainText}
          highlights={highlights}
          selectedClaimId={selectedId}
          onActivateClaim={setSelectedId}
          onSelectText={ignoreSelection}
        />
      </article>
      <aside className="sidebar" aria-label="Claims in this revision">
        <section className="card">
          <h2 className="section-title">Claims ({claims.length})</h2>
          {claims.length === 0 ? (
            <p className="empty">No claims were anchored in this revision.</p>
          ) : (
            <ol className="claim-list" aria-label="Claims">
              {claims.map((c) => {
                const look = claimLook(c);
                return (
                  <li key={c.id}>
                    <button
                      type="button"
                      aria-current={c.id === selectedId}
                      onClick={() => setSelectedId(c.id)}
                    >
                      <span className="button-row">
                        <strong>Claim {c.number}</strong>
                        <span className={`badge ${look.className}`}>{look.label}</span>
                        <span
                          className={`badge ${c.anchor.state === "orphaned" ? "status-dismissed" : "anchor-state"}`}
                        >
                          {ANCHOR_STATE_LABELS[c.anchor.state]}
                        </span>
                      </span>
                      <span className="quote">“{c.anchor.exact}”</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </aside>
    </div>
  );
}
