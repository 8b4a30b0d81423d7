/**
 * What the live channel carries (docs/architecture.md, "Live updates"): small messages sent with
 * PostgreSQL's NOTIFY in the transaction that made the change — so they go out at commit and
 * never for a rolled-back change — and fanned out by each app instance to the browsers it
 * serves (Server-Sent Events). PGlite delivers them in process, PostgreSQL to every instance
 * that LISTENs. A message names what changed, never its content: a browser re-reads what it
 * may see through the usual authorized reads. Pure.
 */

/** The one channel (NOTIFY payloads are limited to 8,000 bytes: messages stay small). */
export const LIVE_CHANNEL = "claimdesk_live";

export type LiveEvent =
  /** An audit event on an article: its claims, evidence, comments, workflow or text changed. */
  | {
      type: "article";
      articleId: string;
      /** The audit event's id: a browser catching up asks for events after the last it saw. */
      eventId: number;
      action: string;
      entityType: string;
      entityId: string;
      /** The claim the change is about (a claim's, or its evidence's or comment's), if any. */
      claimId: string | null;
      actorId: string | null;
    }
  /** A notification for one person (the bell's count changed). */
  | { type: "notification"; userId: string; notificationId: number }
  /** Who is on an article's review page changed. */
  | { type: "presence"; articleId: string };
