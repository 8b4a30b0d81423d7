/**
 * The work queues page: each queue's count, one filtered page of claims with their tags, and
 * what the actor may choose from (tags, people, their own saved filters). "Due for review"
 * counts what the Due page lists (its service, reused), and lists the claims of those articles.
 */
import "server-only";
import type { Db } from "@/db/client";
import { listArticlesWithCounts } from "@/db/queries/articles";
import { countQueues, listQueueClaims, type QueueScope } from "@/db/queries/queues";
import { listSavedFilters } from "@/db/queries/saved-filters";
import { listTags, listTagsOfClaims } from "@/db/queries/tags";
import { listAssignableUsers } from "@/db/queries/users";
import { type Actor, authorize, can } from "@/lib/core/auth/permissions";
import { QUEUE_PAGE_SIZE, type QueueFilter } from "@/lib/core/queues/filter";
import { addDays, DUE_SOON_DAYS, utcDay } from "@/lib/core/review/dates";
import { loadDueQueue } from "@/lib/services/review/read";

const scopeOf = (actor: Actor, now: Date): QueueScope => ({
  userId: actor.id,
  dueUntil: addDays(utcDay(now), DUE_SOON_DAYS),
});

/** Each queue's count for the actor; `approval` is null for those who cannot approve. */
export async function loadQueueCounts(db: Db, actor: Actor | null, now = new Date()) {
  const me = authorize(actor, "desk:read");
  const [counts, due] = await Promise.all([
    countQueues(db, scopeOf(me, now)),
    can(me, "article:read") ? loadDueQueue(db, me, now) : null,
  ]);
  return {
    unassigned: counts.unassigned,
    mine: counts.mine,
    recheck: counts.recheck,
    approval: can(me, "article:transition") ? counts.approvalArticles : null,
    due: due ? due.overdue.length + due.dueSoon.length : 0,
  };
}

/** One page of the claims the filter finds, each with its tags. */
export async function loadQueueClaims(
  db: Db,
  actor: Actor | null,
  filter: QueueFilter,
  now = new Date(),
) {
  const me = authorize(actor, "desk:read");
  const { rows, total } = await listQueueClaims(db, filter, scopeOf(me, now), {
    limit: QUEUE_PAGE_SIZE,
    offset: (filter.page - 1) * QUEUE_PAGE_SIZE,
  });
  const tags = await listTagsOfClaims(
    db,
    rows.map((r) => r.id),
  );
  return {
    claims: rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] })),
    total,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
  };
}

/** The page as a whole: counts, the list, the choices, and what the actor may do in bulk. */
export async function loadQueuesPage(db: Db, actor: Actor | null, filter: QueueFilter) {
  const me = authorize(actor, "desk:read");
  const [counts, list, tags, people, articles, savedFilters] = await Promise.all([
    loadQueueCounts(db, me),
    loadQueueClaims(db, me, filter),
    listTags(db),
    listAssignableUsers(db),
    listArticlesWithCounts(db),
    listSavedFilters(db, me.id),
  ]);
  return {
    counts,
    list,
    tags,
    people,
    articles: articles
      .map((a) => ({ slug: a.slug, title: a.title }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    savedFilters,
    can: {
      assign: can(me, "claim:assign"),
      tag: can(me, "tag:apply"),
      status: can(me, "claim:update"),
    },
  };
}
