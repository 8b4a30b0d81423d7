"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { InputField, SubmitButton } from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
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
      <ErrorAlert message={message} />
      <InputField
        id="name"
        label="Your name"
        errors={errors.name}
        type="text"
        autoComplete="name"
        required
      />
      <InputField
        id="email"
        label="E-mail"
        errors={errors.email}
        type="email"
        autoComplete="username"
        required
      />
      <InputField
        id="password"
        label="Password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        errors={errors.password}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
      />
      <SubmitButton pending={pending} busy="Creating…">
        Create admin account
      </SubmitButton>
    </form>
  );
}
