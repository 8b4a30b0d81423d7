"use client";

import { type ReactNode, Suspense, useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * Its children only in the browser, once the page is hydrated, inside a Suspense boundary: for
 * parts loaded lazily (React.lazy) to keep a page's first load small. Rendered on the server,
 * such a part would show a form that does nothing until its code arrives, and what someone
 * typed or clicked there meanwhile would be lost; this way it appears when it works.
 */
export function AfterHydration({ children }: { children: ReactNode }) {
  const hydrated = useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
  return hydrated ? <Suspense>{children}</Suspense> : null;
}
