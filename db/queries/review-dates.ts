import "server-only";
import { and, asc, count, eq, isNotNull, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { articles, libraryEntries } from "../schema";
import { atVersion, nextVersion } from "./versioned-rows";

export interface ReviewDates {
  lastReviewedOn: string | null;
  reviewIntervalMonths: number | null;
  nextReviewDue: string | null;
}

/**
 * Sets an editor's review dates if the article is still at `version`; returns the new version,
 * or null when someone else saved first.
 */
export async function updateArticleReviewDates(
  db: Db,
  articleId: string,
  version: number,
  dates: ReviewDates,
): Promise<{ version: number } | null> {
  const [row] = await db
    .update(articles)
    .set({ ...dates, ...nextVersion(articles) })
    .where(atVersion(articles, articleId, version))
    .returning({ version: articles.version });
  return row ?? null;
}

/**
 * Dates an approval: the article's row is locked and its version counted up by the transition
 * in the same transaction, so this write leaves the version alone.
 */
export async function markArticleReviewed(
  db: Db,
  articleId: string,
  dates: Pick<ReviewDates, "lastReviewedOn" | "nextReviewDue">,
): Promise<void> {
  await db.update(articles).set(dates).where(eq(articles.id, articleId));
}

/**
 * After the workspace's interval changed: the next review of every article that follows it
 * (no interval of its own) is its last review plus `months`. PostgreSQL's `date + interval`
 * clamps to the month's last day as `addMonths` (lib/core/review/dates.ts) does: 31 January + 1
 * month is 28 or 29 February. Derived data: versions stay, so no one's open form goes stale.
 * Returns how many articles changed.
 */
export async function recomputeDefaultReviewDue(db: Db, months: number): Promise<number> {
  const rows = await db
    .update(articles)
    .set({
      nextReviewDue: sql`(${articles.lastReviewedOn} + make_interval(months => ${months}::int))::date`,
    })
    .where(
      and(
        isNull(articles.reviewIntervalMonths),
        isNotNull(articles.lastReviewedOn),
        sql`${articles.nextReviewDue} IS DISTINCT FROM (${articles.lastReviewedOn} + make_interval(months => ${months}::int))::date`,
      ),
    )
    .returning({ id: articles.id });
  return rows.length;
}

/** What the "Due for review" queue lists: articles and library entries due by `until`. */
export interface DueItem {
  kind: "article" | "library_entry";
  id: string;
  title: string;
  /** The article's slug, or the entry's number as text. */
  key: string;
  due: string;
}

/**
 * Articles (not retracted) and current library entries due on or before `until`, earliest
 * first; both read through their due-date index as one range.
 */
export async function listDueForReview(db: Db, until: string, limit = 500): Promise<DueItem[]> {
  const [due, entries] = await Promise.all([
    db
      .select({
        id: articles.id,
        title: articles.title,
        key: articles.slug,
        due: articles.nextReviewDue,
      })
      .from(articles)
      .where(and(lte(articles.nextReviewDue, until), ne(articles.state, "retracted")))
      .orderBy(asc(articles.nextReviewDue), asc(articles.title))
      .limit(limit),
    db
      .select({
        id: libraryEntries.id,
        title: libraryEntries.canonicalText,
        number: libraryEntries.number,
        due: libraryEntries.reviewDue,
      })
      .from(libraryEntries)
      .where(and(lte(libraryEntries.reviewDue, until), eq(libraryEntries.state, "current")))
      .orderBy(asc(libraryEntries.reviewDue), asc(libraryEntries.number))
      .limit(limit),
  ]);
  const items: DueItem[] = [
    ...due.flatMap((a) => (a.due ? [{ kind: "article" as const, ...a, due: a.due }] : [])),
    ...entries.flatMap((e) =>
      e.due
        ? [
            {
              kind: "library_entry" as const,
              id: e.id,
              title: e.title,
              key: String(e.number),
              due: e.due,
            },
          ]
        : [],
    ),
  ];
  return items.sort((a, b) => a.due.localeCompare(b.due) || a.title.localeCompare(b.title));
}

/** How many articles and library entries were due before `today` (the header's count). */
export async function countOverdue(db: Db, today: string): Promise<number> {
  const [[a], [e]] = await Promise.all([
    db
      .select({ n: count() })
      .from(articles)
      .where(and(lt(articles.nextReviewDue, today), ne(articles.state, "retracted"))),
    db
      .select({ n: count() })
      .from(libraryEntries)
      .where(and(lt(libraryEntries.reviewDue, today), eq(libraryEntries.state, "current"))),
  ]);
  return (a?.n ?? 0) + (e?.n ?? 0);
}
