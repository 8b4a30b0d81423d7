import "server-only";
import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { auditEvents, users } from "../schema";

export interface AuditInput {
  actorId: string | null;
  /** Dotted verb, e.g. "claim.create", "article.transition.approve". */
  action: string;
  entityType:
    | "user"
    | "article"
    | "revision"
    | "claim"
    | "evidence"
    | "comment"
    | "publication"
    | "suggestion"
    | "settings";
  entityId: string;
  articleId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
}

/** Appends one audit event. Call it with the transaction that makes the change. */
export async function insertAuditEvent(db: Db, input: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    articleId: input.articleId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    note: input.note ?? null,
  });
}

/** Audit events of one entity, oldest first. */
export function listAuditEventsForEntity(db: Db, entityType: string, entityId: string) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      note: auditEvents.note,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.id);
}

/** The newest audit events of an article, newest first. */
export function listAuditEventsForArticle(db: Db, articleId: string, limit = 100) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      note: auditEvents.note,
    })
    .from(auditEvents)
    .where(eq(auditEvents.articleId, articleId))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

/**
 * A claim's history, oldest first: its own events and those of its evidence and comments
 * (which name their claim as `claimId` in `after`, or in `before` for a deletion).
 */
export function listAuditEventsForClaim(db: Db, claim: { id: string; articleId: string }) {
  const claimId = claim.id;
  return db
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
}
export type ClaimAuditRow = Awaited<ReturnType<typeof listAuditEventsForClaim>>[number];
