"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field, fieldA11y } from "@/app/_components/field";
import { FormMessage, type FormMessageValue } from "@/app/_components/notice";
import { changeOwnPasswordAction } from "@/lib/actions/account";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import type { FieldErrors } from "@/lib/errors";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

/**
 * Changing your own password: on the account page, and on "Choose a new password" for a
 * temporary one (`temporary`), which goes on to the articles once it is done.
 */
export function PasswordForm({ temporary = false }: { temporary?: boolean }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const get = (k: string) => String(form.get(k) ?? "");
    setPending(true);
    const result = await changeOwnPasswordAction({
      currentPassword: get("current-password"),
      newPassword: get("new-password"),
      confirmPassword: get("confirm-password"),
    });
    setPending(false);
    if (!result.ok) {
      const fieldErrors = result.error.fieldErrors ?? {};
      setErrors(fieldErrors);
      const shown = Object.keys(fieldErrors).every((k) => FIELDS.includes(k));
      setMessage(
        Object.keys(fieldErrors).length > 0 && shown
          ? null
          : { kind: "error", text: result.error.message },
      );
      return;
    }
    formEl.reset();
    setErrors({});
    if (temporary) {
      router.replace("/articles");
      return;
    }
    setMessage({
      kind: "success",
      text: "Password changed. You stay signed in here; your other devices are signed out.",
    });
    router.refresh();
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <h2 id="password-title" className="section-title">
        {temporary ? "Your new password" : "Change your password"}
      </h2>
      <FormMessage message={message} />
      <Field
        id="current-password"
        label={temporary ? "Temporary password" : "Current password"}
        errors={errors.currentPassword}
      >
        <input
          type="password"
          autoComplete="current-password"
          {...fieldA11y("current-password", errors.currentPassword)}
        />
      </Field>
      <Field
        id="new-password"
        label="New password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        errors={errors.newPassword}
      >
        <input
          type="password"
          autoComplete="new-password"
          {...fieldA11y("new-password", errors.newPassword, true)}
        />
      </Field>
      <Field id="confirm-password" label="New password again" errors={errors.confirmPassword}>
        <input
          type="password"
          autoComplete="new-password"
          {...fieldA11y("confirm-password", errors.confirmPassword)}
        />
      </Field>
      <button className="button primary" type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
