import type { Metadata } from "next";
import Link from "next/link";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { NOTIFICATION_KIND_LABELS } from "@/lib/core/desk-vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { loadNotifications } from "@/lib/services/notifications/read";
import { MarkAllRead, MarkRead } from "./mark-read";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

/** What one was told, grouped by article, newest first; unread ones marked. */
export default async function NotificationsPage() {
  const actor = await requireActorOrRedirect("/notifications");
  const { groups, unread } = await loadNotifications(await getDb(), actor);
  return (
    <div className="page">
      <div className="button-row" style={{ justifyContent: "space-between" }}>
        <h1>Notifications</h1>
        <span className="button-row">
          {unread > 0 ? <MarkAllRead /> : null}
          <Link href="/account/notifications">Preferences</Link>
        </span>
      </div>
      <p className="muted" data-testid="unread-summary">
        {unread === 0 ? "Nothing unread." : `${unread} unread.`}
      </p>
      {groups.length === 0 ? (
        <p className="card" data-testid="notifications-empty">
          No notifications yet. You are told when someone assigns you a claim, mentions you, replies
          on a claim you follow, sends your claim back for a re-check, or when an article needs your
          approval or its review.
        </p>
      ) : (
        groups.map((g) => (
          <section
            key={g.articleId ?? "workspace"}
            className="notification-group"
            aria-label={g.articleTitle}
            data-testid="notification-group"
          >
            <h2 className="section-title">{g.articleTitle}</h2>
            <ul className="notification-list">
              {g.items.map((n) => (
                <li
                  key={n.id}
                  className={n.unread ? "unread" : undefined}
                  data-testid="notification"
                  data-unread={n.unread ? "true" : "false"}
                >
                  <span className="visually-hidden">{n.unread ? "Unread: " : ""}</span>
                  <span className="badge" title={NOTIFICATION_KIND_LABELS[n.kind]}>
                    {NOTIFICATION_KIND_LABELS[n.kind]}
                  </span>
                  {n.href ? <Link href={n.href}>{n.summary}</Link> : <span>{n.summary}</span>}
                  <time
                    className="muted small notification-when"
                    dateTime={n.createdAt.toISOString()}
                    suppressHydrationWarning
                  >
                    {dateTimeFormat.format(n.createdAt)}
                  </time>
                  {n.unread ? <MarkRead id={n.id} /> : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
