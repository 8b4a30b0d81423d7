"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
import { withdrawLibraryEntryAction } from "@/lib/entry/actions/library";

/** An editor's withdrawal of an entry, with the reason (sent to every linked claim to re-check). */
export function EntryActions({ entryId, version }: { entryId: string; version: number }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function withdraw(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await withdrawLibraryEntryAction({ entryId, version, reason });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    router.refresh();
  }

  return (
    <section className="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title" className="section-title">
        Withdraw
      </h2>
      <p className="muted small">
        A withdrawn entry is no longer matched; claims linked to it in unpublished revisions go back
        to re-check with your reason.
      </p>
      <ErrorAlert message={error} />
      <form onSubmit={withdraw} aria-label="Withdraw library entry" className="stack">
        <Field id="withdrawReason" label="Why">
          <input id="withdrawReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={pending || reason.trim() === ""}>
            {pending ? "Withdrawing…" : "Withdraw entry"}
          </button>
        </div>
      </form>
    </section>
  );
}
