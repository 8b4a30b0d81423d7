"use client";

import { useEffect } from "react";
import { isTypingTarget, SEARCH_BOX_ID } from "./search-keys";

/**
 * "/" anywhere but in a field or the editor focuses the header's search box. Only a listener:
 * the box itself is a plain GET form (it works without scripts), so this is all the header adds
 * to every page's JavaScript.
 */
export function SearchShortcut() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const box = document.getElementById(SEARCH_BOX_ID);
      if (!(box instanceof HTMLInputElement)) return;
      event.preventDefault();
      box.focus();
      box.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
