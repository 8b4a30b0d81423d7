"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { DraftNote, useDraft } from "@/app/_components/drafts";
import { Field, fieldA11y, SubmitButton } from "@/app/_components/field";
import { setEditorNoteAction } from "@/lib/entry/actions/claims";

/** The editor's override of the approval gate, published as an editor's note. */
export function EditorNote({
  claimId,
  version,
  note,
  canEdit,
  onSaved,
}: {
  claimId: string;
  version: number;
  note: string;
  canEdit: boolean;
  onSaved?: (version: number, notice: string) => void;
}) {
  const router = useRouter();
  const [value, setValue] = useState(note);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const draft = useDraft({
    claimId,
    field: "editorNote",
    saved: note,
    value,
    restore: (v) => setValue(String(v)),
    enabled: canEdit,
  });

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await setEditorNoteAction({ claimId, version, editorNote: value });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    draft.clear();
    setError(null);
    onSaved?.(result.data.version, "Editor’s note saved.");
    router.refresh();
  }

  return (
    <form onSubmit={save} className="stack" style={{ marginTop: "1.25rem" }}>
      <h3 className="section-title">Editor’s note</h3>
      <DraftNote draft={draft} />
      <Field
        id="editorNote"
        label="Note to readers"
        hint="Lets this claim through approval with its verdict; published beside it."
        errors={error ? [error] : undefined}
      >
        <textarea
          rows={3}
          value={value}
          readOnly={!canEdit}
          onChange={(e) => setValue(e.target.value)}
          {...fieldA11y("editorNote", error ? [error] : undefined, true)}
        />
      </Field>
      {canEdit ? (
        <SubmitButton pending={pending} busy="Saving…" className="button">
          Save editor’s note
        </SubmitButton>
      ) : null}
    </form>
  );
}
