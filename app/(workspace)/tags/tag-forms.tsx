"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ConfirmDelete } from "@/app/_components/confirm-delete";
import { FieldError, InputField, SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { MAX_TAG_NAME } from "@/lib/core/desk-vocabulary";
import { createTagAction, deleteTagAction, renameTagAction } from "@/lib/entry/actions/queues";

export function CreateTagForm() {
  const router = useRouter();
  const { errors, message, setMessage, pending, submit } = useActionForm({
    fields: ["name"],
    fieldsOnly: null,
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const name = String(new FormData(formEl).get("tag-name") ?? "");
    const created = await submit(() => createTagAction({ name }));
    if (!created) return;
    formEl.reset();
    setMessage({ kind: "success", text: `Created the tag “${created.name}”.` });
    router.refresh();
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-tag-title">
      <h2 id="new-tag-title" className="section-title">
        New tag
      </h2>
      <FormMessage message={message} />
      <div className="field-row">
        <InputField
          id="tag-name"
          label="Name"
          errors={errors.name}
          type="text"
          maxLength={MAX_TAG_NAME}
          hint={`At most ${MAX_TAG_NAME} characters; unique whatever the case.`}
        />
      </div>
      <SubmitButton pending={pending} busy="Creating…">
        Create tag
      </SubmitButton>
    </form>
  );
}

/** Rename (in place) and delete (after a second click) for one tag of the list. */
export function TagRowActions({
  tag,
}: {
  tag: { id: string; name: string; articles: number; claims: number };
}) {
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "rename" | "delete">("idle");
  const { errors, message, pending, submit } = useActionForm();

  async function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const done = await submit(() => renameTagAction({ tagId: tag.id, name }));
    if (!done) return;
    setMode("idle");
    router.refresh();
  }

  async function remove() {
    const done = await submit(() => deleteTagAction({ tagId: tag.id }));
    if (!done) return;
    router.refresh();
  }

  if (mode === "rename") {
    return (
      <form onSubmit={rename} noValidate className="button-row" aria-label={`Rename ${tag.name}`}>
        <label htmlFor={`rename-${tag.id}`} className="visually-hidden">
          New name for {tag.name}
        </label>
        <input
          id={`rename-${tag.id}`}
          name="name"
          defaultValue={tag.name}
          maxLength={MAX_TAG_NAME}
          aria-invalid={errors.name ? true : undefined}
          // biome-ignore lint/a11y/noAutofocus: the field the person just asked to edit
          autoFocus
        />
        <SubmitButton pending={pending} busy="Renaming…" className="button">
          Rename
        </SubmitButton>
        <button type="button" className="button" onClick={() => setMode("idle")}>
          Cancel
        </button>
        <FieldError error={errors.name?.[0] ?? message?.text ?? null} />
      </form>
    );
  }
  const uses = `${tag.articles} article${tag.articles === 1 ? "" : "s"} and ${tag.claims} claim${tag.claims === 1 ? "" : "s"}`;
  return (
    <div className="button-row">
      {mode === "delete" ? (
        <ConfirmDelete
          question={`Delete “${tag.name}”? It comes off ${uses}.`}
          pending={pending}
          onConfirm={remove}
          onCancel={() => setMode("idle")}
          cancelLabel="Keep it"
        />
      ) : (
        <>
          <button type="button" className="button" onClick={() => setMode("rename")}>
            Rename<span className="visually-hidden"> {tag.name}</span>
          </button>
          <button type="button" className="button" onClick={() => setMode("delete")}>
            Delete<span className="visually-hidden"> {tag.name}</span>
          </button>
        </>
      )}
      <FormMessage message={message} />
    </div>
  );
}
