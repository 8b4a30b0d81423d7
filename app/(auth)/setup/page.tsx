import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/instance";
import { countUsers } from "@/db/queries/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

/** First run only: create the first admin. Closed for good once any account exists. */
export default async function SetupPage() {
  if ((await countUsers(await getDb())) > 0) redirect("/signin");
  return (
    <main className="auth-card">
      <div className="card">
        <h1>Welcome to Claimdesk</h1>
        <p className="muted">
          Create the first administrator account. You can invite editors and reviewers next.
        </p>
        <SetupForm />
      </div>
    </main>
  );
}
