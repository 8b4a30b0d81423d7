"use client";

import { createContext, type ReactNode } from "react";

/**
 * Whose drafts the forms below keep (./drafts.tsx). A file of its own so that the workspace
 * layout, which provides it on every page, carries this and not the drafts code itself.
 */
export const DraftUser = createContext<string | null>(null);

/** Forms outside it keep no drafts. */
export function DraftScope({ userId, children }: { userId: string; children: ReactNode }) {
  return <DraftUser value={userId}>{children}</DraftUser>;
}
