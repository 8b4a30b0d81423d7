"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { FieldError, InputField, SubmitButton } from "@/app/_components/field";
import { useActionForm } from "@/app/_components/use-action-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/core/auth/password-policy";
import { resetUserPasswordAction, unlockUserAction } from "@/lib/entry/actions/users";

/** "Unlock" for an account the sign-in throttle refuses: clears its failed sign-ins. */
export function UnlockButton({ userId, name }: { userId: string; name: string }) {
  const router = useRouter();
  const { message, pending, submit } = useActionForm();

  async function unlock() {
    if ((await submit(() => unlockUserAction({ userId }))) !== null) router.refresh();
  }

  return (
    <div>
      <button type="button" className="button" disabled={pending} onClick={unlock}>
        {pending ? "Unlocking…" : "Unlock"}
        <span className="visually-hidden"> {name}</span>
      </button>
      <FieldError error={message?.text ?? null} />
    </div>
  );
}

/**
 * An admin gives someone a temporary password (they lost theirs): their sessions end, and they
 * must choose their own at the next sign-in. The admin shares it privately.
 */
export function ResetPasswordForm({ userId, name }: { userId: string; name: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<string[] | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = `reset-${userId}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const temporaryPassword = String(new FormData(formEl).get(id) ?? "");
    setPending(true);
    setDone(null);
    const result = await resetUserPasswordAction({ userId, temporaryPassword });
    setPending(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors?.temporaryPassword ?? [result.error.message]);
      return;
    }
    formEl.reset();
    setErrors(undefined);
    setDone(`${name} is signed out and must choose a new password at the next sign-in.`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Reset the password of ${name}`}>
      <InputField
        id={id}
        label="Replacement password"
        hint={`Temporary: they choose their own at the next sign-in. At least ${PASSWORD_MIN_LENGTH} characters; share it privately.`}
        errors={errors}
        type="password"
        autoComplete="new-password"
      />
      <SubmitButton pending={pending} busy="Resetting…" className="button">
        Reset password
      </SubmitButton>
      {done ? (
        <p className="muted small" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}
