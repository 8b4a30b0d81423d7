import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { REFERENCE_FLAG_LABELS } from "@/lib/core/evidence-vocabulary";
import { CLAIM_STATUS_LABELS, EVIDENCE_STANCE_LABELS } from "@/lib/core/vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getReferencePage } from "@/lib/services/references/read";
import { ReferenceForm } from "./reference-form";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ number: string }> };

/** "12" or "R12". */
const referenceNumber = (raw: string) => {
  const m = /^r?(\d{1,9})$/i.exec(decodeURIComponent(raw));
  return m ? Number(m[1]) : null;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const n = referenceNumber((await params).number);
  return { title: n ? `Reference R${n}` : "Reference" };
}

/**
 * One reference: its fields, abstract and publication types; what the watch found (its flag and
 * notices); every evidence item citing it, with its claim and article; and the correction form.
 */
export default async function ReferencePage({ params }: Params) {
  const raw = (await params).number;
  const actor = await requireActorOrRedirect(`/references/${raw}`);
  const number = referenceNumber(raw);
  if (number === null) notFound();
  const {
    reference: r,
    notices,
    citing,
  } = await getReferencePage(await getDb(), actor, number).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const where = [
    r.journal,
    r.year,
    r.volume && `${r.volume}${r.issue ? `(${r.issue})` : ""}`,
    r.pages,
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <div className="page stack">
      <p className="small">
        <Link href="/references">← References</Link>
      </p>
      <div>
        <h1>
          <span className="muted">R{r.number}</span> {r.title}
        </h1>
        {r.authors ? <p>{r.authors}</p> : null}
        {where ? <p className="muted">{where}</p> : null}
        <p className="small">
          {r.doi ? (
            <>
              DOI{" "}
              <a href={`https://doi.org/${r.doi}`} rel="noreferrer noopener">
                {r.doi}
              </a>{" "}
            </>
          ) : null}
          {r.pmid ? (
            <>
              PMID{" "}
              <a href={`https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/`} rel="noreferrer noopener">
                {r.pmid}
              </a>{" "}
            </>
          ) : null}
          {r.pmcid ? <>{r.pmcid} </> : null}
          {r.url ? (
            <a href={r.url} rel="noreferrer noopener">
              The work’s page
            </a>
          ) : null}
        </p>
      </div>

      {r.flag ? (
        <section className="alert warning" aria-labelledby="reference-flag-heading">
          <h2 id="reference-flag-heading">{REFERENCE_FLAG_LABELS[r.flag]}</h2>
          {r.flaggedAt ? (
            <p className="small">
              Found{" "}
              <time dateTime={r.flaggedAt.toISOString()}>{dateTimeFormat.format(r.flaggedAt)}</time>
            </p>
          ) : null}
          {notices.length > 0 ? (
            <ul>
              {notices.map((n) => (
                <li key={n.id}>
                  {REFERENCE_FLAG_LABELS[n.kind]}
                  {n.noticeDate ? ` (${n.noticeDate})` : ""}, from {n.origin}
                  {n.label ? `: ${n.label}` : ""}
                  {n.noticeDoi ? (
                    <>
                      {" "}
                      <a href={`https://doi.org/${n.noticeDoi}`} rel="noreferrer noopener">
                        notice
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {r.publicationTypes.length > 0 ? (
        <section aria-labelledby="reference-types-heading">
          <h2 id="reference-types-heading">Publication types</h2>
          <ul className="library-tags">
            {r.publicationTypes.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="reference-abstract-heading">
        <h2 id="reference-abstract-heading">Abstract</h2>
        {r.abstract ? (
          <p style={{ whiteSpace: "pre-wrap" }}>{r.abstract}</p>
        ) : (
          <p className="muted">No abstract.</p>
        )}
      </section>

      <section aria-labelledby="reference-citing-heading">
        <h2 id="reference-citing-heading">Cited by</h2>
        {citing.length === 0 ? (
          <p className="empty">No evidence cites this reference yet.</p>
        ) : (
          <ul className="stack" aria-label="Evidence citing this reference">
            {citing.map((e) => (
              <li key={e.id}>
                <Link href={`/articles/${e.articleSlug}?claim=${e.claimId}`}>
                  Claim {e.claimNumber}
                </Link>{" "}
                in <Link href={`/articles/${e.articleSlug}`}>{e.articleTitle}</Link>{" "}
                <span className="muted small">
                  ({CLAIM_STATUS_LABELS[e.claimStatus]}; {EVIDENCE_STANCE_LABELS[e.stance]})
                </span>
                {e.excerpt ? <blockquote className="small">{e.excerpt}</blockquote> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {can(actor, "reference:write") ? (
        <section className="card" aria-labelledby="reference-edit-heading">
          <h2 id="reference-edit-heading">Correct this reference</h2>
          <p className="muted small">
            Saving rewrites the citation of every evidence item above (title, authors, journal,
            year, DOI, PMID, URL).
          </p>
          <ReferenceForm
            reference={{
              id: r.id,
              version: r.version,
              title: r.title,
              authors: r.authors,
              journal: r.journal,
              year: r.year,
              volume: r.volume,
              issue: r.issue,
              pages: r.pages,
              doi: r.doi,
              pmid: r.pmid,
              pmcid: r.pmcid,
              url: r.url,
              publicationTypes: r.publicationTypes,
              abstract: r.abstract,
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
