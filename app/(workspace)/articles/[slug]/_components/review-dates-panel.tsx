/**
 * The article's medical review dates and its checklist, beside the workflow panel. Server
 * components only (no client code): the review page's first-load script budget is full, so the
 * forms that change them are pages of their own, linked from here.
 */
import Link from "next/link";
import { formatDate } from "@/lib/core/export/wording";
import { checklistRows, checklistSummary } from "@/lib/core/review/checklist";
import { dueWords } from "@/lib/core/review/dates";
import type { loadArticleReview } from "@/lib/services/review/read";

type ArticleReview = Awaited<ReturnType<typeof loadArticleReview>>;

export function ReviewDatesPanel({
  review,
  canSetDates,
}: {
  review: ArticleReview;
  canSetDates: boolean;
}) {
  const { dates, article } = review;
  const interval = dates.reviewIntervalMonths ?? dates.workspaceIntervalMonths;
  return (
    <section className="card" aria-labelledby="review-dates-title" data-testid="review-dates">
      <h2 id="review-dates-title" className="section-title">
        Medical review
      </h2>
      <p style={{ margin: 0 }}>
        Last medically reviewed:{" "}
        <strong data-testid="last-reviewed">
          {dates.lastReviewedOn ? formatDate(dates.lastReviewedOn) : "never"}
        </strong>
      </p>
      <p style={{ margin: 0 }}>
        Next review due:{" "}
        <strong data-testid="next-review-due">
          {dates.nextReviewDue ? formatDate(dates.nextReviewDue) : "—"}
        </strong>
        {dates.standing && dates.standing.kind !== "later" ? (
          <span
            className={`badge ${dates.standing.kind === "overdue" ? "state-changes_requested" : ""}`}
            style={{ marginLeft: "0.4rem" }}
          >
            {dueWords(dates.standing)}
          </span>
        ) : null}
      </p>
      <p className="muted small" style={{ margin: "0.25rem 0 0" }}>
        Every {interval} month{interval === 1 ? "" : "s"}
        {dates.reviewIntervalMonths === null ? " (the workspace default)" : " (this article's own)"}
        ; approving a revision counts as a review.
      </p>
      {canSetDates ? (
        <p style={{ margin: "0.5rem 0 0" }}>
          <Link
            className="button"
            href={`/articles/${encodeURIComponent(article.slug)}/review-dates`}
          >
            Set review dates
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function ChecklistPanel({ review, canEdit }: { review: ArticleReview; canEdit: boolean }) {
  const { checklist, article } = review;
  const rows = checklistRows(checklist.items);
  return (
    <section className="card" aria-labelledby="checklist-title" data-testid="checklist-panel">
      <h2 id="checklist-title" className="section-title">
        Article checklist
      </h2>
      <p style={{ margin: "0 0 0.5rem" }} data-testid="checklist-summary">
        {checklistSummary(checklist.items)}
      </p>
      {rows.length > 0 ? (
        <ul className="small" style={{ paddingLeft: "1.1rem", margin: "0 0 0.5rem" }}>
          {rows.map((r) => (
            <li key={r.criterion}>
              {r.label} <strong>{r.ratingLabel}</strong>
              {r.note ? ` — ${r.note}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small" style={{ margin: 0 }}>
        HealthNewsReview.org criteria.{" "}
        {checklist.public
          ? "Shown on the public page when published."
          : "Not shown on public pages (workspace setting)."}
      </p>
      {canEdit ? (
        <p style={{ margin: "0.5rem 0 0" }}>
          <Link className="button" href={`/articles/${encodeURIComponent(article.slug)}/checklist`}>
            {rows.length > 0 ? "Edit the checklist" : "Fill in the checklist"}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
