import { dateTimeFormat } from "@/app/_components/date-format";
import { LIBRARY_RELATION_LABELS, VERDICT_INFO } from "@/lib/core/vocabulary";
import type { KnownClaim } from "@/lib/services/library/read";
import { CheckLibraryButton, KnownClaimActions } from "./known-claim-actions";
import { knownClaimElementId } from "./known-claim-id";

/**
 * Sentences and claims the claims library recognises, above the rule-based suggestions: the
 * entry's wording with the words that differ marked, how it was rated, its evidence, reviewer
 * and date, and whether the text makes the same claim or states its opposite. Accept makes a
 * claim linked to the entry with its review pre-filled (in review until confirmed here);
 * Dismiss is remembered for this sentence of this article. Rendered on the server (the review
 * page's First Load JS budget): only its buttons are client code.
 */
export function KnownClaimsPanel({
  revisionId,
  known,
  checkedAt,
  canAct,
  canCheck,
}: {
  revisionId: string;
  known: KnownClaim[];
  checkedAt: Date | null;
  canAct: boolean;
  canCheck: boolean;
}) {
  return (
    <section className="known-claims" aria-labelledby="known-claims-title">
      <div className="known-claims-head">
        <h3 id="known-claims-title" className="section-title">
          Known claims ({known.length})
        </h3>
        {canCheck ? <CheckLibraryButton revisionId={revisionId} /> : null}
      </div>
      {known.length === 0 ? (
        <p className="empty">
          {checkedAt
            ? `No sentence matches the claims library (checked ${dateTimeFormat.format(checkedAt)}).`
            : "Not checked against the claims library yet."}
        </p>
      ) : (
        <ol className="suggestion-list" aria-label="Known claims">
          {known.map((k) => (
            <li
              key={k.id}
              id={knownClaimElementId(k.id)}
              tabIndex={-1}
              className={`suggestion known-claim known-${k.relation}`}
              data-testid="known-claim"
            >
              <p className="small flush">
                <span className={`badge relation-${k.relation}`}>
                  {LIBRARY_RELATION_LABELS[k.relation]}
                </span>{" "}
                <a href={`/library/${k.entryNumber}`}>K{k.entryNumber}</a>{" "}
                <span className="known-wording" title="Words that differ from the text are marked">
                  {k.runs.map((r, i) =>
                    r.differs ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: runs are fixed for the render
                      <mark key={i} className="differs">
                        {r.text}
                      </mark>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: runs are fixed for the render
                      <span key={i}>{r.text}</span>
                    ),
                  )}
                </span>
              </p>
              <p className="quote small flush">{k.text}</p>
              <p className="muted small flush">
                {k.external
                  ? `Rated “${k.external.rating ?? "unrated"}” by ${k.external.publisher ?? "another publisher"}`
                  : k.verdict
                    ? `Our verdict: ${VERDICT_INFO[k.verdict].label}`
                    : "Not rated yet"}
                {" · "}
                {k.evidenceCount} evidence item{k.evidenceCount === 1 ? "" : "s"}
                {k.reviewerName ? ` · reviewed by ${k.reviewerName}` : ""}
                {k.reviewedAt ? `, ${dateTimeFormat.format(k.reviewedAt)}` : ""}
                {k.relation === "opposite" ? " · its verdict does not carry over" : ""}
              </p>
              {canAct ? (
                <KnownClaimActions
                  matchId={k.id}
                  label={`known claim K${k.entryNumber} for: ${k.text.slice(0, 60)}`}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
