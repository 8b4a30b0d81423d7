/**
 * Workspace pages a role may not use answer HTTP 403 with a notice saying why (the page's own
 * words, shown by app/(workspace)/forbidden.tsx), instead of a 200 that renders a warning: a
 * 200 tells scripts, crawlers and monitors the page is there for them. Uses Next's `forbidden()`
 * (`experimental.authInterrupts` in next.config.mjs). The check that protects data is still
 * the data-access layer's; this is what the person and the status code see.
 */
import "server-only";
import { forbidden } from "next/navigation";
import { type Actor, can, type Permission } from "@/lib/core/auth/permissions";

/** Ends the page with a 403 unless `actor` holds `permission`. */
export function requirePagePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) forbidden();
}
