import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/instance";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { loadArticleReview } from "@/lib/services/review/read";
import { ChecklistForm } from "./checklist-form";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Checklist of ${(await params).slug}` };
}

/** The HealthNewsReview.org checklist of one article, each criterion rated with a note. */
export default async function ChecklistPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorOrRedirect(`/articles/${slug}/checklist`);
  requirePagePermission(actor, "article:checklist");
  const review = await loadArticleReview(await getDb(), actor, slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <div className="page">
      <p>
        <Link href={`/articles/${encodeURIComponent(review.article.slug)}`}>
          ← Back to the review
        </Link>
      </p>
      <h1>Article checklist: {review.article.title}</h1>
      <p className="muted">
        The ten HealthNewsReview.org criteria for health news. Rate each one and say why; a
        criterion left unrated stays “not rated”.{" "}
        {review.checklist.public
          ? "This workspace shows the checklist on public pages, as it stands at publication."
          : "This workspace does not show the checklist on public pages."}
      </p>
      <ChecklistForm
        articleId={review.article.id}
        version={review.checklist.version}
        items={review.checklist.items}
      />
    </div>
  );
}
