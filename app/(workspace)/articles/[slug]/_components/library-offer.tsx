import { VERDICT_INFO, type Verdict } from "@/lib/core/vocabulary";
import { OfferSubmit } from "./library-offer-submit";

/**
 * After publication: the resolved claims of the published revision that are not in the claims
 * library yet, offered in one step (all ticked; untick what should stay out). Rendered on the
 * server; only the button is client code.
 */
export function LibraryOffer({
  articleId,
  claims,
}: {
  articleId: string;
  claims: { id: string; number: number; verdict: Verdict | null; quote: string }[];
}) {
  if (claims.length === 0) return null;
  return (
    <section className="card" aria-labelledby="library-offer-title" data-testid="library-offer">
      <h2 id="library-offer-title" className="section-title">
        Add to the claims library
      </h2>
      <p className="muted small">
        Published claims not in the library yet: once there, they are recognised in every article
        that makes them again.
      </p>
      <form aria-label="Claims to add to the library">
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {claims.map((c) => (
            <li key={c.id}>
              <label>
                <input type="checkbox" name="claimId" value={c.id} defaultChecked /> Claim{" "}
                {c.number}: “{c.quote}”{c.verdict ? ` — ${VERDICT_INFO[c.verdict].label}` : ""}
              </label>
            </li>
          ))}
        </ul>
        <OfferSubmit articleId={articleId} />
      </form>
    </section>
  );
}
