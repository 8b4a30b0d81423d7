"use client";

import { useEffect } from "react";
import { keepPresence, LIVE_EVENT, type LiveFocus, liveFocus, onLiveFocus } from "./live-bus";

/**
 * The tab's one live connection (GET /api/live, Server-Sent Events), on every workspace page:
 * each message it receives is dispatched as a `claimdesk:live` window event for whoever
 * listens (the review page, the bell). EventSource reconnects a dropped stream by itself,
 * sending the last event id so the server can tell what was missed; a refused one (signed
 * out, too many tabs) is tried again after a minute.
 */
export function LiveConnection() {
  useEffect(() => {
    let source: EventSource | null = null;
    let article: string | null | undefined;
    let connection: string | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const post = (f: LiveFocus) => {
      if (!connection || !f.articleId) return;
      const claim = f.claimId ? `&claim=${f.claimId}` : "";
      const mode = f.editing && f.claimId ? "editing" : "viewing";
      void fetch(`/api/live/presence?connection=${connection}${claim}&mode=${mode}`, {
        method: "POST",
      }).catch(() => {});
    };
    const open = () => {
      source?.close();
      clearTimeout(retry);
      connection = null;
      const s = new EventSource(article ? `/api/live?article=${article}` : "/api/live");
      source = s;
      s.onmessage = (e) => {
        let detail: { type?: string; connectionId?: string };
        try {
          detail = JSON.parse(e.data);
        } catch {
          return;
        }
        if (detail.type === "hello") {
          connection = detail.connectionId ?? null;
          post(liveFocus());
        }
        if (detail.type === "presence") keepPresence(detail);
        window.dispatchEvent(new CustomEvent(LIVE_EVENT, { detail }));
      };
      s.onerror = () => {
        if (s.readyState === EventSource.CLOSED) retry = setTimeout(open, 60_000);
      };
    };
    const follow = (f: LiveFocus) => {
      if (f.articleId === article) return post(f);
      article = f.articleId;
      open();
    };
    follow(liveFocus());
    const stop = onLiveFocus(follow);
    return () => {
      stop();
      clearTimeout(retry);
      source?.close();
    };
  }, []);
  return null;
}
