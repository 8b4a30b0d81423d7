/**
 * Medical review dates and the article checklist (docs/evidence.md "Review dates and
 * checklist"): an editor's dates, the approval's date, the workspace interval's recomputation,
 * and the HealthNewsReview.org checklist. Each mutation is an action: one transaction, a
 * version check, an audit event.
 */
import "server-only";
import type { Db } from "@/db/client";
import { lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { findChecklist, saveChecklistIfVersion } from "@/db/queries/checklists";
import { markArticleReviewed, updateArticleReviewDates } from "@/db/queries/review-dates";
import { getWorkspaceSettings } from "@/db/queries/settings";
import { fieldChanges } from "@/lib/core/changes";
import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import { checklistChanges, checklistSummary } from "@/lib/core/review/checklist";
import { nextReviewDue, utcDay } from "@/lib/core/review/dates";
import { checklistSchema, reviewDatesSchema } from "@/lib/core/validation/review";
import { defineAction } from "@/lib/server/action";

/**
 * Dates the article's medical review on the day its revision is approved (UTC), inside the
 * approval's transaction; the article row is locked by the transition.
 */
export async function dateApprovalReview(
  tx: Db,
  article: { id: string; reviewIntervalMonths: number | null },
  now: Date,
): Promise<{ lastReviewedOn: string; nextReviewDue: string }> {
  const settings = await getWorkspaceSettings(tx);
  const lastReviewedOn = utcDay(now);
  const next = nextReviewDue(
    lastReviewedOn,
    article.reviewIntervalMonths,
    settings.reviewIntervalMonths,
  ) as string;
  await markArticleReviewed(tx, article.id, { lastReviewedOn, nextReviewDue: next });
  return { lastReviewedOn, nextReviewDue: next };
}

export const setReviewDates = defineAction({
  name: "article.review_dates",
  input: reviewDatesSchema,
  permission: "article:review_dates",
  audit: "when-changed",
  errorDetails: detailsOf<{
    conflict: {
      version: number;
      lastReviewedOn: string | null;
      reviewIntervalMonths: number | null;
    };
  }>(),
  run: async ({ tx, actor }, input) => {
    const article = await lockArticle(tx, input.articleId);
    if (!article) throw notFound("The article");
    const conflict = () =>
      new AppError("conflict", "Someone else changed this article meanwhile. Reload to see it.", {
        details: {
          version: article.version,
          lastReviewedOn: article.lastReviewedOn,
          reviewIntervalMonths: article.reviewIntervalMonths,
        },
      });
    if (article.version !== input.version) throw conflict();
    const settings = await getWorkspaceSettings(tx);
    const next = {
      lastReviewedOn: input.lastReviewedOn,
      reviewIntervalMonths: input.reviewIntervalMonths,
      nextReviewDue: nextReviewDue(
        input.lastReviewedOn,
        input.reviewIntervalMonths,
        settings.reviewIntervalMonths,
      ),
    };
    const diff = fieldChanges(article, next);
    if (!diff.changed) return { ...next, version: article.version, changed: false };
    const updated = await updateArticleReviewDates(tx, article.id, article.version, next);
    if (!updated) throw conflict();
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "article.review_dates",
      entityType: "article",
      entityId: article.id,
      articleId: article.id,
      before: diff.before,
      after: diff.after,
    });
    return { ...next, version: updated.version, changed: true };
  },
});

export const saveChecklist = defineAction({
  name: "article.checklist",
  input: checklistSchema,
  permission: "article:checklist",
  audit: "when-changed",
  errorDetails: detailsOf<{
    conflict: { version: number; items: Record<string, unknown> };
  }>(),
  run: async ({ tx, actor }, input) => {
    // The article's row lock serialises checklist saves with the article's other writes.
    const article = await lockArticle(tx, input.articleId);
    if (!article) throw notFound("The article");
    const current = await findChecklist(tx, article.id);
    const conflict = (found: typeof current) =>
      new AppError(
        "conflict",
        "Someone else saved this checklist meanwhile. Their version is shown: check it and save again.",
        { details: { version: found?.version ?? 0, items: found?.items ?? {} } },
      );
    if ((current?.version ?? 0) !== input.version) throw conflict(current);
    const diff = checklistChanges(current?.items ?? {}, input.items);
    if (!diff.changed) {
      return { version: input.version, summary: checklistSummary(input.items), changed: false };
    }
    const saved = await saveChecklistIfVersion(
      tx,
      article.id,
      input.version,
      input.items,
      actor.id,
    );
    if (!saved) throw conflict(await findChecklist(tx, article.id));
    const summary = checklistSummary(saved.items);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "article.checklist",
      entityType: "article",
      entityId: article.id,
      articleId: article.id,
      before: { items: diff.before },
      after: { items: diff.after, summary },
    });
    return { version: saved.version, summary, changed: true };
  },
});
