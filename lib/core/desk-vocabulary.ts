/**
 * The words of issue 14's team desk — notifications, e-mail, presence, tags, work queues —
 * apart from vocabulary.ts, which the review page's first load carries (docs/figures.md): only
 * what a page needs of these is imported there. Pure.
 */

/** What a person can be told about. The codes are stored (`notifications.kind`): never rename. */
export const NOTIFICATION_KINDS = [
  /** A claim was assigned to you. */
  "assigned",
  /** Someone @-mentioned you in a comment. */
  "mentioned",
  /** A new comment on a claim you follow (created, were assigned or commented on). */
  "reply",
  /** A claim of yours went back for a re-check (re-anchoring, a library change, a retracted reference). */
  "recheck",
  /** An article was submitted for approval (to editors). */
  "approval_requested",
  /** Changes were requested on an article you submitted or reviewed. */
  "approval_refused",
  /** An article you submitted or reviewed was approved. */
  "approval_given",
  /** An article's medical review date has come. */
  "review_due",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  assigned: "Assigned to you",
  mentioned: "Mentioned you",
  reply: "Replies on claims you follow",
  recheck: "Your claims sent back for a re-check",
  approval_requested: "Approval requested",
  approval_refused: "Changes requested",
  approval_given: "Approved",
  review_due: "Reviews due",
};

/** When e-mail for a kind goes out: at once, or gathered in one daily digest. */
export const EMAIL_CADENCES = ["immediate", "daily"] as const;
export type EmailCadence = (typeof EMAIL_CADENCES)[number];

export const EMAIL_CADENCE_LABELS: Record<EmailCadence, string> = {
  immediate: "At once",
  daily: "Daily digest",
};

/** One person's choice for one kind; a kind without a stored row uses the default. */
export interface NotificationPreference {
  inApp: boolean;
  email: boolean;
  cadence: EmailCadence;
}

export const DEFAULT_NOTIFICATION_PREFERENCE: NotificationPreference = {
  inApp: true,
  email: true,
  cadence: "immediate",
};

/** Why a person follows a claim (`claim_followers.reason`): the first reason is kept. */
export const FOLLOW_REASONS = ["created", "assigned", "commented", "mentioned"] as const;
export type FollowReason = (typeof FOLLOW_REASONS)[number];

/** The states of an e-mail in the outbox (`email_outbox.state`). */
export const EMAIL_STATES = ["pending", "sending", "sent", "failed", "skipped"] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** What someone is doing on a review page, shown to the others on it. */
export const PRESENCE_MODES = ["viewing", "editing"] as const;
export type PresenceMode = (typeof PRESENCE_MODES)[number];

/** The work queues, with counts (app/(workspace)/queues). */
export const WORK_QUEUES = ["unassigned", "mine", "recheck", "approval", "due"] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export const WORK_QUEUE_LABELS: Record<WorkQueue, string> = {
  unassigned: "Unassigned claims",
  mine: "My claims",
  recheck: "Needs re-check",
  approval: "Waiting for my approval",
  due: "Due for review",
};

/** A tag's name: short, shown as a chip. */
export const MAX_TAG_NAME = 40;
/** At most this many claims in one bulk action. */
export const MAX_BULK_CLAIMS = 500;

/**
 * The dashboard's figures (app/(workspace)/dashboard): each is a chart or list with its own CSV
 * download (`/api/dashboard/<figure>`). The codes are in URLs and file names: never rename.
 */
export const DASHBOARD_FIGURES = [
  "verdicts",
  "statuses",
  "time-to-verdict",
  "workload",
  "articles",
  "overdue",
] as const;
export type DashboardFigure = (typeof DASHBOARD_FIGURES)[number];

export const DASHBOARD_FIGURE_TITLES: Record<DashboardFigure, string> = {
  verdicts: "Claims by verdict",
  statuses: "Claims by status",
  "time-to-verdict": "Time from claim to verdict, per week",
  workload: "Reviewer workload: open claims per person",
  articles: "Articles by workflow state",
  overdue: "Overdue reviews",
};
