"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import {
  CHECKLIST_CRITERIA,
  CHECKLIST_CRITERION_LABELS,
  CHECKLIST_RATING_LABELS,
  CHECKLIST_RATINGS,
  type ChecklistCriterion,
} from "@/lib/core/evidence-vocabulary";
import type { ChecklistItems } from "@/lib/core/review/checklist";
import { MAX_CHECKLIST_NOTE } from "@/lib/core/validation/review";
import { saveChecklistAction } from "@/lib/entry/actions/review";

export function ChecklistForm({
  articleId,
  version: initialVersion,
  items,
}: {
  articleId: string;
  version: number;
  items: ChecklistItems;
}) {
  const router = useRouter();
  const [version, setVersion] = useState(initialVersion);
  const { errors, message, setMessage, pending, submit } = useActionForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, { rating: string; note: string }> = {};
    for (const criterion of CHECKLIST_CRITERIA) {
      const rating = String(form.get(`${criterion}.rating`) ?? "");
      const note = String(form.get(`${criterion}.note`) ?? "");
      // A note without a rating is sent, so the server says the rating is missing.
      if (rating || note.trim()) next[criterion] = { rating, note };
    }
    const saved = await submit(async () => {
      const result = await saveChecklistAction({ articleId, version, items: next });
      if (!result.ok && result.error.code === "conflict" && result.error.details) {
        setVersion(result.error.details.version);
      }
      return result;
    });
    if (saved === null) return;
    setVersion(saved.version);
    setMessage({
      kind: "success",
      text: saved.changed ? `Checklist saved: ${saved.summary}.` : "Nothing changed.",
    });
    router.refresh();
  }

  const fieldErrors = (criterion: ChecklistCriterion, part: "rating" | "note") =>
    errors[`items.${criterion}.${part}`] ??
    (part === "rating" ? errors[`items.${criterion}`] : undefined);

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Article checklist">
      <FormMessage message={message} />
      {CHECKLIST_CRITERIA.map((criterion, index) => {
        const item = items[criterion];
        const ratingErrors = fieldErrors(criterion, "rating");
        const noteErrors = fieldErrors(criterion, "note");
        return (
          <fieldset key={criterion} className="field" data-testid={`checklist-${criterion}`}>
            <legend>
              {index + 1}. {CHECKLIST_CRITERION_LABELS[criterion]}
            </legend>
            <div className="button-row" role="radiogroup" aria-label="Rating">
              {CHECKLIST_RATINGS.map((rating) => (
                <label key={rating}>
                  <input
                    type="radio"
                    name={`${criterion}.rating`}
                    value={rating}
                    defaultChecked={item?.rating === rating}
                  />{" "}
                  {CHECKLIST_RATING_LABELS[rating]}
                </label>
              ))}
            </div>
            {ratingErrors?.map((e) => (
              <p key={e} className="field-error" role="alert">
                {e}
              </p>
            ))}
            <label htmlFor={`${criterion}-note`} className="visually-hidden">
              Note on “{CHECKLIST_CRITERION_LABELS[criterion]}”
            </label>
            <textarea
              id={`${criterion}-note`}
              name={`${criterion}.note`}
              rows={2}
              maxLength={MAX_CHECKLIST_NOTE}
              placeholder="Note (why this rating)"
              defaultValue={item?.note ?? ""}
              aria-invalid={noteErrors?.length ? true : undefined}
            />
            {noteErrors?.map((e) => (
              <p key={e} className="field-error" role="alert">
                {e}
              </p>
            ))}
          </fieldset>
        );
      })}
      <SubmitButton pending={pending} busy="Saving…">
        Save the checklist
      </SubmitButton>
    </form>
  );
}
