/**
 * The admin's view of the whole audit log: a filtered page for the audit page and the same
 * filters as a CSV download. Admins only (`audit:read`): the log holds every user's actions and
 * the before/after values of every change.
 */
import "server-only";
import type { Db } from "@/db/client";
import { listArticlesWithCounts } from "@/db/queries/articles";
import {
  type AuditLogFilter,
  type AuditLogRow,
  findAuditEntityNumbers,
  listAuditLog,
} from "@/db/queries/audit";
import { listUsers } from "@/db/queries/users";
import { AUDIT_CSV_HEADER, auditCsvRow } from "@/lib/core/audit/csv";
import { claimNamedBy } from "@/lib/core/audit/events";
import { actionInWords, entityLabel } from "@/lib/core/audit/words";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import type { AuditLogQuery } from "@/lib/core/validation/audit";
import { logError } from "@/lib/server/logging/log";

export const AUDIT_PAGE_SIZE = 100;
/** Rows fetched per query while streaming the CSV: bounded memory, whatever the log's size. */
const CSV_BATCH = 1000;
const DAY_MS = 86_400_000;

/** The URL's filters as the query takes them: whole UTC days, `to` included. */
export function auditLogFilter(query: AuditLogQuery): AuditLogFilter {
  return {
    actorId: query.actor,
    action: query.action,
    entityType: query.entity,
    articleId: query.article,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    until: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) : undefined,
  };
}

/** One page of the filtered log, newest first, and the cursor of the next older page. */
export async function readAuditLog(db: Db, actor: Actor | null, query: AuditLogQuery) {
  authorize(actor, "audit:read");
  const rows = await listAuditLog(db, auditLogFilter(query), {
    before: query.before,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const events = await labelAuditEvents(db, rows.slice(0, AUDIT_PAGE_SIZE));
  return {
    events,
    olderCursor: rows.length > AUDIT_PAGE_SIZE ? (events.at(-1)?.id ?? null) : null,
  };
}

/** The claim that evidence and comment events name (`claimId` in after, or before for a deletion). */
function claimIdOf(e: AuditLogRow): string | null {
  return e.entityType === "claim" ? e.entityId : claimNamedBy(e);
}

/**
 * Events as the audit page shows them: the action in words, the entity by its label (numbers
 * and names looked up as they are now), and a link to the claim when there is one.
 */
export async function labelAuditEvents(db: Db, rows: AuditLogRow[]) {
  const ids = (type: string) => rows.filter((r) => r.entityType === type).map((r) => r.entityId);
  const found = await findAuditEntityNumbers(db, {
    claims: rows.map(claimIdOf).filter((id): id is string => id !== null),
    revisions: ids("revision"),
    publications: ids("publication"),
    users: ids("user"),
    libraryEntries: ids("library_entry"),
  });
  return rows.map((e) => {
    const claimId = claimIdOf(e);
    return {
      ...e,
      actionWords: actionInWords(e.action),
      entityLabel: entityLabel({
        entityType: e.entityType,
        entityId: e.entityId,
        articleTitle: e.articleTitle,
        claimNumber: claimId ? found.claims.get(claimId) : null,
        revisionNumber: found.revisions.get(e.entityId),
        publicationNumber: found.publications.get(e.entityId),
        userName: found.users.get(e.entityId),
        libraryEntryNumber: found.libraryEntries.get(e.entityId),
      }),
      claimId: claimId && found.claims.has(claimId) ? claimId : null,
    };
  });
}

/** The choices of the filter form: every user and article, by name. */
export async function readAuditFilterOptions(db: Db, actor: Actor | null) {
  authorize(actor, "audit:read");
  const [users, articles] = await Promise.all([listUsers(db), listArticlesWithCounts(db)]);
  return {
    users: users.map((u) => ({ id: u.id, label: `${u.name} (${u.email})` })),
    articles: articles
      .map((a) => ({ id: a.id, label: a.title }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

/**
 * The filtered log as CSV (every page, newest first), streamed in batches. The permission is
 * checked before the stream starts, so a refusal is still a plain 401/403; the keyset cursor
 * and the append-only log make the batches one consistent list even while events are added.
 */
export function auditCsvStream(
  db: Db,
  actor: Actor | null,
  query: AuditLogQuery,
): ReadableStream<Uint8Array> {
  authorize(actor, "audit:read");
  const filter = auditLogFilter(query);
  const encoder = new TextEncoder();
  let before = query.before;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(AUDIT_CSV_HEADER));
        return;
      }
      try {
        const rows = await listAuditLog(db, filter, { before, limit: CSV_BATCH });
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(auditCsvRow).join("")));
        const last = rows.at(-1);
        if (rows.length < CSV_BATCH || !last) controller.close();
        else before = last.id;
      } catch (err) {
        // The status line is sent already: log it, and cut the download off rather than end
        // it cleanly, so the browser reports a failed download instead of a short file.
        logError("audit CSV failed", err, { before });
        controller.error(err);
      }
    },
  });
}
