"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/app/_components/notice";
import { VERDICT_INFO, type Verdict } from "@/lib/core/vocabulary";
import { addPublishedClaimsToLibraryAction } from "@/lib/entry/actions/library";

/**
 * After publication: the resolved claims of the published revision that are not in the claims
 * library yet, offered in one step (all ticked; untick what should stay out).
 */
export function LibraryOffer({
  articleId,
  claims,
}: {
  articleId: string;
  claims: { id: string; number: number; verdict: Verdict | null; quote: string }[];
}) {
  const router = useRouter();
  // What was unticked (the offer arrives with the page refreshed after publishing: every claim
  // offered is ticked unless someone unticked it).
  const [left, setLeft] = useState<ReadonlySet<string>>(() => new Set());
  const picked = claims.filter((c) => !left.has(c.id));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (claims.length === 0 && !done) return null;

  async function add() {
    setPending(true);
    setError(null);
    const result = await addPublishedClaimsToLibraryAction({
      articleId,
      picks: picked.map((c) => ({ claimId: c.id })),
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    const n = picked.length;
    setDone(`Added ${n} claim${n === 1 ? "" : "s"} to the claims library.`);
    router.refresh();
  }

  return (
    <section className="card" aria-labelledby="library-offer-title" data-testid="library-offer">
      <h2 id="library-offer-title" className="section-title">
        Add to the claims library
      </h2>
      {done ? (
        <p role="status">{done}</p>
      ) : (
        <>
          <p className="muted small">
            Published claims not in the library yet: once there, they are recognised in every
            article that makes them again.
          </p>
          <ErrorAlert message={error} />
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {claims.map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={!left.has(c.id)}
                    onChange={(e) =>
                      setLeft((l) => {
                        const next = new Set(l);
                        if (e.target.checked) next.delete(c.id);
                        else next.add(c.id);
                        return next;
                      })
                    }
                  />{" "}
                  Claim {c.number}: “{c.quote}”
                  {c.verdict ? ` — ${VERDICT_INFO[c.verdict].label}` : ""}
                </label>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button primary"
            onClick={add}
            disabled={pending || picked.length === 0}
          >
            {pending ? "Adding…" : `Add ${picked.length} to the library`}
          </button>
        </>
      )}
    </section>
  );
}
