"use client";

import Link from "next/link";
import { type ChangeEvent, type FormEvent, type Ref, useEffect, useRef, useState } from "react";
import {
  Field,
  fieldA11y,
  formLevelMessage,
  InputField,
  SubmitButton,
} from "@/app/_components/field";
import { ErrorAlert } from "@/app/_components/notice";
import type { FieldErrors } from "@/lib/core/errors";
import { MAX_IMPORT_BYTES } from "@/lib/core/import/limits";
import { importAnnotationsAction } from "@/lib/entry/actions/annotations";
import type { ImportOutcome, ImportResult, SkipReason } from "@/lib/services/annotations/service";

const SKIP_LABELS: Record<SkipReason, string> = {
  orphaned: "Not anchored",
  duplicate: "Duplicate",
  no_quote: "No quote",
  malformed: "Malformed",
};

/**
 * Upload (or paste) an annotations file and import it. A chosen file is read into the text
 * box, so what is imported is always what is shown, and nothing is lost when the server
 * refuses it.
 */
export function ImportAnnotationsForm({
  articleId,
  reviewHref,
}: {
  articleId: string;
  reviewHref: string;
}) {
  const [json, setJson] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setErrors({ file: [`${file.name} is larger than 2 MB. Split it and import the parts.`] });
      event.currentTarget.value = "";
      return;
    }
    setErrors({});
    setJson(await file.text());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const response = await importAnnotationsAction({ articleId, json });
    setPending(false);
    if (!response.ok) {
      setErrors(response.error.fieldErrors ?? {});
      setMessage(formLevelMessage(response.error, ["json"]));
      return;
    }
    setErrors({});
    setResult(response.data);
  }

  return (
    <div className="stack">
      <form className="card" onSubmit={onSubmit} noValidate aria-busy={pending}>
        <ErrorAlert message={message} />
        <InputField
          id="annotations-file"
          label="Annotations file"
          hint="A .json or .jsonld file of at most 2 MB and 2,000 annotations. It is shown below before you import it."
          errors={errors.file}
          type="file"
          accept=".json,.jsonld,application/json,application/ld+json"
          onChange={onFile}
        />
        <Field
          id="json"
          label="Annotations JSON"
          hint="Or paste the JSON here."
          errors={errors.json}
        >
          <textarea
            rows={12}
            spellCheck={false}
            value={json}
            onChange={(e) => setJson(e.currentTarget.value)}
            {...fieldA11y("json", errors.json, true)}
          />
        </Field>
        <SubmitButton pending={pending} busy="Importing…">
          Import
        </SubmitButton>
      </form>
      {result ? <ImportReport result={result} reviewHref={reviewHref} ref={resultHeading} /> : null}
    </div>
  );
}

function ImportReport({
  result,
  reviewHref,
  ref,
}: {
  result: ImportResult;
  reviewHref: string;
  ref: Ref<HTMLHeadingElement>;
}) {
  const skipped = (Object.entries(result.skipped) as [SkipReason, number][]).filter(
    ([, n]) => n > 0,
  );
  return (
    <section aria-labelledby="import-result" className="stack">
      <h2 id="import-result" ref={ref} tabIndex={-1}>
        Imported onto revision {result.revisionNumber}
      </h2>
      <ul role="status" data-testid="import-summary">
        <li>
          {result.created} {result.created === 1 ? "claim" : "claims"} created
          {result.changed > 0 ? ` (${result.changed} with changed wording: re-check them)` : ""}
        </li>
        {skipped.map(([reason, n]) => (
          <li key={reason}>
            {n} {SKIP_LABELS[reason].toLowerCase()}
          </li>
        ))}
      </ul>
      {result.notices.map((n) => (
        <div key={n} className="alert warning">
          {n}
        </div>
      ))}
      <table className="table import-result">
        <caption className="visually-hidden">Every annotation in the file and its outcome</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Quote</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {result.outcomes.map((o) => (
            <tr key={o.index} data-testid="import-outcome">
              <td>{o.index + 1}</td>
              <td>
                {o.quote ? <q>{o.quote}</q> : <span className="muted">—</span>}
                {o.annotationId ? (
                  <div className="muted small import-annotation-id">{o.annotationId}</div>
                ) : null}
              </td>
              <td>
                <OutcomeCell outcome={o} reviewHref={reviewHref} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function OutcomeCell({ outcome, reviewHref }: { outcome: ImportOutcome; reviewHref: string }) {
  if (outcome.kind === "created") {
    return (
      <>
        <Link href={`${reviewHref}?claim=${outcome.claimId}`}>Claim {outcome.claimNumber}</Link>{" "}
        {outcome.anchor === "changed" ? (
          <span className="badge status-in_review">wording changed</span>
        ) : (
          <span className="badge status-resolved">exact</span>
        )}
      </>
    );
  }
  return (
    <>
      <strong>{SKIP_LABELS[outcome.reason]}</strong>
      <div className="small">{outcome.message}</div>
    </>
  );
}
