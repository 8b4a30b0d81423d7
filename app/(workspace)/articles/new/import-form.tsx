"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import {
  Field,
  fieldA11y,
  formLevelMessage,
  InputField,
  SubmitButton,
} from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
import type { FieldErrors } from "@/lib/core/errors";
import {
  formatBytes,
  IMPORT_FILE_EXTENSIONS,
  MAX_IMPORT_BYTES,
  tooLargeMessage,
} from "@/lib/core/import/limits";
import { importArticleDocumentAction } from "@/lib/entry/actions/articles";

type Source = "paste" | "file";
type PasteFormat = "text" | "markdown" | "html";

const FIELDS = [
  "title",
  "source",
  "format",
  "text",
  "file",
  "sourceUrl",
  "originalAuthor",
  "originalPublishedAt",
];

const TEXT_HINTS: Record<PasteFormat, string> = {
  text: "Blank lines separate paragraphs.",
  markdown: "Headings (#), **bold**, *italic*, [links](https://…), lists and > quotes are kept.",
  html: "Paragraphs, headings, lists, quotes, bold, italic and links are kept; scripts, styles and everything else are removed.",
};

/**
 * The import form: paste text (plain, Markdown or HTML) or upload a file. Both panels stay
 * mounted and only the chosen one is shown, so switching back and forth loses nothing; on an
 * error only the messages change, and focus moves to the first field that has one.
 */
export function ImportForm() {
  const router = useRouter();
  const [source, setSource] = useState<Source>("paste");
  const [format, setFormat] = useState<PasteFormat>("text");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  // A re-import identical to the article's current revision: nothing was written.
  const [unchanged, setUnchanged] = useState<{ slug: string; number: number } | null>(null);
  const [pending, setPending] = useState(false);
  // Bumped on every refused attempt, so focus moves even when the errors are the same.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt === 0) return;
    const first = FIELDS.find((f) => errors[f]?.length);
    const id = first === "source" ? "source-paste" : first;
    if (id) document.getElementById(id)?.focus();
  }, [attempt, errors]);

  function refuse(fieldErrors: FieldErrors, formMessage: string | null = null) {
    setErrors(fieldErrors);
    setMessage(formMessage);
    setAttempt((n) => n + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Only the chosen source travels: a 2 MB paste is not uploaded alongside a file.
    if (source === "paste") {
      form.delete("file");
      const size = new Blob([String(form.get("text") ?? "")]).size;
      if (size > MAX_IMPORT_BYTES)
        return refuse({ text: [tooLargeMessage("The pasted text", size)] });
    } else {
      form.delete("text");
      form.delete("format");
      // Checked here too, so an oversized file is refused before a long upload.
      const file = form.get("file");
      if (file instanceof File && file.size > MAX_IMPORT_BYTES) {
        return refuse({ file: [tooLargeMessage("The file", file.size)] });
      }
    }

    setPending(true);
    setMessage(null);
    setUnchanged(null);
    let result: Awaited<ReturnType<typeof importArticleDocumentAction>>;
    try {
      result = await importArticleDocumentAction(form);
    } catch {
      setPending(false);
      return refuse({}, "The server could not be reached. Nothing was saved; please try again.");
    }
    if (!result.ok) {
      setPending(false);
      return refuse(result.error.fieldErrors ?? {}, formLevelMessage(result.error, FIELDS));
    }
    const data = result.data;
    if (data.kind === "article") return router.push(`/articles/${data.slug}`);
    // The source URL is an existing article's: the text became its next revision.
    if (!data.unchanged) return router.push(`/articles/${data.slug}?saved=${data.number}`);
    setPending(false);
    setUnchanged({ slug: data.slug, number: data.number });
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-busy={pending}>
      {unchanged ? (
        <div className="alert success" role="status">
          This text is already revision {unchanged.number} of the article with this source URL;
          nothing was imported. <Link href={`/articles/${unchanged.slug}`}>Open the article</Link>
        </div>
      ) : null}
      <ErrorAlert message={message} />
      <InputField
        id="title"
        label="Title"
        hint="Leave empty to use the document's first heading, or its first line."
        errors={errors.title}
        type="text"
        maxLength={300}
      />

      <fieldset className="field" style={{ border: 0, padding: 0, margin: "0 0 0.9rem" }}>
        <legend className="label">Article</legend>
        <div className="button-row">
          {(["paste", "file"] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                id={`source-${value}`}
                name="source"
                value={value}
                checked={source === value}
                onChange={() => setSource(value)}
                aria-describedby={errors.source?.length ? "source-error" : undefined}
              />{" "}
              {value === "paste" ? "Paste text" : "Upload a file"}
            </label>
          ))}
        </div>
        {errors.source?.map((e) => (
          <p key={e} className="field-error" id="source-error" role="alert">
            {e}
          </p>
        ))}
      </fieldset>

      <div hidden={source !== "paste"}>
        <Field id="format" label="Format" errors={errors.format}>
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as PasteFormat)}
            {...fieldA11y("format", errors.format)}
          >
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </select>
        </Field>
        <Field id="text" label="Article text" hint={TEXT_HINTS[format]} errors={errors.text}>
          <textarea rows={16} {...fieldA11y("text", errors.text, true)} />
        </Field>
      </div>

      <div hidden={source !== "file"}>
        <InputField
          id="file"
          label="File"
          hint={`A .txt, .md, .html or .docx (Word) file of at most ${formatBytes(MAX_IMPORT_BYTES)}.`}
          errors={errors.file}
          type="file"
          accept={IMPORT_FILE_EXTENSIONS.join(",")}
        />
      </div>

      <div className="field-row">
        <InputField
          id="sourceUrl"
          label="Source URL"
          hint="If an article already has this source URL, the import becomes its next revision."
          errors={errors.sourceUrl}
          type="url"
          placeholder="https://…"
        />
        <InputField
          id="originalAuthor"
          label="Original author"
          errors={errors.originalAuthor}
          type="text"
        />
        <InputField
          id="originalPublishedAt"
          label="Original date"
          errors={errors.originalPublishedAt}
          type="text"
          placeholder="2016-04-02"
        />
      </div>
      <SubmitButton pending={pending} busy="Importing…">
        Import
      </SubmitButton>
      <p className="visually-hidden" role="status">
        {pending ? "Importing the article…" : ""}
      </p>
    </form>
  );
}
