import "server-only";
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import {
  type AuditEventInput,
  claimNamedBy,
  type StoredAuditEvent,
  storedAuditEvent,
} from "@/lib/core/audit/events";
import type { AuditEntityType } from "@/lib/core/vocabulary";
import type { Db } from "../client";
import {
  articles,
  auditEvents,
  claims,
  libraryEntries,
  publications,
  revisions,
  users,
} from "../schema";
import { publishLive } from "./live";
import { fanOutNotifications } from "./notifications";

/**
 * Appends one audit event, of one of the kinds in lib/core/audit/events.ts. Call it with the
 * transaction that makes the change: the action wrapper counts the events of its transaction
 * (`countAuditEvents`) and refuses a mutation that changed rows without one.
 */
export async function insertAuditEvent(db: Db, input: AuditEventInput): Promise<void> {
  const [row] = await db
    .insert(auditEvents)
    .values({
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      articleId: input.articleId ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      note: input.note ?? null,
    })
    .returning({ id: auditEvents.id });
  const tally = tallies.get(db);
  if (tally) tally.count++;
  // A change to an article goes out live at commit to the browsers that have it open.
  if (row && input.articleId) {
    await publishLive(db, {
      type: "article",
      articleId: input.articleId,
      eventId: row.id,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      claimId:
        input.entityType === "claim"
          ? input.entityId
          : claimNamedBy({
              action: input.action,
              before: input.before ?? null,
              after: input.after ?? null,
            } as StoredAuditEvent),
      actorId: input.actorId,
    });
  }
  // Who is told, in the same transaction (nothing at all for the actions that tell nobody).
  if (row) await fanOutNotifications(db, { ...input, eventId: row.id });
}

/** The audit events written so far through each counted transaction. */
const tallies = new WeakMap<Db, { count: number }>();

/**
 * Starts counting the audit events written through `tx`; the returned function tells how many
 * so far. For the action wrapper, which opens the transaction and hands it to the mutation.
 */
export function countAuditEvents(tx: Db): () => number {
  const tally = { count: 0 };
  tallies.set(tx, tally);
  return () => tally.count;
}

/**
 * Rows inserted, updated or deleted so far by the current transaction's backend, in every
 * table: row locks and statements that matched nothing do not count. A figure to compare with
 * an earlier one in the same transaction (the backend's counts of earlier transactions may not
 * have been flushed yet, so the figure alone does not say what this transaction wrote).
 * `search_words` is left out: the search's lexicon, filled by triggers from the text a mutation
 * writes (migration 0008), is derived data, not a change anyone makes.
 */
export async function countRowsWritten(tx: Db): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)`.mapWith(Number) })
    .from(sql`pg_stat_xact_user_tables`)
    .where(sql`relname <> 'search_words'`);
  return row?.n ?? 0;
}

/**
 * A claim's history, oldest first: its own events and those of its evidence and comments
 * (which name their claim as `claimId` in `after`, or in `before` for a deletion).
 */
export async function listAuditEventsForClaim(db: Db, claim: { id: string; articleId: string }) {
  const claimId = claim.id;
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: users.name,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      before: auditEvents.before,
      after: auditEvents.after,
      note: auditEvents.note,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        // The article index narrows the scan; the claim is then picked out of its events.
        eq(auditEvents.articleId, claim.articleId),
        or(
          and(eq(auditEvents.entityType, "claim"), eq(auditEvents.entityId, claimId)),
          and(
            sql`${auditEvents.entityType} IN ('evidence', 'comment')`,
            sql`coalesce(${auditEvents.after}->>'claimId', ${auditEvents.before}->>'claimId') = ${claimId}`,
          ),
        ),
      ),
    )
    .orderBy(auditEvents.id);
  return rows.map(storedAuditEvent);
}
export type ClaimAuditRow = Awaited<ReturnType<typeof listAuditEventsForClaim>>[number];

/** The admin audit page's filters; every one is optional and they combine with AND. */
export interface AuditLogFilter {
  actorId?: string;
  /** An action ("claim.update") or a prefix of dotted parts ("claim", "article.transition"). */
  action?: string;
  entityType?: AuditEntityType;
  articleId?: string;
  /** Inclusive lower bound of `at`. */
  from?: Date;
  /** Exclusive upper bound of `at`. */
  until?: Date;
}

/** `value` matched literally inside a LIKE pattern. */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function auditLogWhere(filter: AuditLogFilter, before: number | undefined): SQL | undefined {
  const { action } = filter;
  return and(
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    action
      ? or(
          eq(auditEvents.action, action),
          sql`${auditEvents.action} LIKE ${`${likeLiteral(action)}.%`}`,
        )
      : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.articleId ? eq(auditEvents.articleId, filter.articleId) : undefined,
    filter.from ? gte(auditEvents.at, filter.from) : undefined,
    filter.until ? lt(auditEvents.at, filter.until) : undefined,
    before === undefined ? undefined : lt(auditEvents.id, before),
  );
}

/**
 * One page of the whole audit log, newest first, with the actor's and the article's names.
 * Keyset paging on the id (`before`): the log is append-only, so a page never shifts while
 * someone reads or exports it.
 */
export async function listAuditLog(
  db: Db,
  filter: AuditLogFilter,
  page: { before?: number; limit: number },
) {
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: users.name,
      actorEmail: users.email,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      articleSlug: articles.slug,
      articleTitle: articles.title,
      before: auditEvents.before,
      after: auditEvents.after,
      note: auditEvents.note,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(articles, eq(articles.id, auditEvents.articleId))
    .where(auditLogWhere(filter, page.before))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit);
  return rows.map(storedAuditEvent);
}
export type AuditLogRow = Awaited<ReturnType<typeof listAuditLog>>[number];

/**
 * The numbers and names that audit events' entities are labelled with ("Claim 3", "Revision 2",
 * "User Ada"), by id, in one query per kind. Ids that are not uuids (settings) are left out.
 */
export async function findAuditEntityNumbers(
  db: Db,
  ids: {
    claims: string[];
    revisions: string[];
    publications: string[];
    users: string[];
    libraryEntries?: string[];
  },
) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  /** One query for the ids of one kind: id → its number or name. */
  async function labels<T extends string | number>(
    list: string[],
    query: (ids: string[]) => Promise<{ id: string; label: T }[]>,
  ): Promise<Map<string, T>> {
    const only = [...new Set(list.filter((id) => uuid.test(id)))];
    const rows = only.length ? await query(only) : [];
    return new Map(rows.map((r) => [r.id, r.label]));
  }
  const [claimNumbers, revisionNumbers, publicationNumbers, userNames, entryNumbers] =
    await Promise.all([
      labels(ids.claims, (only) =>
        db
          .select({ id: claims.id, label: claims.number })
          .from(claims)
          .where(inArray(claims.id, only)),
      ),
      labels(ids.revisions, (only) =>
        db
          .select({ id: revisions.id, label: revisions.number })
          .from(revisions)
          .where(inArray(revisions.id, only)),
      ),
      labels(ids.publications, (only) =>
        db
          .select({ id: publications.id, label: publications.number })
          .from(publications)
          .where(inArray(publications.id, only)),
      ),
      labels(ids.users, (only) =>
        db.select({ id: users.id, label: users.name }).from(users).where(inArray(users.id, only)),
      ),
      labels(ids.libraryEntries ?? [], (only) =>
        db
          .select({ id: libraryEntries.id, label: libraryEntries.number })
          .from(libraryEntries)
          .where(inArray(libraryEntries.id, only)),
      ),
    ]);
  return {
    claims: claimNumbers,
    revisions: revisionNumbers,
    publications: publicationNumbers,
    users: userNames,
    libraryEntries: entryNumbers,
  };
}
