import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { readEmailStatusForAdmin } from "@/lib/services/email/status";
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
  const db = await getDb();
  const [settings, email] = await Promise.all([
    readSettingsForAdmin(db, actor),
    readEmailStatusForAdmin(db, actor),
  ]);
  const { counts } = email.outbox;
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
      <section aria-labelledby="email-heading">
        <h2 id="email-heading">E-mail</h2>
        <p>{email.note}</p>
        <p className="muted">
          Outbox: {counts.pending + counts.sending} waiting, {counts.sent} sent, {counts.failed}{" "}
          failed in the last 30 days. Set with SMTP_URL and EMAIL_FROM (see the operations guide).
        </p>
      </section>
    </div>
  );
}
