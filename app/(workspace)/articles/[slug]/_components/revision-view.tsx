"use client";

import { useMemo, useState } from "react";
import type { DocRoot } from "@/lib/core/document/schema";
import type { RevisionClaim } from "@/lib/services/revisions/read";
import { ArticleViewer, type ViewerHighlight } from "./article-viewer";
import { ClaimListItem } from "./claim-list-item";
import { claimLook } from "./claim-style";

const ignoreSelection = () => {};

/** One revision, read-only, with its claims drawn from that revision's anchors and listed. */
export function RevisionView({
  revision,
  claims,
}: {
  revision: { doc: DocRoot; textFingerprint: string };
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
          expectedFingerprint={revision.textFingerprint}
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
              {claims.map((c) => (
                <ClaimListItem
                  key={c.id}
                  claim={c}
                  anchor="always"
                  selected={c.id === selectedId}
                  onSelect={() => setSelectedId(c.id)}
                />
              ))}
            </ol>
          )}
        </section>
      </aside>
    </div>
  );
}
