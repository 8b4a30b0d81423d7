import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getDb } from "@/db/instance";
import type { DiffPiece } from "@/lib/core/diff/revision-diff";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getComparison, type RevisionClaim } from "@/lib/services/revisions/read";
import { ClaimListItem } from "../_components/claim-list-item";
import { claimLook } from "../_components/claim-style";

export const dynamic = "force-dynamic";

type Params = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Compare revisions of ${(await params).slug}` };
}

/** A revision number from the query, or undefined for the default. */
function revisionParam(value: string | string[] | undefined): number | undefined {
  return typeof value === "string" && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}

/**
 * One piece of the diff: inserted text in <ins>, deleted in <del> (underlined and struck
 * through, not only coloured), each announced in words to screen readers, and claim text
 * highlighted as on the review page with a numbered marker where each claim begins.
 */
function Piece({ piece, claim }: { piece: DiffPiece; claim: RevisionClaim | undefined }) {
  let content: ReactNode = piece.text;
  if (claim) {
    content = (
      <>
        {piece.claimStart ? (
          <sup className="claim-ref">
            <a href={`#compare-claim-${claim.number}`} aria-label={`Claim ${claim.number}`}>
              {claim.number}
            </a>
          </sup>
        ) : null}
        <mark className={`claim-hl ${claimLook(claim).className}`}>{piece.text}</mark>
      </>
    );
  }
  if (piece.kind === "insert") {
    return (
      <ins>
        <span className="visually-hidden">[inserted: </span>
        {content}
        <span className="visually-hidden">]</span>
      </ins>
    );
  }
  if (piece.kind === "delete") {
    return (
      <del>
        <span className="visually-hidden">[deleted: </span>
        {content}
        <span className="visually-hidden">]</span>
      </del>
    );
  }
  return content;
}

/** One end of the comparison, as a plain GET form field (the page works without script). */
function RevisionSelect({
  name,
  label,
  value,
  revisions,
}: {
  name: "from" | "to";
  label: string;
  value: number;
  revisions: { number: number; summary: string | null }[];
}) {
  return (
    <div className="field">
      <label htmlFor={`compare-${name}`}>{label}</label>
      <select id={`compare-${name}`} name={name} defaultValue={value}>
        {revisions.map((r) => (
          <option key={r.number} value={r.number}>
            {r.number}: {r.summary || "no summary"}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function CompareRevisionsPage({ params, searchParams }: Params) {
  const { slug } = await params;
  const query = await searchParams;
  const actor = await requireActorOrRedirect(`/articles/${slug}/compare`);
  const data = await getComparison(await getDb(), actor, slug, {
    from: revisionParam(query.from),
    to: revisionParam(query.to),
  }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const base = `/articles/${data.article.slug}`;
  const { comparison } = data;
  const claimsById = new Map(comparison?.claims.map((c) => [c.id, c]));

  return (
    <div className="page page-wide">
      <p>
        <Link href={base}>← Back to the review</Link> ·{" "}
        <Link href={`${base}/revisions`}>History</Link>
      </p>
      <h1>Compare revisions: {data.article.title}</h1>
      {comparison === null ? (
        <div className="card">
          <p className="empty">
            This article has one revision only: there is nothing to compare yet. Editing the text
            makes the next one.
          </p>
        </div>
      ) : (
        <>
          <form method="get" className="card compare-form" aria-label="Choose revisions">
            <RevisionSelect
              name="from"
              label="Older revision"
              value={data.from}
              revisions={data.revisions}
            />
            <RevisionSelect
              name="to"
              label="Newer revision"
              value={data.to}
              revisions={data.revisions}
            />
            <button type="submit" className="button primary">
              Compare
            </button>
          </form>
          <div className="review-grid">
            <section className="card" aria-labelledby="diff-title">
              <h2 id="diff-title" className="section-title">
                Revision {data.from} → revision {data.to}
              </h2>
              <p className="small muted" data-testid="diff-summary">
                {comparison.diff.insertedWords} words inserted, {comparison.diff.deletedWords}{" "}
                deleted.{" "}
                <span className="diff-key">
                  <ins>inserted</ins> <del>deleted</del>
                </span>
                {comparison.diff.approximate
                  ? " The texts differ too much for a word-by-word comparison: the whole text is shown as replaced."
                  : ""}
              </p>
              <div className="diff-text" data-testid="diff-text">
                {comparison.diff.pieces.map((piece, i) => (
                  <Piece
                    // Pieces never move: the list is built once per request.
                    // biome-ignore lint/suspicious/noArrayIndexKey: static list
                    key={i}
                    piece={piece}
                    claim={piece.claimId ? claimsById.get(piece.claimId) : undefined}
                  />
                ))}
              </div>
            </section>
            <aside className="sidebar" aria-label="Claims">
              <section className="card">
                <h2 className="section-title">Claims in revision {data.to}</h2>
                {comparison.claims.length === 0 ? (
                  <p className="empty">No claims in this revision.</p>
                ) : (
                  <ol className="claim-list plain" aria-label="Claims and their anchors">
                    {comparison.claims.map((c) => (
                      <ClaimListItem
                        key={c.id}
                        id={`compare-claim-${c.number}`}
                        claim={c}
                        anchor="always"
                        stale={c.verdictStale}
                      />
                    ))}
                  </ol>
                )}
              </section>
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
