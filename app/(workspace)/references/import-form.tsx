"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, useRef, useState } from "react";
import { Field, fieldA11y, formLevelMessage, SubmitButton } from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
import type { FieldErrors } from "@/lib/core/errors";
import { formatBytes } from "@/lib/core/import/limits";
import { importReferencesAction } from "@/lib/entry/actions/references";
import type { ReferenceImportPreview } from "@/lib/services/references/import";

/** The server's limit (REFERENCE_IMPORT_LIMITS.maxChars), repeated so the parser stays off the bundle. */
const MAX_BYTES = 5 * 1024 * 1024;
const FIELDS = ["format", "text", "file"];

type Format = "auto" | "ris" | "bibtex" | "csl-json" | "medline";
const FORMATS: [Format, string][] = [
  ["auto", "Find out from the file"],
  ["ris", "RIS (.ris)"],
  ["bibtex", "BibTeX (.bib)"],
  ["csl-json", "CSL-JSON (.json)"],
  ["medline", "PubMed MEDLINE (.nbib)"],
];

type Preview = ReferenceImportPreview;
type PreviewRecord = Preview["records"][number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Status({ record }: { record: PreviewRecord }) {
  if (record.errorText) return <span className="badge import-error">Error</span>;
  if (record.duplicateOfReference !== null) {
    return (
      <span className="badge import-duplicate">
        Already in the list:{" "}
        <Link href={`/references/${record.duplicateOfReference}`}>
          R{record.duplicateOfReference}
        </Link>
      </span>
    );
  }
  if (record.duplicateOfRecord !== null) {
    return (
      <span className="badge import-duplicate">Same as record {record.duplicateOfRecord}</span>
    );
  }
  return <span className="badge import-new">New</span>;
}

/**
 * A reference manager's file, previewed and then imported. Previewing writes nothing and lists
 * every record: new ones ticked, duplicates (of the list, or of an earlier record) and broken
 * ones with their errors not tickable. Import sends the file again with the ticked numbers; the
 * server re-checks duplicates. The file and the paste stay until the import succeeds.
 */
export function ReferenceImportForm() {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<Format>("auto");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ preview: Preview; source: string; name: string } | null>(
    null,
  );
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [done, setDone] = useState<{ created: number; numbers: number[] } | null>(null);
  const [pending, setPending] = useState(false);

  function refuse(fieldErrors: FieldErrors, formMessage: string | null = null) {
    setErrors(fieldErrors);
    setMessage(formMessage);
    const first = FIELDS.find((f) => fieldErrors[f]?.length);
    if (first) document.getElementById(first === "text" && file ? "file" : first)?.focus();
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setPreview(null);
    if (chosen && chosen.size > MAX_BYTES) {
      refuse({
        file: [`The file is ${formatBytes(chosen.size)}; the limit is ${formatBytes(MAX_BYTES)}.`],
      });
    } else setErrors({});
  }

  function removeFile() {
    setFile(null);
    setPreview(null);
    if (fileInput.current) fileInput.current.value = "";
    setErrors({});
  }

  async function readSource(): Promise<{ source: string; name: string } | null> {
    if (file) {
      if (file.size > MAX_BYTES) {
        refuse({
          file: [`The file is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_BYTES)}.`],
        });
        return null;
      }
      try {
        return { source: await file.text(), name: file.name };
      } catch {
        refuse({ file: ["The file could not be read."] });
        return null;
      }
    }
    if (new Blob([text]).size > MAX_BYTES) {
      refuse({ text: [`The pasted text is larger than ${formatBytes(MAX_BYTES)}.`] });
      return null;
    }
    return { source: text, name: "" };
  }

  async function call(input: Record<string, unknown>) {
    setPending(true);
    setMessage(null);
    try {
      return await importReferencesAction(input);
    } catch {
      refuse({}, "The server could not be reached. Nothing was imported; please try again.");
      return null;
    } finally {
      setPending(false);
    }
  }

  function failed(outcome: { error: { message: string; fieldErrors?: FieldErrors } }) {
    const fieldErrors = { ...(outcome.error.fieldErrors ?? {}) };
    if (file && fieldErrors.text) {
      fieldErrors.file = fieldErrors.text;
      delete fieldErrors.text;
    }
    refuse(fieldErrors, formLevelMessage(outcome.error, FIELDS));
  }

  async function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const read = await readSource();
    if (!read) return;
    if (!read.source.trim()) {
      return refuse(
        file
          ? { file: ["The file is empty."] }
          : { text: ["Paste the file's text, or choose a file."] },
      );
    }
    const outcome = await call({ step: "preview", format, fileName: read.name, text: read.source });
    if (!outcome) return;
    if (!outcome.ok) return failed(outcome);
    if (outcome.data.step !== "preview") return;
    setErrors({});
    setPreview({ preview: outcome.data, source: read.source, name: read.name });
    setPicked(
      new Set(
        outcome.data.records
          .filter(
            (r) => r.metadata && r.duplicateOfReference === null && r.duplicateOfRecord === null,
          )
          .map((r) => r.index),
      ),
    );
  }

  async function onConfirm() {
    if (!preview) return;
    const outcome = await call({
      step: "confirm",
      format,
      fileName: preview.name,
      text: preview.source,
      records: [...picked].sort((a, b) => a - b),
    });
    if (!outcome) return;
    if (!outcome.ok) return refuse({}, outcome.error.message);
    if (outcome.data.step !== "confirm") return;
    setDone({ created: outcome.data.created, numbers: outcome.data.numbers });
    setPreview(null);
    setText("");
    removeFile();
    router.refresh();
  }

  const toggle = (index: number) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  const counts = preview?.preview.counts;
  const broken = preview?.preview.records.filter((r) => r.errorText) ?? [];

  return (
    <div className="stack">
      {done ? (
        <div className="alert success" role="status">
          Imported {plural(done.created, "reference")}
          {done.numbers.length > 0 ? ": " : "."}
          {done.numbers.slice(0, 10).map((n, i) => (
            <span key={n}>
              {i > 0 ? ", " : ""}
              <Link href={`/references/${n}`}>R{n}</Link>
            </span>
          ))}
          {done.numbers.length > 10
            ? ` and ${done.numbers.length - 10} more.`
            : done.numbers.length > 0
              ? "."
              : ""}
        </div>
      ) : null}
      <ErrorAlert message={message} />
      <form onSubmit={onPreview} noValidate aria-busy={pending} aria-label="Import references">
        <Field id="format" label="Format" errors={errors.format}>
          <select
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as Format);
              setPreview(null);
            }}
            {...fieldA11y("format", errors.format)}
          >
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="file"
          label="Choose a file"
          hint={`Exported from Zotero, EndNote, Mendeley or PubMed: .ris, .bib, .json or .nbib, at most ${formatBytes(MAX_BYTES)}.`}
          errors={errors.file}
        >
          <input
            ref={fileInput}
            type="file"
            accept=".ris,.bib,.bibtex,.json,.nbib,.txt,.medline"
            onChange={onFile}
            {...fieldA11y("file", errors.file, true)}
          />
        </Field>
        <Field
          id="text"
          label="Or paste"
          hint={file ? "A file is chosen: it is read instead of this text." : undefined}
          errors={errors.text}
        >
          <textarea
            rows={6}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }}
            {...fieldA11y("text", errors.text, Boolean(file))}
          />
        </Field>
        <div className="button-row">
          <SubmitButton pending={pending && !preview} busy="Reading…">
            Preview
          </SubmitButton>
          {file ? (
            <button type="button" className="button" onClick={removeFile}>
              Remove file
            </button>
          ) : null}
        </div>
      </form>

      {preview && counts ? (
        <section aria-labelledby="import-preview-heading" className="stack">
          <h3 id="import-preview-heading">Preview: nothing is imported yet</h3>
          <p role="status" data-testid="import-counts">
            {preview.preview.formatLabel}: {plural(counts.total, "record")},{" "}
            {plural(counts.valid, "valid record")}, {plural(counts.errors, "error")},{" "}
            {plural(counts.duplicates, "duplicate")}.
          </p>
          {broken.length > 0 ? (
            <div className="alert error">
              <p>Records with errors (not imported):</p>
              <ul>
                {broken.map((r) => (
                  <li key={r.index}>{r.errorText}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <table className="table" aria-label="Records in the file">
            <thead>
              <tr>
                <th>Import</th>
                <th>Record</th>
                <th>Title</th>
                <th>Year</th>
                <th>DOI / PMID</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {preview.preview.records.map((r) => {
                const importable =
                  r.metadata !== null &&
                  r.duplicateOfReference === null &&
                  r.duplicateOfRecord === null;
                return (
                  <tr key={r.index}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Import record ${r.index}`}
                        checked={picked.has(r.index)}
                        disabled={!importable}
                        onChange={() => toggle(r.index)}
                      />
                    </td>
                    <td>
                      {r.index}
                      {r.line !== null ? (
                        <span className="muted small"> (line {r.line})</span>
                      ) : null}
                    </td>
                    <td>{r.metadata?.title ?? <span className="muted">—</span>}</td>
                    <td>{r.metadata?.year ?? ""}</td>
                    <td className="small">
                      {[r.metadata?.doi, r.metadata?.pmid ? `PMID ${r.metadata.pmid}` : null]
                        .filter(Boolean)
                        .join(" · ")}
                    </td>
                    <td>
                      <Status record={r} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              disabled={pending || picked.size === 0}
              onClick={onConfirm}
            >
              {pending ? "Importing…" : `Import ${plural(picked.size, "reference")}`}
            </button>
            <button type="button" className="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
