import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getRevisionView } from "@/lib/services/revisions/read";
import { RevisionView } from "../../_components/revision-view";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, n } = await params;
  return { title: `${slug}, revision ${n}` };
}

export default async function RevisionPage({ params }: Params) {
  const { slug, n } = await params;
  if (!/^[1-9]\d{0,8}$/.test(n)) notFound();
  const actor = await requireActorOrRedirect(`/articles/${slug}/revisions/${n}`);
  const data = await getRevisionView(await getDb(), actor, slug, Number(n)).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    },
  );
  const { revision } = data;
  const base = `/articles/${data.article.slug}`;

  return (
    <div className="page page-wide">
      <p>
        <Link href={`${base}/revisions`}>← History</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            {data.article.title}: revision {revision.number}
          </h1>
          <p className="muted small" style={{ margin: 0 }}>
            {revision.summary || "No summary"} · {revision.authorName},{" "}
            {dateTimeFormat.format(revision.createdAt)}
            {revision.current ? " · current" : ""}
            {revision.approvedAt ? " · approved" : ""}
          </p>
        </div>
        <nav className="button-row" aria-label="Revision">
          {revision.number > 1 ? (
            <Link
              className="button"
              href={`${base}/compare?from=${revision.number - 1}&to=${revision.number}`}
            >
              Changes from revision {revision.number - 1}
            </Link>
          ) : null}
          <Link className="button" href={base}>
            {revision.current ? "Review this revision" : "Go to the current revision"}
          </Link>
        </nav>
      </div>
      {revision.current ? null : (
        <p className="alert warning" role="note">
          An older revision, read-only. Claims are drawn where they were in this revision; their
          status and verdict are as they are now.
        </p>
      )}
      <RevisionView revision={revision} claims={data.claims} />
    </div>
  );
}
