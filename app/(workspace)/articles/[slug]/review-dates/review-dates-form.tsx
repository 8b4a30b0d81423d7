"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { InputField, SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { setReviewDatesAction } from "@/lib/entry/actions/review";

const FIELDS = ["lastReviewedOn", "reviewIntervalMonths"];

export function ReviewDatesForm(props: {
  articleId: string;
  slug: string;
  version: number;
  lastReviewedOn: string | null;
  reviewIntervalMonths: number | null;
  workspaceIntervalMonths: number;
}) {
  const router = useRouter();
  const [version, setVersion] = useState(props.version);
  const { errors, message, setMessage, pending, submit } = useActionForm({
    fields: FIELDS,
    fieldsOnly: "Some values are not valid: see the fields below.",
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const interval = String(form.get("reviewIntervalMonths") ?? "").trim();
    const saved = await submit(async () => {
      const result = await setReviewDatesAction({
        articleId: props.articleId,
        version,
        lastReviewedOn: String(form.get("lastReviewedOn") ?? ""),
        // A number when one was typed, so the server says what is wrong with it.
        reviewIntervalMonths: interval === "" ? null : Number(interval),
      });
      // Stale: the next save goes over the newer version, which the message describes.
      if (!result.ok && result.error.code === "conflict" && result.error.details) {
        setVersion(result.error.details.version);
      }
      return result;
    });
    if (saved === null) return;
    setVersion(saved.version);
    setMessage({
      kind: "success",
      text: saved.changed
        ? `Saved. Next review due: ${saved.nextReviewDue ?? "—"}.`
        : "Nothing changed.",
    });
    router.refresh();
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Review dates">
      <FormMessage message={message} />
      <InputField
        id="lastReviewedOn"
        label="Last medically reviewed"
        hint="Empty: never reviewed."
        errors={errors.lastReviewedOn}
        type="date"
        max="9999-12-31"
        defaultValue={props.lastReviewedOn ?? ""}
      />
      <InputField
        id="reviewIntervalMonths"
        label="Review interval of this article (months)"
        hint={`Empty: the workspace default, every ${props.workspaceIntervalMonths} months.`}
        errors={errors.reviewIntervalMonths}
        type="number"
        min={1}
        max={60}
        step={1}
        defaultValue={props.reviewIntervalMonths ?? ""}
      />
      <SubmitButton pending={pending} busy="Saving…">
        Save review dates
      </SubmitButton>
    </form>
  );
}
