import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasswordForm } from "@/app/(workspace)/account/password-form";
import { getCurrentActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

/**
 * Where a user with a temporary password (a new account, an admin's reset) is sent, from every
 * workspace page, until they choose their own. Outside the workspace shell: nothing else is
 * open to them (the server refuses every other action and read).
 */
export default async function ChoosePasswordPage() {
  const actor = await getCurrentActor();
  if (!actor) redirect("/signin");
  if (!actor.mustChangePassword) redirect("/account");
  return (
    <main className="auth-card stack">
      <div className="card">
        <h1>Choose a new password</h1>
        <p className="muted">
          {actor.name}, your account has a temporary password. Choose your own to go on.
        </p>
      </div>
      <PasswordForm temporary />
      <p className="small">
        <Link href="/signout">Sign out</Link>
      </p>
    </main>
  );
}
