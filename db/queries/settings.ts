import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { workspaceSettings } from "../schema";

export interface OrganizationSettings {
  organizationName: string;
  organizationUrl: string | null;
}

/** The workspace settings, or the defaults when the row was never written. */
export async function getWorkspaceSettings(db: Db): Promise<OrganizationSettings> {
  const [row] = await db
    .select({
      organizationName: workspaceSettings.organizationName,
      organizationUrl: workspaceSettings.organizationUrl,
    })
    .from(workspaceSettings)
    .where(eq(workspaceSettings.id, 1));
  return row ?? { organizationName: "Claimdesk", organizationUrl: null };
}
