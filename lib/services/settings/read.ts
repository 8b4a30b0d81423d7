import "server-only";
import type { Db } from "@/db/client";
import { getWorkspaceSettings } from "@/db/queries/settings";
import { type Actor, authorize } from "@/lib/core/auth/permissions";

/** The settings as the admin's form shows them. */
export async function readSettingsForAdmin(db: Db, actor: Actor | null) {
  authorize(actor, "settings:manage");
  return getWorkspaceSettings(db);
}
