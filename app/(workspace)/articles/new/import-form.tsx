"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field, fieldA11y, formLevelMessage } from "@/app/_components/field";
import { importArticleTextAction } from "@/lib/actions/articles";
import type { FieldErrors } from "@/lib/errors";

export function ImportForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "");
    setPending(true);
    setMessage(null);
    const result = await importArticleTextAction({
      title: get("title"),
      text: get("text"),
      sourceUrl: get("sourceUrl"),
      originalAuthor: get("originalAuthor"),
      originalPublishedAt: get("originalPublishedAt"),
    });
    if (!result.ok) {
      // The form keeps what was typed: only the messages change.
      setPending(false);
      setErrors(result.error.fieldErrors ?? {});
      setMessage(
        formLevelMessage(result.error, [
          "title",
          "text",
          "sourceUrl",
          "originalAuthor",
          "originalPublishedAt",
        ]),
      );
      return;
    }
    router.push(`/articles/${result.data.slug}`);
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate>
      {message ? (
        <div className="alert error" role="alert">
          {message}
        </div>
      ) : null}
      <Field
        id="title"
        label="Title"
        hint="Leave empty to use the first line of the text."
        errors={errors.title}
      >
        <input type="text" maxLength={300} {...fieldA11y("title", errors.title, true)} />
      </Field>
      <Field
        id="text"
        label="Article text"
        hint="Paste the text. Blank lines separate paragraphs."
        errors={errors.text}
      >
        <textarea rows={16} required {...fieldA11y("text", errors.text, true)} />
      </Field>
      <div className="field-row">
        <Field id="sourceUrl" label="Source URL" errors={errors.sourceUrl}>
          <input type="url" placeholder="https://…" {...fieldA11y("sourceUrl", errors.sourceUrl)} />
        </Field>
        <Field id="originalAuthor" label="Original author" errors={errors.originalAuthor}>
          <input type="text" {...fieldA11y("originalAuthor", errors.originalAuthor)} />
        </Field>
        <Field id="originalPublishedAt" label="Original date" errors={errors.originalPublishedAt}>
          <input
            type="text"
            placeholder="2016-04-02"
            {...fieldA11y("originalPublishedAt", errors.originalPublishedAt)}
          />
        </Field>
      </div>
      <button className="button primary" type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import"}
      </button>
    </form>
  );
}
