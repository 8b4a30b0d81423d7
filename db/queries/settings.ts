import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type WorkspaceSettings, workspaceSettings } from "../schema";
import { columnsWithout } from "./row-shapes";

/** The workspace settings as every reader sees them (the row without its bookkeeping). */
export type WorkspaceSettingsValues = Omit<WorkspaceSettings, "id" | "updatedAt">;

/** What a workspace that never saved its settings uses (the column defaults). */
const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettingsValues = {
  organizationName: "Claimdesk",
  organizationUrl: null,
  publicBaseUrl: null,
  logoText: null,
  reviewIntervalMonths: 12,
  publicPagesEnabled: true,
  checklistPublic: false,
};

/** The workspace settings, or the defaults when the row was never written. */
export async function getWorkspaceSettings(db: Db): Promise<WorkspaceSettingsValues> {
  const [row] = await db
    .select(columnsWithout(workspaceSettings, "id", "updatedAt"))
    .from(workspaceSettings)
    .where(eq(workspaceSettings.id, 1));
  return row ?? DEFAULT_WORKSPACE_SETTINGS;
}

/** Writes the settings row (creating it the first time). */
export async function saveWorkspaceSettings(
  db: Db,
  values: WorkspaceSettingsValues,
): Promise<void> {
  await db
    .insert(workspaceSettings)
    .values({ id: 1, ...values, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: workspaceSettings.id,
      set: { ...values, updatedAt: new Date() },
    });
}

/** Serialises settings changes, so each audit event's "before" is what the change replaced. */
export async function lockWorkspaceSettings(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7250301628)`);
}
