import type { ReviewClaim } from "@/lib/articles/read";
import { claimLook } from "./claim-style";

export function ClaimList({
  claims,
  selectedId,
  onSelect,
}: {
  claims: ReviewClaim[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  if (claims.length === 0) {
    return (
      <p className="empty">No claims yet. Select text in the article to create the first one.</p>
    );
  }
  return (
    <ol className="claim-list" aria-label="Claims">
      {claims.map((c) => {
        const look = claimLook(c);
        return (
          <li key={c.id}>
            <button type="button" aria-current={c.id === selectedId} onClick={() => onSelect(c.id)}>
              <span className="button-row">
                <strong>Claim {c.number}</strong>
                <span className={`badge ${look.className}`}>{look.label}</span>
                {c.anchor.state === "orphaned" ? (
                  <span className="badge status-dismissed">Orphaned</span>
                ) : null}
              </span>
              <span className="quote">“{c.anchor.exact}”</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
