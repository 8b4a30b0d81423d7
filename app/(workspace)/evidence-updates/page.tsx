import type { Metadata } from "next";
import Link from "next/link";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { REFERENCE_FLAG_LABELS } from "@/lib/core/evidence-vocabulary";
import {
  NOTICE_ORIGIN_LABELS,
  type NoticeOrigin,
  noticeDateInWords,
} from "@/lib/core/references/notices";
import { CLAIM_STATUS_LABELS } from "@/lib/core/vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getEvidenceUpdates } from "@/lib/services/references/watch-read";
import { RunWatchButton } from "./run-watch-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Evidence updates — Claimdesk" };

const originLabel = (origin: string) => NOTICE_ORIGIN_LABELS[origin as NoticeOrigin] ?? origin;

/**
 * Evidence updates: what the retraction watch found (docs/evidence.md) — cited studies that
 * were retracted, withdrawn, put under an expression of concern or corrected, the claims citing
 * them and the publications that gained a notice — and its last run. Editors can run it now.
 */
export default async function EvidenceUpdatesPage() {
  const actor = await requireActorOrRedirect("/evidence-updates");
  const { references, lastRun, nextRunAt } = await getEvidenceUpdates(await getDb(), actor);
  const s = lastRun?.summary ?? null;

  return (
    <div className="page page-wide stack">
      <div className="page-header">
        <div>
          <h1>Evidence updates</h1>
          <p className="muted">
            Cited studies checked against Crossref (with Retraction Watch’s data) and PubMed for
            retractions, withdrawals, expressions of concern and corrections.
          </p>
        </div>
      </div>

      <section className="card stack" aria-labelledby="last-run-title">
        <h2 id="last-run-title" className="section-title">
          The watch
        </h2>
        {lastRun ? (
          <p data-testid="last-run">
            Last run {dateTimeFormat.format(lastRun.finishedAt)}
            {s?.by ? ` by ${s.by}` : " (scheduled)"}:{" "}
            {s
              ? `${s.checked} references checked, ${s.flagged} newly flagged, ${s.errors.length} errors; requests made: Crossref ${s.requests.crossref}, NCBI ${s.requests.ncbi}.`
              : `failed: ${lastRun.error ?? "unknown error"}.`}
            {s && s.errors.length > 0 ? ` ${s.errors.join(" ")}` : ""}
          </p>
        ) : (
          <p className="empty">The watch has not run yet.</p>
        )}
        <p className="muted">
          {nextRunAt
            ? `Next scheduled run: ${dateTimeFormat.format(nextRunAt)}.`
            : "The schedule is off (CLAIMDESK_WATCH_INTERVAL_HOURS=0); run it here or with `claimdesk watch`."}
        </p>
        {can(actor, "reference:watch") ? <RunWatchButton /> : null}
      </section>

      {references.length === 0 ? (
        <p className="empty">No cited study has a notice.</p>
      ) : (
        <ul className="stack" aria-label="Flagged references">
          {references.map((r) => (
            <li key={r.id} className="card stack" data-testid="flagged-reference">
              <h2 className="section-title">
                <span className={`badge flag-${r.flag}`}>
                  {r.flag ? REFERENCE_FLAG_LABELS[r.flag] : ""}
                </span>{" "}
                R{r.number}: {r.title}
              </h2>
              <p className="muted">
                {[
                  r.authors,
                  r.journal,
                  r.year,
                  r.doi ? `DOI ${r.doi}` : null,
                  r.pmid ? `PMID ${r.pmid}` : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
                {r.flaggedAt ? ` — flagged ${dateTimeFormat.format(r.flaggedAt)}` : ""}
              </p>
              <h3 className="section-title">Notices</h3>
              <ul>
                {r.notices.map((n) => (
                  <li key={`${n.kind}-${n.origin}`}>
                    {REFERENCE_FLAG_LABELS[n.kind]}
                    {n.noticeDate ? ` on ${noticeDateInWords(n.noticeDate)}` : ""} (
                    {originLabel(n.origin)})
                    {n.noticeDoi ? (
                      <>
                        {" "}
                        — <a href={`https://doi.org/${n.noticeDoi}`}>notice {n.noticeDoi}</a>
                      </>
                    ) : n.noticePmid ? (
                      <>
                        {" "}
                        —{" "}
                        <a href={`https://pubmed.ncbi.nlm.nih.gov/${n.noticePmid}/`}>
                          notice PMID {n.noticePmid}
                        </a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
              <h3 className="section-title">Claims citing it</h3>
              {r.claims.length === 0 ? (
                <p className="empty">None.</p>
              ) : (
                <ul aria-label={`Claims citing R${r.number}`}>
                  {r.claims.map((c) => (
                    <li key={c.claimId}>
                      <Link href={`/articles/${c.articleSlug}?claim=${c.claimId}`}>
                        Claim {c.number}
                      </Link>{" "}
                      in “{c.articleTitle}” — {CLAIM_STATUS_LABELS[c.status]}
                      {c.recheckReason ? (
                        <span className="muted"> (re-check: {c.recheckReason})</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              <h3 className="section-title">Publications with an evidence update</h3>
              {r.publications.length === 0 ? (
                <p className="empty">None.</p>
              ) : (
                <ul>
                  {r.publications.map((p) => (
                    <li key={`${p.articleSlug}-${p.publicationNumber}`}>
                      <a href={`/p/${p.articleSlug}/v/${p.publicationNumber}`}>
                        “{p.articleTitle}”, version {p.publicationNumber}
                      </a>{" "}
                      — {dateTimeFormat.format(p.createdAt)}: {p.text}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
