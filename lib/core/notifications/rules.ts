/**
 * Who is told what (docs/architecture.md, "Notifications and mentions"): the pure half of the
 * fan-out that `insertAuditEvent` runs in the transaction of each audit event
 * (db/queries/notifications.ts does the SQL). Which events matter, when a claim went back for
 * a re-check, who of the people found is told and how (in the app, by e-mail, both), and the
 * sentence each is shown. Pure.
 */
import type { StoredAuditEvent } from "@/lib/core/audit/events";
import {
  DEFAULT_NOTIFICATION_PREFERENCE,
  type EmailCadence,
  type NotificationKind,
  type NotificationPreference,
} from "@/lib/core/desk-vocabulary";

/**
 * The audit actions that may notify someone or make someone follow a claim. Every other
 * action costs the fan-out nothing (not one query).
 */
export const FAN_OUT_ACTIONS: ReadonlySet<string> = new Set([
  "claim.create",
  "claim.assign",
  "comment.add",
  "comment.edit",
  "claim.reanchor",
  "claim.reattach",
  "claim.library_recheck",
  "claim.reference_recheck",
  "article.transition.submit",
  "article.transition.request_changes",
  "article.transition.approve",
  "article.review_due",
]);

/**
 * Whether a re-anchoring or re-attaching sent the claim back for a re-check: its status went
 * from resolved back to in progress, or its verdict was marked stale (lib/core/revisions
 * `recheckChanges`). A quote that merely moved sends nobody anything.
 */
export function sentBackForRecheck(event: StoredAuditEvent): boolean {
  switch (event.action) {
    case "claim.reanchor":
    case "claim.reattach":
      return (
        (event.after?.status === "in_review" && event.before?.status === "resolved") ||
        event.after?.verdictStale === true
      );
    case "claim.library_recheck":
    case "claim.reference_recheck":
      return true;
    default:
      return false;
  }
}

/** The people a comment event mentions that its previous version did not (all, for a new one). */
export function newlyMentioned(event: StoredAuditEvent): string[] {
  if (event.action !== "comment.add" && event.action !== "comment.edit") return [];
  const before = new Set(event.action === "comment.edit" ? (event.before?.mentions ?? []) : []);
  return [...new Set(event.after?.mentions ?? [])].filter((id) => !before.has(id));
}

/** A person the fan-out found, as the database knows them now. */
export interface Candidate {
  id: string;
  disabled: boolean;
  /** Their stored preference for the kind at hand, or null (the default applies). */
  preference: NotificationPreference | null;
}

/** One notification to write: whether it is born read, and its e-mail (null: none). */
export interface Delivery {
  userId: string;
  /** In-app off (e-mail on): written read, so the bell does not count it; the e-mail needs it. */
  read: boolean;
  email: EmailCadence | null;
}

/**
 * Who of `candidates` gets a notification and how: never the actor, never a disabled account,
 * never someone who turned the kind off both in the app and by e-mail; e-mail only while the
 * server sends it (`emailOn`) and the person wants it. Each person once, in the order given.
 */
export function deliveries(
  candidates: readonly Candidate[],
  actorId: string | null,
  emailOn: boolean,
): Delivery[] {
  const seen = new Set<string>();
  const out: Delivery[] = [];
  for (const c of candidates) {
    if (c.id === actorId || c.disabled || seen.has(c.id)) continue;
    seen.add(c.id);
    const pref = c.preference ?? DEFAULT_NOTIFICATION_PREFERENCE;
    const email = emailOn && pref.email ? pref.cadence : null;
    if (!pref.inApp && email === null) continue;
    out.push({ userId: c.id, read: !pref.inApp, email });
  }
  return out;
}

/** What a notification's sentence names. */
export interface SummaryContext {
  /** Who did it; null for the app itself (a scheduled job). */
  actorName: string | null;
  articleTitle: string;
  claimNumber?: number | null;
  /** For a review due: the date it was due (YYYY-MM-DD). */
  due?: string | null;
  /** For a re-check: why, in words ("its quote changed"). */
  reason?: string | null;
}

/** A title cut to `max` characters at a word, with an ellipsis. */
export function shortTitle(title: string, max = 60): string {
  const t = title.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}

/** Why a claim went back for a re-check, in words, from its event. */
export function recheckReason(event: StoredAuditEvent): string {
  switch (event.action) {
    case "claim.reanchor":
      return typeof event.after?.revision === "number"
        ? `its quote changed in revision ${event.after.revision}`
        : "its quote changed";
    case "claim.reattach":
      return "it was re-attached to new wording";
    case "claim.library_recheck":
      return event.after?.recheckReason || "its library entry changed";
    case "claim.reference_recheck":
      return event.after?.recheckReason || "a study its evidence cites was flagged";
    default:
      return "it changed";
  }
}

/** The sentence a notification shows, in plain words, fixed when written. */
export function notificationSummary(kind: NotificationKind, ctx: SummaryContext): string {
  const who = ctx.actorName ?? "Claimdesk";
  const title = `“${shortTitle(ctx.articleTitle)}”`;
  const claim = ctx.claimNumber ? `claim ${ctx.claimNumber} of ${title}` : title;
  switch (kind) {
    case "assigned":
      return `${who} assigned you ${claim}`;
    case "mentioned":
      return `${who} mentioned you on ${claim}`;
    case "reply":
      return `${who} commented on ${claim}, which you follow`;
    case "recheck": {
      const what = ctx.claimNumber ? `Claim ${ctx.claimNumber} of ${title}` : title;
      return `${what} needs a re-check${ctx.reason ? `: ${ctx.reason}` : ""}`;
    }
    case "approval_requested":
      return `${who} submitted ${title} for approval`;
    case "approval_refused":
      return `${who} requested changes on ${title}`;
    case "approval_given":
      return `${who} approved ${title}`;
    case "review_due":
      return `${title} is due for its medical review${ctx.due ? ` (due ${ctx.due})` : ""}`;
  }
}
