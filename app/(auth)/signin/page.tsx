import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/instance";
import { countUsers } from "@/db/queries/users";
import { safeCallbackUrl } from "@/lib/core/auth/callback-url";
import { ROLE_LABELS } from "@/lib/core/vocabulary";
import { DEMO_ACCOUNTS, isDemoMode } from "@/lib/entry/demo/accounts";
import { getCurrentActor } from "@/lib/server/auth/current-actor";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, process.env.NEXTAUTH_URL);
  if (await getCurrentActor()) redirect(callbackUrl);
  if ((await countUsers(await getDb())) === 0) redirect("/setup");
  const demo = isDemoMode();

  return (
    <main className="auth-card stack">
      <div className="card">
        <h1>Sign in to Claimdesk</h1>
        <SignInForm callbackUrl={callbackUrl} />
      </div>
      {demo ? (
        <section className="card demo-accounts" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title" className="section-title">
            Demo accounts
          </h2>
          <table className="table">
            <thead>
              <tr>
                <th>Role</th>
                <th>E-mail</th>
                <th>Password</th>
              </tr>
            </thead>
            <tbody>
              {DEMO_ACCOUNTS.map((a) => (
                <tr key={a.email}>
                  <td>
                    {ROLE_LABELS[a.role]}
                    <div className="muted small">{a.does}</div>
                  </td>
                  <td>
                    <code>{a.email}</code>
                  </td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}
