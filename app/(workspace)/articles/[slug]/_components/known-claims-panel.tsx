"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { dateTimeFormat } from "@/app/_components/date-format";
import { ErrorAlert } from "@/app/_components/notice";
import { LIBRARY_RELATION_LABELS, VERDICT_INFO } from "@/lib/core/vocabulary";
import {
  acceptLibraryMatchAction,
  dismissLibraryMatchAction,
  matchRevisionWithLibraryAction,
} from "@/lib/entry/actions/library-matches";
import type { KnownClaim } from "@/lib/services/library/read";

/** The id of a known claim's item in the panel (the article's mark scrolls to it). */
export const knownClaimElementId = (matchId: string) => `known-${matchId}`;

/**
 * Sentences and claims the claims library recognises, above the rule-based suggestions: the
 * entry's wording with the words that differ marked, how it was rated, its evidence, reviewer
 * and date, and whether the text makes the same claim or states its opposite. Accept makes a
 * claim linked to the entry with its review pre-filled (in review until confirmed here);
 * Dismiss is remembered for this sentence of this article.
 */
export function KnownClaimsPanel({
  revisionId,
  known,
  checkedAt,
  canAct,
  canCheck,
  onCreated,
}: {
  revisionId: string;
  known: KnownClaim[];
  checkedAt: Date | null;
  canAct: boolean;
  canCheck: boolean;
  onCreated: (claimId: string) => void;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function run<T>(
    key: string,
    work: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>,
  ) {
    setBusy(key);
    setError(null);
    setStatus(null);
    const result = await work();
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    return result.data;
  }

  async function accept(k: KnownClaim) {
    const data = await run(k.id, () => acceptLibraryMatchAction({ matchId: k.id }));
    if (!data) return;
    onCreated(data.claimId);
    router.refresh();
  }

  async function dismiss(k: KnownClaim) {
    if (await run(k.id, () => dismissLibraryMatchAction({ matchId: k.id }))) router.refresh();
  }

  async function check() {
    const data = await run("check", () => matchRevisionWithLibraryAction({ revisionId }));
    if (!data) return;
    setStatus(
      data.matches === 0
        ? "Checked against the library: no known claims in this revision."
        : `Checked against the library: ${data.same} same, ${data.opposite} opposite.`,
    );
    router.refresh();
  }

  return (
    <section className="known-claims" aria-labelledby="known-claims-title">
      <div className="known-claims-head">
        <h3 id="known-claims-title" className="section-title">
          Known claims ({known.length})
        </h3>
        {canCheck ? (
          <button type="button" className="button" onClick={check} disabled={busy !== null}>
            {busy === "check" ? "Checking…" : "Check against library"}
          </button>
        ) : null}
      </div>
      <ErrorAlert message={error} />
      {status ? (
        <p className="muted small" role="status">
          {status}
        </p>
      ) : null}
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
                <div className="button-row">
                  <button
                    type="button"
                    className="button"
                    disabled={busy !== null}
                    onClick={() => accept(k)}
                    aria-label={`Accept known claim K${k.entryNumber} for: ${k.text.slice(0, 60)}`}
                  >
                    {busy === k.id ? "Accepting…" : "Accept"}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy !== null}
                    onClick={() => dismiss(k)}
                    aria-label={`Dismiss known claim K${k.entryNumber} for: ${k.text.slice(0, 60)}`}
                  >
                    Dismiss
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
