/**
 * The work queues' SQL: what each queue is (one condition per queue, used by its count and its
 * list alike, so the two cannot disagree), the filtered and paged list, and the selection a bulk
 * action locks.
 */
import "server-only";
import {
  and,
  asc,
  desc,
  eq,
  exists,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { WorkQueue } from "@/lib/core/desk-vocabulary";
import { NONE, type QueueFilter } from "@/lib/core/queues/filter";
import type { Db } from "../client";
import {
  articles,
  articleTags,
  claimAnchors,
  claims,
  claimTags,
  revisions,
  users,
} from "../schema";
import { notDeleted } from "./claims";

/** Who is asking, and the last day of the "due for review" window. */
export interface QueueScope {
  userId: string;
  /** `YYYY-MM-DD`: articles whose next review is due on or before it are in the "due" queue. */
  dueUntil: string;
}

const stillOpen = () => inArray(claims.status, ["open", "in_review"]);

/** An article waiting for this person's approval: submitted, and its revision not theirs (four eyes). */
const awaitingApprovalBy = (userId: string) =>
  and(
    eq(articles.state, "in_review"),
    exists(
      sql`(SELECT 1 FROM ${revisions} WHERE ${revisions.id} = ${articles.currentRevisionId} AND ${revisions.authorId} <> ${userId})`,
    ),
  );

/** The condition of one queue on `claims` joined to `articles`. */
function inQueue(queue: WorkQueue, scope: QueueScope): SQL | undefined {
  switch (queue) {
    case "unassigned":
      return and(isNull(claims.assigneeId), stillOpen(), ne(articles.state, "retracted"));
    case "mine":
      return and(eq(claims.assigneeId, scope.userId), stillOpen());
    case "recheck":
      return or(eq(claims.verdictStale, true), isNotNull(claims.recheckReason));
    case "approval":
      return awaitingApprovalBy(scope.userId);
    case "due":
      return and(
        sql`${articles.nextReviewDue} <= ${scope.dueUntil}`,
        ne(articles.state, "retracted"),
      );
  }
}

/** Claims in each claim queue; `approval` counts the articles waiting (it is about articles). */
export async function countQueues(db: Db, scope: QueueScope) {
  const n = (queue: WorkQueue) =>
    sql<number>`count(*) FILTER (WHERE ${inQueue(queue, scope)})::int`;
  const [[claimCounts], [approval]] = await Promise.all([
    db
      .select({ unassigned: n("unassigned"), mine: n("mine"), recheck: n("recheck") })
      .from(claims)
      .innerJoin(articles, eq(articles.id, claims.articleId))
      .where(notDeleted()),
    db
      .select({ articles: sql<number>`count(*)::int` })
      .from(articles)
      .where(awaitingApprovalBy(scope.userId)),
  ]);
  return {
    unassigned: claimCounts?.unassigned ?? 0,
    mine: claimCounts?.mine ?? 0,
    recheck: claimCounts?.recheck ?? 0,
    approvalArticles: approval?.articles ?? 0,
  };
}

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterConditions(filter: QueueFilter, scope: QueueScope): (SQL | undefined)[] {
  return [
    notDeleted(),
    filter.queue ? inQueue(filter.queue, scope) : undefined,
    filter.status ? eq(claims.status, filter.status) : undefined,
    filter.verdict === NONE
      ? isNull(claims.verdict)
      : filter.verdict
        ? eq(claims.verdict, filter.verdict)
        : undefined,
    filter.article ? eq(articles.slug, filter.article) : undefined,
    filter.assignee === NONE
      ? isNull(claims.assigneeId)
      : filter.assignee
        ? eq(claims.assigneeId, filter.assignee)
        : undefined,
    // A tag on the claim, or on its article.
    filter.tag
      ? or(
          exists(
            sql`(SELECT 1 FROM ${claimTags} WHERE ${claimTags.claimId} = ${claims.id} AND ${claimTags.tagId} = ${filter.tag})`,
          ),
          exists(
            sql`(SELECT 1 FROM ${articleTags} WHERE ${articleTags.articleId} = ${articles.id} AND ${articleTags.tagId} = ${filter.tag})`,
          ),
        )
      : undefined,
    filter.text
      ? or(
          sql`${claimAnchors.exact} ILIKE ${containing(filter.text)}`,
          sql`${articles.title} ILIKE ${containing(filter.text)}`,
        )
      : undefined,
  ];
}

/** One page of the claims a filter finds, severest and most recently changed first, and the total. */
export async function listQueueClaims(
  db: Db,
  filter: QueueFilter,
  scope: QueueScope,
  page: { limit: number; offset: number },
) {
  const rows = await db
    .select({
      id: claims.id,
      number: claims.number,
      version: claims.version,
      status: claims.status,
      verdict: claims.verdict,
      verdictStale: claims.verdictStale,
      recheckReason: claims.recheckReason,
      severity: claims.severity,
      updatedAt: claims.updatedAt,
      assigneeId: claims.assigneeId,
      assigneeName: users.name,
      articleSlug: articles.slug,
      articleTitle: articles.title,
      exact: claimAnchors.exact,
      total: sql<number>`count(*) OVER ()::int`,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .leftJoin(users, eq(users.id, claims.assigneeId))
    .leftJoin(
      claimAnchors,
      and(
        eq(claimAnchors.claimId, claims.id),
        eq(claimAnchors.revisionId, articles.currentRevisionId),
      ),
    )
    .where(and(...filterConditions(filter, scope)))
    .orderBy(
      sql`CASE ${claims.severity} WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`,
      desc(claims.updatedAt),
      asc(claims.id),
    )
    .limit(page.limit)
    .offset(page.offset);
  return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/**
 * Locks the selected claims that still exist (in id order, so two bulk actions over overlapping
 * selections cannot deadlock), with what a refusal names them by.
 */
export function lockSelectedClaims(db: Db, ids: string[]) {
  return db
    .select({
      id: claims.id,
      number: claims.number,
      version: claims.version,
      assigneeId: claims.assigneeId,
      articleId: claims.articleId,
      articleTitle: articles.title,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(inArray(claims.id, ids), notDeleted()))
    .orderBy(asc(claims.id))
    .for("no key update", { of: claims });
}
