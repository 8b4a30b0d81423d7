/**
 * The signed-in person's notifications as the bell, the /notifications page and the
 * preferences page show them, and the @-mention picker's members. Each read authorizes.
 */
import "server-only";
import type { Db } from "@/db/client";
import { searchMembers } from "@/db/queries/members";
import {
  countUnreadNotifications,
  listNotificationPreferences,
  listNotificationsForUser,
} from "@/db/queries/notifications";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import {
  DEFAULT_NOTIFICATION_PREFERENCE,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreference,
} from "@/lib/core/desk-vocabulary";
import { emailConfig } from "@/lib/core/email/config";

/** The bell's figure. */
export async function loadUnreadCount(db: Db, actor: Actor | null): Promise<number> {
  const me = authorize(actor, "desk:read");
  return countUnreadNotifications(db, me.id);
}

/** How many notifications the page shows (the newest). */
export const NOTIFICATIONS_PAGE_SIZE = 200;

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  summary: string;
  createdAt: Date;
  unread: boolean;
  /** The exact claim on the review page, or the article. */
  href: string | null;
}

export interface NotificationGroup {
  articleId: string | null;
  articleTitle: string;
  items: NotificationItem[];
}

/**
 * The newest notifications grouped by article, the group of the newest notification first
 * and each group newest first.
 */
export async function loadNotifications(
  db: Db,
  actor: Actor | null,
): Promise<{ groups: NotificationGroup[]; unread: number }> {
  const me = authorize(actor, "desk:read");
  const rows = await listNotificationsForUser(db, me.id, { limit: NOTIFICATIONS_PAGE_SIZE });
  const groups = new Map<string, NotificationGroup>();
  let unread = 0;
  for (const r of rows) {
    const key = r.articleId ?? "";
    let group = groups.get(key);
    if (!group) {
      group = {
        articleId: r.articleId,
        articleTitle: r.articleTitle ?? "The workspace",
        items: [],
      };
      groups.set(key, group);
    }
    if (!r.readAt) unread++;
    const article = r.articleSlug ? `/articles/${encodeURIComponent(r.articleSlug)}` : null;
    group.items.push({
      id: r.id,
      kind: r.kind,
      summary: r.summary,
      createdAt: r.createdAt,
      unread: r.readAt === null,
      href: article && r.claimId ? `${article}?claim=${r.claimId}` : article,
    });
  }
  return { groups: [...groups.values()], unread };
}

/** Every kind with the person's choice (the default where none is stored), and whether e-mail is on. */
export async function loadNotificationPreferences(db: Db, actor: Actor | null) {
  const me = authorize(actor, "desk:read");
  const stored = new Map((await listNotificationPreferences(db, me.id)).map((p) => [p.kind, p]));
  const preferences = Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => {
      const p = stored.get(kind);
      return [
        kind,
        p
          ? { inApp: p.inApp, email: p.email, cadence: p.cadence }
          : { ...DEFAULT_NOTIFICATION_PREFERENCE },
      ];
    }),
  ) as Record<NotificationKind, NotificationPreference>;
  return { preferences, emailOn: emailConfig(process.env) !== null };
}

/** At most this many people in the picker at once. */
export const MEMBER_PICKER_LIMIT = 8;

/** Members whose name has a word starting with `q`, for whoever may write comments. */
export async function listMembersForPicker(db: Db, actor: Actor | null, q: string) {
  authorize(actor, "comment:write");
  return searchMembers(db, q, MEMBER_PICKER_LIMIT);
}
