import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { ROLE_LABELS } from "@/lib/core/vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { readOwnAccount } from "@/lib/services/users/read";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const actor = await requireActorOrRedirect("/account");
  const me = await readOwnAccount(await getDb(), actor);
  return (
    <div className="page stack">
      <div>
        <h1>Your account</h1>
        <p className="muted">
          {me.email} · {ROLE_LABELS[me.role]}
        </p>
      </div>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title" className="section-title">
          Name and credentials
        </h2>
        <p className="muted small">
          How you are named to readers, e.g. “Medically reviewed by Dr Jane Doe, MD, nephrologist”.
        </p>
        <ProfileForm name={me.name} credentials={me.credentials} />
      </section>
      <section className="card" aria-labelledby="notifications-title">
        <h2 id="notifications-title" className="section-title">
          Notifications
        </h2>
        <p className="muted small">
          What you are told about, in the app and by e-mail:{" "}
          <Link href="/account/notifications">notification preferences</Link>.
        </p>
      </section>
      <PasswordForm />
    </div>
  );
}
