import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { actionInWords } from "@/lib/core/audit/words";
import { can } from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { entryLabel } from "@/lib/core/library/accept";
import {
  CLAIM_STATUS_LABELS,
  LIBRARY_RELATION_LABELS,
  LIBRARY_STATE_LABELS,
  VERDICT_INFO,
} from "@/lib/core/vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getLibraryEntryPage } from "@/lib/services/library/read";
import { EntryActions } from "./entry-actions";
import { EntryForm } from "./entry-form";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ number: string }> };

/** "12" or "K12". */
const entryNumber = (raw: string) => {
  const m = /^k?(\d{1,9})$/i.exec(decodeURIComponent(raw));
  return m ? Number(m[1]) : null;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const n = entryNumber((await params).number);
  return { title: n ? `Known claim ${entryLabel(n)}` : "Known claim" };
}

/**
 * One library entry: its wording and variants, how it was rated (our verdict, or another
 * publisher's rating), evidence, history, and where it is used — the claims linked to it and the
 * publications that carry them, each with "Start a correction" (a new revision of the article).
 */
export default async function LibraryEntryPage({ params }: Params) {
  const raw = (await params).number;
  const actor = await requireActorOrRedirect(`/library/${raw}`);
  const number = entryNumber(raw);
  if (number === null) notFound();
  const db = await getDb();
  const { entry, usage, similar } = await getLibraryEntryPage(db, actor, number).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    },
  );
  const mayEdit = can(actor, "library:write") && entry.state === "current";
  const mayManage = can(actor, "library:manage") && entry.state === "current";
  const mayCorrect = can(actor, "article:edit");
  const variants = entry.phrasings.filter((p) => !p.canonical);
  const affected = usage.publications;

  return (
    <div className="page">
      <p>
        <Link href="/library">← Claims library</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            Known claim {entryLabel(entry.number)}{" "}
            <span className={`badge state-${entry.state}`} data-testid="entry-state">
              {LIBRARY_STATE_LABELS[entry.state]}
            </span>
          </h1>
          <p className="muted small flush">
            {entry.reviewedByName
              ? `Reviewed by ${entry.reviewedByName}${entry.reviewedByCredentials ? `, ${entry.reviewedByCredentials}` : ""}`
              : "Not reviewed yet"}
            {entry.reviewedAt ? ` · ${dateTimeFormat.format(entry.reviewedAt)}` : ""}
            {entry.reviewDue ? ` · review due ${entry.reviewDue}` : ""}
          </p>
        </div>
      </div>

      <section className="card stack" aria-label="The claim">
        <blockquote className="panel-quote" data-testid="entry-wording">
          “{entry.canonicalText}”
        </blockquote>
        <p data-testid="entry-rating">
          {entry.origin === "external" ? (
            <>
              Rated “{entry.externalRating ?? "unrated"}” by {entry.externalPublisher}
              {entry.externalUrl ? (
                <>
                  {" · "}
                  <a href={entry.externalUrl} rel="nofollow noopener noreferrer" target="_blank">
                    their review
                  </a>
                </>
              ) : null}
              <span className="muted small"> — another publisher's rating, not our verdict.</span>
            </>
          ) : entry.verdict ? (
            <>
              Our verdict:{" "}
              <span className={`badge verdict-${entry.verdict}`}>
                {VERDICT_INFO[entry.verdict].label}
              </span>
            </>
          ) : (
            "Not rated yet."
          )}
        </p>
        {entry.rationale ? <p className="prewrap">{entry.rationale}</p> : null}
        {entry.tags.length > 0 ? (
          <ul className="reasons" aria-label="Tags">
            {entry.tags.map((t) => (
              <li key={t} className="badge">
                {t}
              </li>
            ))}
          </ul>
        ) : null}
        {entry.successor ? (
          <p className="alert warning">
            Superseded by{" "}
            <Link href={`/library/${entry.successor.number}`}>
              {entryLabel(entry.successor.number)}
            </Link>
            : “{entry.successor.canonicalText}”
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="usage-title">
        <h2 id="usage-title" className="section-title">
          Publications affected ({affected.length})
        </h2>
        {affected.length === 0 ? (
          <p className="empty">No publication carries a claim linked to this entry.</p>
        ) : (
          <ul className="stack" data-testid="affected-publications">
            {affected.map((p) => (
              <li key={p.publicationId}>
                <Link href={`/articles/${p.articleSlug}`}>{p.articleTitle}</Link> — version{" "}
                {p.number} (revision {p.revisionNumber}), {dateTimeFormat.format(p.publishedAt)},
                claim{p.claimNumbers.length === 1 ? "" : "s"} {p.claimNumbers.join(", ")}
                {p.retracted ? " · retracted" : ""}
                {mayCorrect && p.latest && !p.retracted ? (
                  <>
                    {" "}
                    <Link className="button" href={`/articles/${p.articleSlug}/edit`}>
                      Start a correction
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h3 className="section-title">Linked claims ({usage.claims.length})</h3>
        {usage.claims.length === 0 ? (
          <p className="empty">No claim is linked to this entry yet.</p>
        ) : (
          <table className="table" aria-label="Linked claims">
            <thead>
              <tr>
                <th>Claim</th>
                <th>Relation</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {usage.claims.map((c) => (
                <tr key={c.claimId}>
                  <td>
                    <Link href={`/articles/${c.articleSlug}?claim=${c.claimId}`}>
                      {c.articleTitle}, claim {c.number}
                    </Link>
                  </td>
                  <td>{c.relation ? LIBRARY_RELATION_LABELS[c.relation] : ""}</td>
                  <td>
                    <span className={`badge status-${c.status}`}>
                      {CLAIM_STATUS_LABELS[c.status]}
                    </span>
                    {c.recheckReason ? (
                      <div className="small muted">Needs re-check: {c.recheckReason}</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {variants.length > 0 ? (
        <section className="card" aria-labelledby="variants-title">
          <h2 id="variants-title" className="section-title">
            Wordings seen ({variants.length})
          </h2>
          <ul>
            {variants.map((v) => (
              <li key={v.id}>
                “{v.text}”
                {v.sourceArticleSlug ? (
                  <span className="muted small">
                    {" "}
                    — <Link href={`/articles/${v.sourceArticleSlug}`}>{v.sourceArticleTitle}</Link>
                    {v.sourceClaimNumber ? `, claim ${v.sourceClaimNumber}` : ""}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="evidence-title">
        <h2 id="evidence-title" className="section-title">
          Evidence ({entry.evidence.length})
        </h2>
        {entry.evidence.length === 0 ? (
          <p className="empty">No evidence is linked to this entry.</p>
        ) : (
          <ul>
            {entry.evidence.map((e) => (
              <li key={e.id}>
                {e.url ? (
                  <a href={e.url} rel="nofollow noopener noreferrer" target="_blank">
                    {e.title}
                  </a>
                ) : (
                  e.title
                )}
                {e.doi ? <span className="muted small"> · doi {e.doi}</span> : null}
                {e.pmid ? <span className="muted small"> · PMID {e.pmid}</span> : null}
                <span className="muted small"> · {e.stance}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {mayEdit ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title" className="section-title">
            Edit
          </h2>
          <EntryForm
            entry={{
              id: entry.id,
              version: entry.version,
              canonicalText: entry.canonicalText,
              verdict: entry.verdict,
              rationale: entry.rationale,
              tags: entry.tags,
              reviewDue: entry.reviewDue,
              origin: entry.origin,
            }}
          />
        </section>
      ) : null}
      {mayManage ? (
        <EntryActions
          entryId={entry.id}
          version={entry.version}
          similar={similar}
          variants={variants.map((v) => ({ id: v.id, text: v.text }))}
        />
      ) : null}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title" className="section-title">
          History
        </h2>
        {entry.history.length === 0 ? (
          <p className="empty">No recorded changes.</p>
        ) : (
          <ol className="small">
            {entry.history.map((h) => (
              <li key={h.id}>
                {dateTimeFormat.format(h.at)} — {h.actorName ?? "The system"}:{" "}
                {actionInWords(h.action)}
                {h.note ? ` (${h.note})` : ""}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
