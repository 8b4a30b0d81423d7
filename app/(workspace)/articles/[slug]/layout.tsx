import { headers } from "next/headers";
import type { ReactNode } from "react";
import { PATHNAME_HEADER, pageRuleFor } from "@/lib/core/auth/page-notices";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";

export const dynamic = "force-dynamic";

/**
 * The article's pages stream behind `loading.tsx`, and a streamed page can no longer change the
 * status from 200: so the pages a role may not use (edit, import annotations) are refused
 * here, above that boundary, with a real 403. The pages check again themselves (a layout is not
 * rendered again on navigation between its pages).
 */
export default async function ArticleLayout({ children }: { children: ReactNode }) {
  const pathname = (await headers()).get(PATHNAME_HEADER);
  const rule = pageRuleFor(pathname);
  if (rule && pathname)
    requirePagePermission(await requireActorOrRedirect(pathname), rule.permission);
  return children;
}
