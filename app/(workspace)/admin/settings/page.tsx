import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { readSettingsForAdmin } from "@/lib/services/settings/read";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const actor = await requireActorOrRedirect("/admin/settings");
  if (!can(actor, "settings:manage")) {
    return (
      <div className="page">
        <h1>Settings</h1>
        <div className="alert warning" role="status">
          Only admins change the workspace settings.
        </div>
      </div>
    );
  }
  const settings = await readSettingsForAdmin(await getDb(), actor);
  return (
    <div className="page stack">
      <div>
        <h1>Settings</h1>
        <p className="muted">
          How the workspace presents itself on public pages and exports. Every change is in the{" "}
          <Link href="/admin/audit">audit log</Link>.
        </p>
      </div>
      <SettingsForm settings={settings} />
    </div>
  );
}
