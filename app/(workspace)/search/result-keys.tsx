"use client";

import { useEffect } from "react";
import { isTypingTarget, SEARCH_PAGE_QUERY_ID } from "../_components/search-keys";

/**
 * ArrowDown and ArrowUp move the focus between the results (links marked `data-search-result`),
 * from the page or from the search field; Enter on a focused result is the link's own. Outside
 * a field only, apart from the page's search field, from which ArrowDown enters the results.
 */
export function ResultKeys() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target;
      const fromQuery = target instanceof HTMLElement && target.id === SEARCH_PAGE_QUERY_ID;
      if (isTypingTarget(target) && !fromQuery) return;
      const results = [...document.querySelectorAll<HTMLAnchorElement>("a[data-search-result]")];
      if (results.length === 0) return;
      const at = results.indexOf(document.activeElement as HTMLAnchorElement);
      const next =
        event.key === "ArrowDown" ? Math.min(at + 1, results.length - 1) : at <= 0 ? -1 : at - 1;
      event.preventDefault();
      if (next < 0) document.getElementById(SEARCH_PAGE_QUERY_ID)?.focus();
      else results[next]?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
