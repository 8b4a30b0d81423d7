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
import { updateReferenceAction } from "@/lib/entry/actions/references";

/** What the form edits, as text (the year and the types are parsed on the server). */
interface FormFields {
  title: string;
  authors: string;
  journal: string;
  year: string;
  volume: string;
  issue: string;
  pages: string;
  doi: string;
  pmid: string;
  pmcid: string;
  url: string;
  publicationTypes: string;
  abstract: string;
}

export interface EditableReference {
  id: string;
  version: number;
  title: string;
  authors: string;
  journal: string;
  year: number | null;
  volume: string;
  issue: string;
  pages: string;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  url: string | null;
  publicationTypes: string[];
  abstract: string;
}

const toForm = (r: EditableReference): FormFields => ({
  title: r.title,
  authors: r.authors,
  journal: r.journal,
  year: r.year === null ? "" : String(r.year),
  volume: r.volume,
  issue: r.issue,
  pages: r.pages,
  doi: r.doi ?? "",
  pmid: r.pmid ?? "",
  pmcid: r.pmcid ?? "",
  url: r.url ?? "",
  // One a line: PubMed's types may hold commas ("Research Support, Non-U.S. Gov't").
  publicationTypes: r.publicationTypes.join("\n"),
  abstract: r.abstract,
});

const SHORT: [keyof FormFields, string][] = [
  ["journal", "Journal"],
  ["year", "Year"],
  ["volume", "Volume"],
  ["issue", "Issue"],
  ["pages", "Pages"],
  ["doi", "DOI"],
  ["pmid", "PMID"],
  ["pmcid", "PMCID"],
];

/**
 * Correcting a reference. Saved with the version read; a newer save by someone else is shown
 * with "Keep mine" / "Use theirs". The evidence items citing it are rewritten on the server.
 */
export function ReferenceForm({ reference }: { reference: EditableReference }) {
  const router = useRouter();
  const [form, setForm] = useState<FormFields>(toForm(reference));
  const [version, setVersion] = useState(reference.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [conflict, setConflict] = useState<EditableReference | null>(null);
  const [pending, setPending] = useState(false);
  const set = (key: keyof FormFields, value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    let result: Awaited<ReturnType<typeof updateReferenceAction>>;
    try {
      result = await updateReferenceAction({
        referenceId: reference.id,
        version,
        ...form,
        publicationTypes: form.publicationTypes
          .split("\n")
          .map((t) => t.trim())
          .filter(Boolean),
      });
    } catch {
      setPending(false);
      setMessage({
        kind: "error",
        text: "The server could not be reached. Nothing was saved; your input is kept.",
      });
      return;
    }
    setPending(false);
    if (!result.ok) {
      const fieldErrors = result.error.fieldErrors ?? {};
      setErrors(fieldErrors);
      setMessage({ kind: "error", text: result.error.message });
      if (result.error.code === "conflict" && result.error.details?.current) {
        setConflict(result.error.details.current);
      }
      const first = Object.keys(fieldErrors)[0];
      if (first) document.getElementById(`ref-${first}`)?.focus();
      return;
    }
    setErrors({});
    setConflict(null);
    setVersion(result.data.reference.version);
    const n = result.data.evidenceCorrected;
    setMessage({
      kind: "success",
      text:
        n > 0
          ? `Saved. The citation of ${n} evidence item${n === 1 ? " was" : "s were"} corrected too.`
          : "Saved.",
    });
    router.refresh();
  }

  return (
    <form onSubmit={save} noValidate aria-label="Correct the reference" className="stack">
      <FormMessage message={message} />
      {conflict ? (
        <ConflictNotice
          testId="reference-conflict"
          facts={[
            ["Title", conflict.title],
            ["Authors", conflict.authors || "none"],
          ]}
          onKeepMine={() => {
            setVersion(conflict.version);
            setConflict(null);
            setMessage(KEPT_MINE);
          }}
          onUseTheirs={() => {
            setForm(toForm(conflict));
            setVersion(conflict.version);
            setConflict(null);
            setMessage(null);
          }}
        />
      ) : null}
      <fieldset disabled={pending} style={{ border: 0, padding: 0, margin: 0 }} className="stack">
        <Field id="ref-title" label="Title" errors={errors.title}>
          <textarea
            rows={2}
            value={form.title}
            onChange={(e) => set("title", e.target.value)}
            {...fieldA11y("ref-title", errors.title)}
          />
        </Field>
        <Field
          id="ref-authors"
          label="Authors"
          hint="As cited: Smith J, Doe A"
          errors={errors.authors}
        >
          <input
            value={form.authors}
            onChange={(e) => set("authors", e.target.value)}
            {...fieldA11y("ref-authors", errors.authors, true)}
          />
        </Field>
        <div className="field-row">
          {SHORT.map(([key, label]) => (
            <Field key={key} id={`ref-${key}`} label={label} errors={errors[key]}>
              <input
                value={form[key]}
                onChange={(e) => set(key, e.target.value)}
                {...fieldA11y(`ref-${key}`, errors[key])}
              />
            </Field>
          ))}
        </div>
        <Field id="ref-url" label="URL" errors={errors.url}>
          <input
            type="url"
            value={form.url}
            onChange={(e) => set("url", e.target.value)}
            {...fieldA11y("ref-url", errors.url)}
          />
        </Field>
        <Field
          id="ref-publicationTypes"
          label="Publication types"
          hint="One a line, as PubMed names them"
          errors={errors.publicationTypes}
        >
          <textarea
            rows={3}
            value={form.publicationTypes}
            onChange={(e) => set("publicationTypes", e.target.value)}
            {...fieldA11y("ref-publicationTypes", errors.publicationTypes, true)}
          />
        </Field>
        <Field id="ref-abstract" label="Abstract" errors={errors.abstract}>
          <textarea
            rows={6}
            value={form.abstract}
            onChange={(e) => set("abstract", e.target.value)}
            {...fieldA11y("ref-abstract", errors.abstract)}
          />
        </Field>
        <div className="button-row">
          <button type="submit" className="button primary">
            {pending ? "Saving…" : "Save correction"}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
