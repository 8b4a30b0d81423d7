import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/instance";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { loadArticleReview } from "@/lib/services/review/read";
import { ReviewDatesForm } from "./review-dates-form";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Review dates of ${(await params).slug}` };
}

/** An editor sets when the article was last medically reviewed and its own review interval. */
export default async function ReviewDatesPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorOrRedirect(`/articles/${slug}/review-dates`);
  requirePagePermission(actor, "article:review_dates");
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
      <h1>Medical review dates: {review.article.title}</h1>
      <p className="muted">
        The next review is due the interval after the last one. Approving a revision sets the last
        review to the day of approval.
      </p>
      <ReviewDatesForm
        articleId={review.article.id}
        slug={review.article.slug}
        version={review.article.version}
        lastReviewedOn={review.dates.lastReviewedOn}
        reviewIntervalMonths={review.dates.reviewIntervalMonths}
        workspaceIntervalMonths={review.dates.workspaceIntervalMonths}
      />
    </div>
  );
}
