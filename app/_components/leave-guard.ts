"use client";

import { useEffect } from "react";

export const LEAVE_MESSAGE = "You have unsaved changes. Leave this page and lose them?";

/**
 * While `active`, asks before the page is left: the browser's own prompt when the page unloads
 * (reload, closing the tab, another site), and a confirm() for in-app links, which next/link
 * follows without unloading the page, so `beforeunload` never sees them. The click is caught
 * on `window` in the capture phase, before React's listener on the document runs next/link's
 * handler, so a "Cancel" stops the navigation outright. Links that open elsewhere (another
 * tab, a download, a modified click) or only move within the page are let through.
 *
 * For forms whose text is too big or too structured for a draft (the revision editor's
 * document); forms on the review page keep drafts instead (./drafts.tsx).
 */
export function useLeaveGuard(active: boolean, message = LEAVE_MESSAGE) {
  useEffect(() => {
    if (!active) return;
    // Set once the person chose to leave, so a full-page link does not ask a second time.
    let leaving = false;
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return;
      if (link.target && link.target !== "_self") return;
      const to = new URL(link.href, window.location.href);
      const here = window.location;
      // Another origin unloads the page: beforeunload asks.
      if (to.origin !== here.origin) return;
      if (to.pathname === here.pathname && to.search === here.search && to.hash) return;
      if (window.confirm(message)) {
        leaving = true;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("click", onClick, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("click", onClick, true);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [active, message]);
}
