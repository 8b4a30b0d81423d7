"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { FieldError, InputField, SelectField, SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/core/auth/password-policy";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/core/vocabulary";
import { changeUserRoleAction, createUserAction } from "@/lib/entry/actions/users";

export function RoleSelect({ userId, role, label }: { userId: string; role: Role; label: string }) {
  const router = useRouter();
  const [value, setValue] = useState(role);
  const { message, pending, submit } = useActionForm();

  async function change(next: Role) {
    const previous = value;
    setValue(next);
    const changed = await submit(() => changeUserRoleAction({ userId, role: next }));
    if (changed === null) return setValue(previous);
    router.refresh();
  }

  return (
    <div>
      <select
        aria-label={label}
        value={value}
        disabled={pending}
        onChange={(e) => change(e.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <FieldError error={message?.text ?? null} />
    </div>
  );
}

export function CreateUserForm() {
  const router = useRouter();
  const { errors, message, setMessage, pending, submit } = useActionForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const get = (k: string) => String(form.get(k) ?? "");
    const created = await submit(() =>
      createUserAction({
        name: get("new-name"),
        email: get("new-email"),
        password: get("new-password"),
        role: get("new-role"),
      }),
    );
    if (created === null) return;
    formEl.reset();
    setMessage({
      kind: "success",
      text: `${created.name} can now sign in as ${ROLE_LABELS[created.role]}.`,
    });
    router.refresh();
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-user-title">
      <h2 id="new-user-title" className="section-title">
        Add a user
      </h2>
      <FormMessage message={message} />
      <div className="field-row">
        <InputField id="new-name" label="Name" errors={errors.name} type="text" />
        <InputField id="new-email" label="E-mail" errors={errors.email} type="email" />
      </div>
      <div className="field-row">
        <InputField
          id="new-password"
          label="Temporary password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; share it privately.`}
          errors={errors.password}
          type="password"
          autoComplete="new-password"
        />
        <SelectField
          id="new-role"
          label="Role"
          errors={errors.role}
          defaultValue="reviewer"
          options={ROLES.map((r) => [r, ROLE_LABELS[r]] as const)}
        />
      </div>
      <SubmitButton pending={pending} busy="Adding…">
        Add user
      </SubmitButton>
    </form>
  );
}
