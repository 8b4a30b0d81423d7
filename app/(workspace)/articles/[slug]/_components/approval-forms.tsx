"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field, fieldA11y, SubmitButton } from "@/app/_components/field";
import { MAX_NO_CLAIMS_NOTE } from "@/lib/core/limits/revisions";
import { setEditorNotesAction } from "@/lib/entry/actions/claims";
import { recordNoClaimsAction } from "@/lib/entry/actions/revisions";

const recordedFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** The revision's "reviewed, no claims needed" record, as readers will see it. */
export function NoClaimsRecord({
  record,
  hasClaims,
}: {
  record: { note: string; at: Date; byName: string };
  /** With claims in the revision the record speaks of the sentences left: "no further claims". */
  hasClaims: boolean;
}) {
  return (
    <p className="alert" data-testid="no-claims-record">
      Reviewed by {record.byName} on {recordedFormat.format(record.at)}: no{" "}
      {hasClaims ? "further " : ""}claims needed — {record.note}
    </p>
  );
}

/**
 * The editor records that the revision was reviewed and the suggestions left need no claims;
 * that stands in for them at the approval gate and is published with the article.
 */
export function NoClaimsForm({ articleId, revisionId }: { articleId: string; revisionId: string }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ message: string; field: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await recordNoClaimsAction({ articleId, revisionId, note });
    setPending(false);
    if (!result.ok) {
      const field = result.error.fieldErrors?.note?.[0];
      return setError({ message: field ?? result.error.message, field: field !== undefined });
    }
    setError(null);
    router.refresh();
  }

  const errors = error?.field ? [error.message] : undefined;
  return (
    <form onSubmit={save} className="stack" aria-label="Reviewed: no claims needed">
      <h3 className="section-title">Reviewed: no claims needed</h3>
      {error && !error.field ? (
        <div className="alert error" role="alert">
          {error.message}
        </div>
      ) : null}
      <Field
        id="noClaimsNote"
        label="Why no claims are needed"
        hint="Stands in for the suggestions nobody claimed or dismissed; published with the article."
        errors={errors}
      >
        <textarea
          rows={2}
          maxLength={MAX_NO_CLAIMS_NOTE}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...fieldA11y("noClaimsNote", errors, true)}
        />
      </Field>
      <div className="button-row">
        <SubmitButton pending={pending} busy="Saving…" className="button">
          Record: no claims needed
        </SubmitButton>
      </div>
    </form>
  );
}

export interface ClaimNeedingNote {
  id: string;
  number: number;
  version: number;
  verdictLabel: string;
}

/** One editor's note for every checked claim whose verdict needs one, in one step. */
export function EditorNotesForm({ claims }: { claims: ClaimNeedingNote[] }) {
  const router = useRouter();
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ message: string; field: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const chosen = claims.filter((c) => !unchecked.has(c.id));

  function toggle(id: string, checked: boolean) {
    const next = new Set(unchecked);
    if (checked) next.delete(id);
    else next.add(id);
    setUnchecked(next);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await setEditorNotesAction({
      claims: chosen.map((c) => ({ claimId: c.id, version: c.version })),
      editorNote: note,
    });
    setPending(false);
    if (!result.ok) {
      // Stale claims: fresh versions come with the refresh; the note typed stays.
      if (result.error.code === "conflict") router.refresh();
      const field = result.error.fieldErrors?.editorNote?.[0];
      return setError({ message: field ?? result.error.message, field: field !== undefined });
    }
    setError(null);
    setNote("");
    router.refresh();
  }

  const errors = error?.field ? [error.message] : undefined;
  return (
    <form onSubmit={save} className="stack" aria-label="Editor’s note for several claims">
      <h3 className="section-title">Editor’s note for several claims</h3>
      {error && !error.field ? (
        <div className="alert error" role="alert">
          {error.message}
        </div>
      ) : null}
      <fieldset className="field">
        <legend>Claims that need an editor’s note</legend>
        {claims.map((c) => (
          <label key={c.id} style={{ display: "block" }}>
            <input
              type="checkbox"
              checked={!unchecked.has(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
            />{" "}
            Claim {c.number} (rated {c.verdictLabel})
          </label>
        ))}
      </fieldset>
      <Field
        id="bulkEditorNote"
        label="Note to readers for the checked claims"
        hint="Published beside each checked claim's verdict."
        errors={errors}
      >
        <textarea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...fieldA11y("bulkEditorNote", errors, true)}
        />
      </Field>
      <div className="button-row">
        <button className="button" type="submit" disabled={pending || chosen.length === 0}>
          {pending
            ? "Saving…"
            : `Save note on ${chosen.length} claim${chosen.length === 1 ? "" : "s"}`}
        </button>
      </div>
    </form>
  );
}
