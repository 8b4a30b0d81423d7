/**
 * The workspace settings (admin): the organization named on public pages and exports, where
 * the public pages live, the default review interval, and whether the public pages are on at
 * all. One row; every change is audited with the values before and after.
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { recomputeDefaultReviewDue } from "@/db/queries/review-dates";
import {
  getWorkspaceSettings,
  lockWorkspaceSettings,
  saveWorkspaceSettings,
} from "@/db/queries/settings";
import { fieldChanges } from "@/lib/core/changes";
import { settingsSchema } from "@/lib/core/validation/settings";
import { defineAction } from "@/lib/server/action";

/** The id of the settings' audit events (the row has no id of its own worth showing). */
export const SETTINGS_ENTITY_ID = "workspace";

export const updateSettings = defineAction({
  name: "settings.update",
  input: settingsSchema,
  permission: "settings:manage",
  // Audited when it changes something: settings saved unchanged change nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    await lockWorkspaceSettings(tx);
    const before = await getWorkspaceSettings(tx);
    const diff = fieldChanges(before, input);
    if (!diff.changed) return { ...input, changed: false };
    await saveWorkspaceSettings(tx, input);
    // Articles without an interval of their own follow the workspace's: their next review moves.
    const reviewDatesMoved =
      "reviewIntervalMonths" in diff.after
        ? await recomputeDefaultReviewDue(tx, input.reviewIntervalMonths)
        : 0;
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "settings.update",
      entityType: "settings",
      entityId: SETTINGS_ENTITY_ID,
      before: diff.before,
      after: reviewDatesMoved > 0 ? { ...diff.after, reviewDatesMoved } : diff.after,
    });
    return { ...input, changed: true };
  },
});
