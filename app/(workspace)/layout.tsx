import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { DraftScope } from "@/app/_components/draft-scope";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { MAX_SEARCH_QUERY } from "@/lib/core/search/query";
import { ROLE_LABELS } from "@/lib/core/vocabulary";
import { CHOOSE_PASSWORD_PATH, getCurrentActor } from "@/lib/server/auth/current-actor";
import { loadUnreadCount } from "@/lib/services/notifications/read";
import { loadOverdueCount } from "@/lib/services/review/read";
import { LiveConnection } from "./_components/live-connection";
import { NotificationBell } from "./_components/notification-bell";
import { SEARCH_BOX_ID } from "./_components/search-keys";
import { SearchShortcut } from "./_components/search-shortcut";

export const dynamic = "force-dynamic";

/**
 * The signed-in shell. Redirecting here is for people; every page and action still checks the
 * actor itself in the data-access layer, since layouts do not guard what renders beside them.
 */
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/signin");
  // A temporary password: nothing else until a new one is chosen (the server refuses it too).
  if (actor.mustChangePassword) redirect(CHOOSE_PASSWORD_PATH);
  const db = await getDb();
  const [overdue, unread] = await Promise.all([
    can(actor, "article:read") ? loadOverdueCount(db, actor) : 0,
    can(actor, "desk:read") ? loadUnreadCount(db, actor) : 0,
  ]);
  return (
    <>
      <a className="visually-hidden" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/articles" className="brand">
          Claimdesk
        </Link>
        <nav aria-label="Main">
          <Link href="/articles">Articles</Link>
          {can(actor, "claim:update") ? <Link href="/my-claims">My claims</Link> : null}
          {can(actor, "desk:read") ? <Link href="/queues">Queues</Link> : null}
          {/* The overdue count is rendered here, on the server: no script keeps it fresh. */}
          <Link href="/due" data-testid="due-link">
            Due for review
            {overdue > 0 ? (
              <span
                className="badge state-changes_requested"
                style={{ marginLeft: "0.3rem" }}
                data-testid="overdue-count"
                title={`${overdue} overdue`}
              >
                {overdue}
                <span className="visually-hidden"> overdue</span>
              </span>
            ) : null}
          </Link>
          {can(actor, "desk:read") ? <Link href="/dashboard">Dashboard</Link> : null}
          {can(actor, "library:read") ? <Link href="/library">Library</Link> : null}
          {can(actor, "reference:read") ? <Link href="/references">References</Link> : null}
          {can(actor, "reference:read") ? (
            <Link href="/evidence-updates">Evidence updates</Link>
          ) : null}
          {/* No prefetch: opening Activity stamps the visit (lib/services/activity/read.ts). */}
          <Link href="/activity" prefetch={false}>
            Activity
          </Link>
          {can(actor, "user:manage") ? <Link href="/admin/users">Users</Link> : null}
          {can(actor, "audit:read") ? <Link href="/admin/audit">Audit log</Link> : null}
          {can(actor, "settings:manage") ? <Link href="/admin/settings">Settings</Link> : null}
        </nav>
        {/* A plain GET form: Enter opens /search?q=… with or without scripts; "/" focuses it. */}
        <search className="topbar-search">
          <form action="/search" method="get">
            <label htmlFor={SEARCH_BOX_ID} className="visually-hidden">
              Search the workspace
            </label>
            <input
              id={SEARCH_BOX_ID}
              name="q"
              type="search"
              placeholder="Search ( / )"
              maxLength={MAX_SEARCH_QUERY}
              autoComplete="off"
              aria-keyshortcuts="/"
            />
            <SearchShortcut />
          </form>
        </search>
        <div className="who">
          {/* The unread figure is rendered here; the bell's script only refetches it. */}
          <Link href="/notifications" className="bell" data-testid="bell" title="Notifications">
            <span aria-hidden="true">🔔</span>
            <span className="visually-hidden">Notifications</span>
            <NotificationBell userId={actor.id} initial={unread} />
          </Link>
          <Link href="/account" title="Your account">
            {actor.name}
          </Link>
          <span className="role-badge" data-testid="current-role">
            {ROLE_LABELS[actor.role]}
          </span>
          <Link href="/signout">Sign out</Link>
        </div>
      </header>
      <main id="main">
        {/* Whose drafts of unsaved form text this browser keeps (app/_components/drafts.tsx). */}
        <DraftScope userId={actor.id}>{children}</DraftScope>
      </main>
      {/* One live connection per tab: changes, presence and notifications (docs/architecture.md). */}
      {can(actor, "article:read") ? <LiveConnection /> : null}
    </>
  );
}
