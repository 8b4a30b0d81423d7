import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { loadNotificationPreferences } from "@/lib/services/notifications/read";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Notification preferences" };
export const dynamic = "force-dynamic";

export default async function NotificationPreferencesPage() {
  const actor = await requireActorOrRedirect("/account/notifications");
  const { preferences, emailOn } = await loadNotificationPreferences(await getDb(), actor);
  return (
    <div className="page stack">
      <div>
        <h1>Notification preferences</h1>
        <p className="muted">
          What you are told about, in the app (the bell and{" "}
          <Link href="/notifications">your notifications</Link>) and by e-mail, at once or in one
          daily digest.
        </p>
        {emailOn ? null : (
          <p className="card" data-testid="email-off">
            E-mail is off on this server (SMTP_URL is not set): your e-mail choices are kept for
            when it is turned on.
          </p>
        )}
      </div>
      <PreferencesForm preferences={preferences} />
    </div>
  );
}
