"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { InputField, SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { updateOwnProfileAction } from "@/lib/entry/actions/account";
import { updateUserProfileAction } from "@/lib/entry/actions/users";

/**
 * Display name and credentials: your own (no `userId`), or an admin's edit of someone's on the
 * Users page (`userId`; `idPrefix` keeps the ids of several forms on one page apart).
 */
export function ProfileForm({
  name,
  credentials,
  userId,
  idPrefix = "profile",
}: {
  name: string;
  credentials: string;
  userId?: string;
  idPrefix?: string;
}) {
  const router = useRouter();
  const { errors, message, setMessage, pending, submit } = useActionForm();
  const ids = { name: `${idPrefix}-name`, credentials: `${idPrefix}-credentials` };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get(ids.name) ?? ""),
      credentials: String(form.get(ids.credentials) ?? ""),
    };
    const saved = await submit(() =>
      userId ? updateUserProfileAction({ ...input, userId }) : updateOwnProfileAction(input),
    );
    if (saved === null) return;
    setMessage({
      kind: "success",
      text: saved.changed ? "Saved." : "Nothing to save: these are the current values.",
    });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={userId ? `Profile of ${name}` : "Profile"}>
      <FormMessage message={message} />
      <div className="field-row">
        <InputField
          id={ids.name}
          label="Display name"
          errors={errors.name}
          type="text"
          defaultValue={name}
        />
        <InputField
          id={ids.credentials}
          label="Credentials"
          hint="Shown after the name, e.g. “MD, nephrologist”."
          errors={errors.credentials}
          type="text"
          defaultValue={credentials}
        />
      </div>
      <SubmitButton pending={pending} busy="Saving…">
        Save profile
      </SubmitButton>
    </form>
  );
}
