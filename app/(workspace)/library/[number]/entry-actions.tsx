"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
import {
  mergeLibraryEntriesAction,
  splitLibraryEntryAction,
  withdrawLibraryEntryAction,
} from "@/lib/entry/actions/library";

interface Similar {
  id: string;
  number: number;
  version: number;
  canonicalText: string;
}

/**
 * An editor's work on an entry: merge likely duplicates into it (their wordings, evidence and
 * claims move here; they become superseded by it), split variant wordings out into a new
 * entry, or withdraw it with a reason (linked claims in unpublished revisions go back to
 * re-check).
 */
export function EntryActions({
  entryId,
  version,
  similar,
  variants,
}: {
  entryId: string;
  version: number;
  similar: Similar[];
  variants: { id: string; text: string }[];
}) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [splitIds, setSplitIds] = useState<ReadonlySet<string>>(() => new Set());

  async function run(
    work: () => Promise<{ ok: boolean; error?: { message: string } }>,
    done: string,
  ) {
    setPending(true);
    setError(null);
    setStatus(null);
    const result = await work();
    setPending(false);
    if (!result.ok) return setError(result.error?.message ?? "That did not work.");
    setStatus(done);
    router.refresh();
  }

  function withdraw(event: FormEvent) {
    event.preventDefault();
    void run(() => withdrawLibraryEntryAction({ entryId, version, reason }), "Withdrawn.");
  }

  const splitOut = variants.filter((v) => splitIds.has(v.id));

  return (
    <section className="card stack" aria-labelledby="manage-title">
      <h2 id="manage-title" className="section-title">
        Manage
      </h2>
      <ErrorAlert message={error} />
      {status ? <p role="status">{status}</p> : null}

      <h3 className="section-title">Possible duplicates</h3>
      {similar.length === 0 ? (
        <p className="empty">No other current entry reads like this one.</p>
      ) : (
        <ul className="stack" aria-label="Possible duplicates">
          {similar.map((s) => (
            <li key={s.id}>
              <a href={`/library/${s.number}`}>K{s.number}</a> “{s.canonicalText}”{" "}
              <button
                type="button"
                className="button"
                disabled={pending}
                onClick={() =>
                  run(
                    () =>
                      mergeLibraryEntriesAction({
                        survivor: { entryId, version },
                        entries: [{ entryId: s.id, version: s.version }],
                      }),
                    `K${s.number} merged into this entry.`,
                  )
                }
              >
                Merge K{s.number} into this entry
              </button>
            </li>
          ))}
        </ul>
      )}

      {variants.length > 0 ? (
        <>
          <h3 className="section-title">Split out wordings</h3>
          <ul style={{ listStyle: "none", padding: 0 }}>
            {variants.map((v) => (
              <li key={v.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={splitIds.has(v.id)}
                    onChange={(e) =>
                      setSplitIds((ids) => {
                        const next = new Set(ids);
                        if (e.target.checked) next.add(v.id);
                        else next.delete(v.id);
                        return next;
                      })
                    }
                  />{" "}
                  “{v.text}”
                </label>
              </li>
            ))}
          </ul>
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={pending || splitOut.length === 0}
              onClick={() =>
                run(
                  () =>
                    splitLibraryEntryAction({
                      entryId,
                      version,
                      phrasingIds: splitOut.map((v) => v.id),
                      canonicalText: splitOut[0]?.text ?? "",
                    }),
                  "Split into a new entry.",
                )
              }
            >
              Split {splitOut.length || ""} into a new entry
            </button>
          </div>
        </>
      ) : null}

      <h3 className="section-title">Withdraw</h3>
      <p className="muted small">
        A withdrawn entry is no longer matched; claims linked to it in unpublished revisions go back
        to re-check with your reason.
      </p>
      <form onSubmit={withdraw} aria-label="Withdraw library entry" className="stack">
        <Field id="withdrawReason" label="Why">
          <input id="withdrawReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={pending || reason.trim() === ""}>
            {pending ? "Working…" : "Withdraw entry"}
          </button>
        </div>
      </form>
    </section>
  );
}
