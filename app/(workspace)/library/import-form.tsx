"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, useRef, useState } from "react";
import { Field, fieldA11y, formLevelMessage, SubmitButton } from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
import type { FieldErrors } from "@/lib/core/errors";
import { formatBytes } from "@/lib/core/import/limits";
import { importLibraryAction } from "@/lib/entry/actions/library-import";

type Format = "claimreview" | "json";

/**
 * The server's limit on the text (CLAIMREVIEW_IMPORT_LIMITS.maxBytes), repeated here rather than
 * imported so that the page's bundle does not carry the ClaimReview parser's module.
 */
const MAX_BYTES = 5 * 1024 * 1024;

const FIELDS = ["format", "text", "file"];

const FORMAT_HINTS: Record<Format, string> = {
  claimreview:
    "One ClaimReview, a page's markup (JSON-LD, or the HTML page itself) or a feed of them.",
  json: "A list of entries: [{“id”, “text”, “verdict”, “rationale”, “tags”, “variants”}], as Export JSON writes it.",
};

interface Imported {
  created: number;
  skipped: number;
  entries: { number: number }[];
}

/** A feed may bring thousands: the first few are linked, the rest are at the top of the list. */
const LINKED = 10;

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

function ImportedMessage({ result }: { result: Imported }) {
  const skipped =
    result.skipped > 0
      ? `skipped ${plural(result.skipped, "entry", "entries")} already in the library`
      : "";
  return (
    <div className="alert success" role="status">
      {result.created > 0 ? (
        <>
          Imported {plural(result.created, "entry", "entries")}
          {skipped ? `, ${skipped}` : ""}:{" "}
          {result.entries.slice(0, LINKED).map((e, i) => (
            <span key={e.number}>
              {i > 0 ? ", " : ""}
              <Link href={`/library/${e.number}`}>K{e.number}</Link>
            </span>
          ))}
          {result.entries.length > LINKED ? ` and ${result.entries.length - LINKED} more` : ""}.
        </>
      ) : (
        <>
          Nothing new was imported:{" "}
          {result.skipped > 0
            ? `${result.skipped === 1 ? "its entry is" : `all ${result.skipped} entries are`} already in the library`
            : "the file holds no entries"}
          .
        </>
      )}
    </div>
  );
}

/**
 * Pasting or choosing a file of ClaimReview markup or library JSON. A chosen file is read here
 * (`file.text()`) and sent as text, as a paste is; it takes the place of the pasted text, which
 * stays in the box. On an error nothing is cleared; on success the list above is refreshed.
 */
export function LibraryImportForm() {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<Format>("claimreview");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const [pending, setPending] = useState(false);

  function refuse(fieldErrors: FieldErrors, formMessage: string | null = null) {
    setErrors(fieldErrors);
    setMessage(formMessage);
    setResult(null);
    const first = FIELDS.find((f) => fieldErrors[f]?.length);
    if (first) document.getElementById(first === "text" && file ? "file" : first)?.focus();
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    if (chosen && chosen.size > MAX_BYTES) {
      refuse({
        file: [`The file is ${formatBytes(chosen.size)}; the limit is ${formatBytes(MAX_BYTES)}.`],
      });
    } else setErrors({});
  }

  function removeFile() {
    setFile(null);
    if (fileInput.current) fileInput.current.value = "";
    setErrors({});
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let source: string;
    if (file) {
      if (file.size > MAX_BYTES) {
        return refuse({
          file: [`The file is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_BYTES)}.`],
        });
      }
      try {
        source = await file.text();
      } catch {
        return refuse({ file: ["The file could not be read."] });
      }
    } else {
      const size = new Blob([text]).size;
      if (size > MAX_BYTES) {
        return refuse({
          text: [
            `The pasted text is ${formatBytes(size)}; the limit is ${formatBytes(MAX_BYTES)}.`,
          ],
        });
      }
      source = text;
    }
    if (!source.trim()) {
      return refuse(
        file ? { file: ["The file is empty."] } : { text: ["Paste the markup, or choose a file."] },
      );
    }

    setPending(true);
    setMessage(null);
    setResult(null);
    let outcome: Awaited<ReturnType<typeof importLibraryAction>>;
    try {
      outcome = await importLibraryAction({ format, text: source });
    } catch {
      setPending(false);
      return refuse(
        {},
        "The server could not be reached, or refused the text as too large. Nothing was imported; please try again.",
      );
    }
    setPending(false);
    if (!outcome.ok) {
      const fieldErrors = outcome.error.fieldErrors ?? {};
      // The text travels as one field whether pasted or read from a file: say it where it came from.
      if (file && fieldErrors.text) {
        fieldErrors.file = fieldErrors.text;
        delete fieldErrors.text;
      }
      return refuse(fieldErrors, formLevelMessage(outcome.error, FIELDS));
    }
    setErrors({});
    setResult(outcome.data);
    setText("");
    removeFile();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={pending} aria-label="Import into the library">
      {result ? <ImportedMessage result={result} /> : null}
      <ErrorAlert message={message} />
      <Field id="format" label="Format" hint={FORMAT_HINTS[format]} errors={errors.format}>
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as Format)}
          {...fieldA11y("format", errors.format, true)}
        >
          <option value="claimreview">ClaimReview JSON-LD / HTML page or feed</option>
          <option value="json">Library JSON</option>
        </select>
      </Field>
      <Field
        id="text"
        label="Paste"
        hint={file ? "A file is chosen: it is imported instead of this text." : undefined}
        errors={errors.text}
      >
        <textarea
          rows={10}
          className="library-import-text"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...fieldA11y("text", errors.text, Boolean(file))}
        />
      </Field>
      <Field
        id="file"
        label="Or choose a file"
        hint={`.json, .jsonld or .html, at most ${formatBytes(MAX_BYTES)}.`}
        errors={errors.file}
      >
        <input
          ref={fileInput}
          type="file"
          accept=".json,.jsonld,.html,.htm,application/json,application/ld+json,text/html"
          onChange={onFile}
          {...fieldA11y("file", errors.file, true)}
        />
      </Field>
      <div className="button-row">
        <SubmitButton pending={pending} busy="Importing…">
          Import
        </SubmitButton>
        {file ? (
          <button type="button" className="button" onClick={removeFile}>
            Remove file
          </button>
        ) : null}
      </div>
      <p className="visually-hidden" role="status">
        {pending ? "Importing into the library…" : ""}
      </p>
    </form>
  );
}
