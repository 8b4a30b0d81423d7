"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { SubmitButton } from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
import { parseRateLimitedError, rateLimitMessage } from "@/lib/core/auth/login-rate-limit";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    // The same two answers whether or not the account exists.
    const waitMinutes = parseRateLimitedError(result?.error);
    setError(
      waitMinutes !== null
        ? rateLimitMessage(waitMinutes)
        : "That e-mail and password do not match an active account.",
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorAlert message={error} />
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <SubmitButton pending={pending} busy="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
