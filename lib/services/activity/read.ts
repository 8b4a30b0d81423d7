/**
 * The Activity page's read: what changed for the signed-in user, and when they last looked.
 *
 * Opening the first page moves the user's "last looked" stamp (`users.activity_seen_at`). It is
 * a write during a read, kept here rather than in a server action on purpose: the stamp it
 * replaces is what places the divider, so reading the old value and writing the new one must be
 * one statement (`markActivitySeen`), and a page that stamps only after rendering (a client
 * effect calling an action) would show the divider a visit late when scripts are slow or off.
 * It writes no audit event: the stamp is a read receipt about the reader, not a change to
 * anyone's work, and auditing every page view would bury the log.
 */
import "server-only";
import type { Db } from "@/db/client";
import { findActivitySeenAt, listActivityForUser, markActivitySeen } from "@/db/queries/activity";
import { type ActivityLine, activityLine } from "@/lib/core/activity/lines";
import { storedAuditEvent } from "@/lib/core/audit/events";
import { type Actor, authorize } from "@/lib/core/auth/permissions";

export const ACTIVITY_PAGE_SIZE = 100;

export interface ActivityPage {
  lines: ActivityLine[];
  /** The visit before this one; null on a first visit. */
  lastVisit: Date | null;
  /** The `before` cursor of the next, older page; null when this page is the last. */
  olderCursor: number | null;
}

/**
 * One page of the actor's activity. The first page (no `before`) stamps the visit; an older
 * page keeps the divider of the visit it came from (`lastVisit`, carried in its link) and
 * stamps nothing. Viewers hold no claims, so their page is empty but works.
 */
export async function readActivity(
  db: Db,
  actor: Actor | null,
  page: { before?: number; lastVisit?: Date } = {},
): Promise<ActivityPage> {
  const me = authorize(actor, "article:read");
  const lastVisit =
    page.before === undefined
      ? await markActivitySeen(db, me.id)
      : (page.lastVisit ?? (await findActivitySeenAt(db, me.id)));
  const rows = await listActivityForUser(db, me.id, {
    before: page.before,
    limit: ACTIVITY_PAGE_SIZE + 1,
  });
  const lines = rows.slice(0, ACTIVITY_PAGE_SIZE).map((row) => activityLine(storedAuditEvent(row)));
  return {
    lines,
    lastVisit,
    olderCursor: rows.length > ACTIVITY_PAGE_SIZE ? (lines.at(-1)?.id ?? null) : null,
  };
}
