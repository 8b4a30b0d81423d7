import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/instance";
import { getReviewData } from "@/lib/articles/read";
import { requireActorOrRedirect } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { ReviewWorkspace } from "./_components/review-workspace";

export const dynamic = "force-dynamic";

type Params = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ArticleReviewPage({ params, searchParams }: Params) {
  const { slug } = await params;
  // `?claim=<id>` opens that claim (links from "My claims" and history).
  const { claim: claimParam } = await searchParams;
  const actor = await requireActorOrRedirect(`/articles/${slug}`);
  const db = await getDb();
  const data = await getReviewData(db, actor, slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
  const { article, revision } = data;

  return (
    <div className="page page-wide">
      <p>
        <Link href="/articles">← Articles</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{article.title}</h1>
          <p className="muted small" style={{ margin: 0 }}>
            Revision {revision.number} by {revision.authorName},{" "}
            {dateFormat.format(revision.createdAt)}
            {revision.approvedAt
              ? ` · approved by ${revision.approvedByName} ${dateFormat.format(revision.approvedAt)}`
              : ""}
            {article.sourceUrl ? (
              <>
                {" · "}
                <a href={article.sourceUrl} rel="nofollow noopener noreferrer" target="_blank">
                  source
                </a>
              </>
            ) : null}
          </p>
        </div>
        <a
          className="button"
          href={`/api/articles/${encodeURIComponent(article.slug)}/export?format=html`}
          download
        >
          Download annotated HTML
        </a>
      </div>
      <ReviewWorkspace
        data={data}
        initialClaimId={typeof claimParam === "string" ? claimParam : null}
        can={{
          createClaim: can(actor, "claim:create"),
          updateClaim: can(actor, "claim:update"),
          override: can(actor, "claim:override"),
          transition: can(actor, "article:transition"),
          assign: can(actor, "claim:assign"),
        }}
      />
    </div>
  );
}
