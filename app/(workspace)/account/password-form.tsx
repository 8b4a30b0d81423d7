"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { InputField, SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/core/auth/password-policy";
import { changeOwnPasswordAction } from "@/lib/entry/actions/account";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

/**
 * Changing your own password: on the account page, and on "Choose a new password" for a
 * temporary one (`temporary`), which goes on to the articles once it is done.
 */
export function PasswordForm({ temporary = false }: { temporary?: boolean }) {
  const router = useRouter();
  const { errors, message, setMessage, pending, submit } = useActionForm({
    fields: FIELDS,
    fieldsOnly: null,
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const get = (k: string) => String(form.get(k) ?? "");
    const done = await submit(() =>
      changeOwnPasswordAction({
        currentPassword: get("current-password"),
        newPassword: get("new-password"),
        confirmPassword: get("confirm-password"),
      }),
    );
    if (done === null) return;
    formEl.reset();
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
      <InputField
        id="current-password"
        label={temporary ? "Temporary password" : "Current password"}
        errors={errors.currentPassword}
        type="password"
        autoComplete="current-password"
      />
      <InputField
        id="new-password"
        label="New password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        errors={errors.newPassword}
        type="password"
        autoComplete="new-password"
      />
      <InputField
        id="confirm-password"
        label="New password again"
        errors={errors.confirmPassword}
        type="password"
        autoComplete="new-password"
      />
      <SubmitButton pending={pending} busy="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}
