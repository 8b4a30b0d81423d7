"use client";

import { useEffect, useState } from "react";

/**
 * The bell's unread figure, kept fresh without a reload: the server renders the first figure;
 * a live message for this person (helper "live" dispatches each as a `claimdesk:live` window
 * event) or the tab coming back into view refetches it. Deliberately tiny: it is on every
 * page, the review page's first load included.
 */
export function NotificationBell({ userId, initial }: { userId: string; initial: number }) {
  const [count, setCount] = useState(initial);
  useEffect(() => setCount(initial), [initial]);
  useEffect(() => {
    const refetch = () =>
      fetch("/api/notifications/unread")
        .then((r) => (r.ok ? r.json() : null))
        .then((d) => d && setCount(d.count))
        .catch(() => {});
    const onLive = (e: Event) => {
      const d = (e as CustomEvent).detail;
      if (d?.type === "notification" && d.userId === userId) refetch();
    };
    const onShow = () => document.visibilityState === "visible" && refetch();
    window.addEventListener("claimdesk:live", onLive);
    document.addEventListener("visibilitychange", onShow);
    return () => {
      window.removeEventListener("claimdesk:live", onLive);
      document.removeEventListener("visibilitychange", onShow);
    };
  }, [userId]);
  return count > 0 ? (
    <span className="badge bell-count" data-testid="unread-count">
      {count}
      <span className="visually-hidden"> unread</span>
    </span>
  ) : null;
}
