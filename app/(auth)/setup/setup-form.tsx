"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Field, fieldA11y } from "@/app/_components/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/core/auth/password-policy";
import type { FieldErrors } from "@/lib/core/errors";
import { setupAction } from "@/lib/entry/actions/users";

export function SetupForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    const result = await setupAction(input);
    if (!result.ok) {
      setPending(false);
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.fieldErrors ? null : result.error.message);
      return;
    }
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    router.replace("/admin/users");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {message ? (
        <div className="alert error" role="alert">
          {message}
        </div>
      ) : null}
      <Field id="name" label="Your name" errors={errors.name}>
        <input type="text" autoComplete="name" required {...fieldA11y("name", errors.name)} />
      </Field>
      <Field id="email" label="E-mail" errors={errors.email}>
        <input
          type="email"
          autoComplete="username"
          required
          {...fieldA11y("email", errors.email)}
        />
      </Field>
      <Field
        id="password"
        label="Password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        errors={errors.password}
      >
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          {...fieldA11y("password", errors.password, true)}
        />
      </Field>
      <button className="button primary" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create admin account"}
      </button>
    </form>
  );
}
