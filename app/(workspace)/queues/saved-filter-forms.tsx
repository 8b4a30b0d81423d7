"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ConfirmDelete } from "@/app/_components/confirm-delete";
import { InputField, SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { MAX_FILTER_NAME } from "@/lib/core/queues/filter";
import { deleteFilterAction, saveFilterAction } from "@/lib/entry/actions/queues";

/** Saves the filter the page shows (its query string) under a name. */
export function SaveFilterForm({ query }: { query: string }) {
  const router = useRouter();
  const { errors, message, setMessage, pending, submit } = useActionForm({
    fields: ["name"],
    fieldsOnly: null,
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const name = String(new FormData(formEl).get("filter-name") ?? "");
    const saved = await submit(() => saveFilterAction({ name, query }));
    if (!saved) return;
    formEl.reset();
    setMessage({ kind: "success", text: `Saved “${saved.name}”.` });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Save this filter" className="stack">
      <FormMessage message={message} />
      <div className="field-row">
        <InputField
          id="filter-name"
          label="Save this filter as"
          errors={errors.name}
          type="text"
          maxLength={MAX_FILTER_NAME}
          hint="The queue and every filter above, as they are now."
        />
      </div>
      <SubmitButton pending={pending} busy="Saving…" className="button">
        Save filter
      </SubmitButton>
    </form>
  );
}

/** Deletes one of the person's saved filters, after a second click. */
export function DeleteFilterButton({ filterId, name }: { filterId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { message, pending, submit } = useActionForm();

  async function confirm() {
    const done = await submit(() => deleteFilterAction({ filterId }));
    if (!done) return;
    setConfirming(false);
    router.refresh();
  }

  return (
    <span className="button-row inline">
      {confirming ? (
        <ConfirmDelete
          question={`Delete “${name}”?`}
          pending={pending}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
          cancelLabel="Keep it"
        />
      ) : (
        <button
          type="button"
          className="link-button"
          onClick={() => setConfirming(true)}
          aria-label={`Delete saved filter ${name}`}
        >
          Delete
        </button>
      )}
      <FormMessage message={message} />
    </span>
  );
}
