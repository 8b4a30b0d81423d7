import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getRevisionHistory } from "@/lib/services/revisions/read";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `History of ${(await params).slug}` };
}

export default async function RevisionHistoryPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorOrRedirect(`/articles/${slug}/revisions`);
  const data = await getRevisionHistory(await getDb(), actor, slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const base = `/articles/${data.article.slug}`;

  return (
    <div className="page">
      <p>
        <Link href={base}>← Back to the review</Link>
      </p>
      <h1>History: {data.article.title}</h1>
      <p className="muted">
        Every saved revision, newest first. Revisions never change once saved; claims are shown
        where they were found in each one.
      </p>
      <table className="table" aria-label="Revisions">
        <thead>
          <tr>
            <th>Revision</th>
            <th>Summary</th>
            <th>Author</th>
            <th>Saved</th>
            <th>Status</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data.revisions.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`${base}/revisions/${r.number}`}>Revision {r.number}</Link>
              </td>
              <td>{r.summary || <span className="muted">No summary</span>}</td>
              <td>{r.authorName ?? "Unknown"}</td>
              <td className="small">{dateTimeFormat.format(r.createdAt)}</td>
              <td>
                <span className="button-row">
                  {r.id === data.article.currentRevisionId ? (
                    <span className="badge status-open">Current</span>
                  ) : null}
                  {r.approvedAt ? (
                    <span className="badge verdict-accurate">
                      Approved by {r.approvedByName ?? "unknown"}
                    </span>
                  ) : null}
                </span>
              </td>
              <td>
                {r.number > 1 ? (
                  <Link
                    href={`${base}/compare?from=${r.number - 1}&to=${r.number}`}
                    aria-label={`Compare revision ${r.number} with revision ${r.number - 1}`}
                  >
                    Changes
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
