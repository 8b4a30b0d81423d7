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
  const [picked, setPicked] = useState<Set<string>>(() => new Set(claims.map((c) => c.id)));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (claims.length === 0 && !done) return null;

  async function add() {
    setPending(true);
    setError(null);
    const result = await addPublishedClaimsToLibraryAction({
      articleId,
      picks: claims.filter((c) => picked.has(c.id)).map((c) => ({ claimId: c.id })),
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    const n = picked.size;
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
                    checked={picked.has(c.id)}
                    onChange={(e) =>
                      setPicked((p) => {
                        const next = new Set(p);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
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
            disabled={pending || picked.size === 0}
          >
            {pending ? "Adding…" : `Add ${picked.size} to the library`}
          </button>
        </>
      )}
    </section>
  );
}
