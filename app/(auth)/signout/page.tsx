import type { Metadata } from "next";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <main className="auth-card">
      <div className="card">
        <h1>Sign out</h1>
        <p>
          This ends your session here and on every other device or browser signed in to your
          account. You will need your e-mail and password to sign in again.
        </p>
        <SignOutButton />
      </div>
    </main>
  );
}
