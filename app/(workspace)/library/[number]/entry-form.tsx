"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field, fieldA11y } from "@/app/_components/field";
import {
  ConflictNotice,
  FormMessage,
  type FormMessageValue,
  KEPT_MINE,
} from "@/app/_components/notice";
import type { FieldErrors } from "@/lib/core/errors";
import { VERDICT_INFO, VERDICTS, type Verdict } from "@/lib/core/vocabulary";
import { updateLibraryEntryAction } from "@/lib/entry/actions/library";

interface EntryFields {
  canonicalText: string;
  verdict: Verdict | null;
  rationale: string;
  tags: string;
  reviewDue: string;
}

/**
 * Editing an entry: wording, verdict, rationale, tags, review date. Saved with the version read;
 * someone else's newer save is shown, with the choice to keep one's own input or take theirs. A
 * new verdict sends the claims linked to the entry in unpublished revisions back to re-check.
 */
export function EntryForm({
  entry,
}: {
  entry: {
    id: string;
    version: number;
    canonicalText: string;
    verdict: Verdict | null;
    rationale: string;
    tags: string[];
    reviewDue: string | null;
    origin: "internal" | "external";
  };
}) {
  const router = useRouter();
  const initial: EntryFields = {
    canonicalText: entry.canonicalText,
    verdict: entry.verdict,
    rationale: entry.rationale,
    tags: entry.tags.join(", "),
    reviewDue: entry.reviewDue ?? "",
  };
  const [form, setForm] = useState<EntryFields>(initial);
  const [version, setVersion] = useState(entry.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  const [pending, setPending] = useState(false);
  const set = <K extends keyof EntryFields>(key: K, value: EntryFields[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await updateLibraryEntryAction({
      entryId: entry.id,
      version,
      canonicalText: form.canonicalText,
      verdict: form.verdict,
      rationale: form.rationale,
      tags: form.tags.split(","),
      reviewDue: form.reviewDue,
    });
    setPending(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setMessage({ kind: "error", text: result.error.message });
      const current = (result.error.details as { current?: Record<string, unknown> } | undefined)
        ?.current;
      if (result.error.code === "conflict" && current) setConflict(current);
      return;
    }
    setErrors({});
    setConflict(null);
    const data = result.data as { version?: number; rechecked?: number };
    if (typeof data.version === "number") setVersion(data.version);
    setMessage({
      kind: "success",
      text:
        data.rechecked && data.rechecked > 0
          ? `Saved. ${data.rechecked} linked claim${data.rechecked === 1 ? "" : "s"} sent back to re-check.`
          : "Saved.",
    });
    router.refresh();
  }

  return (
    <form onSubmit={save} noValidate aria-label="Edit library entry" className="stack">
      <FormMessage message={message} />
      {conflict ? (
        <ConflictNotice
          testId="entry-conflict"
          facts={[
            ["Wording", String(conflict.canonicalText ?? "")],
            [
              "Verdict",
              conflict.verdict ? VERDICT_INFO[conflict.verdict as Verdict].label : "none",
            ],
          ]}
          onKeepMine={() => {
            setVersion(Number(conflict.version));
            setConflict(null);
            setMessage(KEPT_MINE);
          }}
          onUseTheirs={() => {
            setForm({
              canonicalText: String(conflict.canonicalText ?? ""),
              verdict: (conflict.verdict as Verdict | null) ?? null,
              rationale: String(conflict.rationale ?? ""),
              tags: ((conflict.tags as string[] | undefined) ?? []).join(", "),
              reviewDue: String(conflict.reviewDue ?? ""),
            });
            setVersion(Number(conflict.version));
            setConflict(null);
            setMessage(null);
          }}
        />
      ) : null}
      <fieldset disabled={pending} style={{ border: 0, padding: 0, margin: 0 }} className="stack">
        <Field id="canonicalText" label="Wording" errors={errors.canonicalText}>
          <textarea
            rows={2}
            value={form.canonicalText}
            onChange={(e) => set("canonicalText", e.target.value)}
            {...fieldA11y("canonicalText", errors.canonicalText)}
          />
        </Field>
        {entry.origin === "internal" ? (
          <Field id="entryVerdict" label="Verdict" errors={errors.verdict}>
            <select
              value={form.verdict ?? ""}
              onChange={(e) => set("verdict", (e.target.value || null) as Verdict | null)}
              {...fieldA11y("entryVerdict", errors.verdict)}
            >
              <option value="">Not rated</option>
              {VERDICTS.map((v) => (
                <option key={v} value={v}>
                  {VERDICT_INFO[v].label}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id="entryRationale" label="Rationale" errors={errors.rationale}>
          <textarea
            rows={4}
            value={form.rationale}
            onChange={(e) => set("rationale", e.target.value)}
            {...fieldA11y("entryRationale", errors.rationale)}
          />
        </Field>
        <Field id="entryTags" label="Tags" hint="Separated by commas" errors={errors.tags}>
          <input
            value={form.tags}
            onChange={(e) => set("tags", e.target.value)}
            {...fieldA11y("entryTags", errors.tags, true)}
          />
        </Field>
        <Field id="entryReviewDue" label="Review due" errors={errors.reviewDue}>
          <input
            type="date"
            value={form.reviewDue}
            onChange={(e) => set("reviewDue", e.target.value)}
            {...fieldA11y("entryReviewDue", errors.reviewDue)}
          />
        </Field>
        <div className="button-row">
          <button type="submit" className="button primary">
            {pending ? "Saving…" : "Save entry"}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
