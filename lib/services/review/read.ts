/** Reads of review dates: the "Due for review" queue, the header's count, an article's panel. */
import "server-only";
import type { Db } from "@/db/client";
import { findArticleBySlug } from "@/db/queries/articles";
import { findChecklist } from "@/db/queries/checklists";
import { countOverdue, listDueForReview } from "@/db/queries/review-dates";
import { getWorkspaceSettings } from "@/db/queries/settings";
import { findUserNames } from "@/db/queries/users";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { addDays, DUE_SOON_DAYS, dueStanding, utcDay } from "@/lib/core/review/dates";

/** Overdue items first (most overdue at the top), then those due within `DUE_SOON_DAYS`. */
export async function loadDueQueue(db: Db, actor: Actor | null, now = new Date()) {
  authorize(actor, "article:read");
  const today = utcDay(now);
  const items = await listDueForReview(db, addDays(today, DUE_SOON_DAYS));
  const withStanding = items.map((item) => ({ ...item, standing: dueStanding(item.due, today) }));
  return {
    today,
    overdue: withStanding.filter((i) => i.standing.kind === "overdue"),
    dueSoon: withStanding.filter((i) => i.standing.kind !== "overdue"),
  };
}

/** How many items are overdue today, for the header; 0 for anyone who may not read articles. */
export async function loadOverdueCount(db: Db, actor: Actor | null, now = new Date()) {
  authorize(actor, "article:read");
  return countOverdue(db, utcDay(now));
}

/** An article's review dates and checklist as the review page and its forms show them. */
export async function loadArticleReview(db: Db, actor: Actor | null, slug: string) {
  authorize(actor, "article:read");
  const article = await findArticleBySlug(db, slug);
  if (!article) throw notFound("The article");
  const [settings, checklist] = await Promise.all([
    getWorkspaceSettings(db),
    findChecklist(db, article.id),
  ]);
  const names = checklist ? await findUserNames(db, [checklist.updatedById]) : new Map();
  return {
    article: {
      id: article.id,
      slug: article.slug,
      title: article.title,
      version: article.version,
    },
    dates: {
      lastReviewedOn: article.lastReviewedOn,
      reviewIntervalMonths: article.reviewIntervalMonths,
      nextReviewDue: article.nextReviewDue,
      workspaceIntervalMonths: settings.reviewIntervalMonths,
      standing: article.nextReviewDue
        ? dueStanding(article.nextReviewDue, utcDay(new Date()))
        : null,
    },
    checklist: {
      items: checklist?.items ?? {},
      version: checklist?.version ?? 0,
      updatedAt: checklist?.updatedAt ?? null,
      updatedByName: checklist ? (names.get(checklist.updatedById) ?? null) : null,
      public: settings.checklistPublic,
    },
  };
}
