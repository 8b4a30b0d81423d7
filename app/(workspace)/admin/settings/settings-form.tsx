"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { InputField, SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import type { WorkspaceSettingsValues } from "@/db/queries/settings";
import { updateSettingsAction } from "@/lib/entry/actions/settings";

const FIELDS = [
  "organizationName",
  "organizationUrl",
  "publicBaseUrl",
  "logoText",
  "reviewIntervalMonths",
  "publicPagesEnabled",
  "checklistPublic",
];

export function SettingsForm({ settings }: { settings: WorkspaceSettingsValues }) {
  const router = useRouter();
  const { errors, message, setMessage, pending, submit } = useActionForm({
    fields: FIELDS,
    fieldsOnly: "Some settings are not valid: see the fields below.",
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "");
    const saved = await submit(() =>
      updateSettingsAction({
        organizationName: get("organizationName"),
        organizationUrl: get("organizationUrl"),
        publicBaseUrl: get("publicBaseUrl"),
        logoText: get("logoText"),
        reviewIntervalMonths: get("reviewIntervalMonths"),
        publicPagesEnabled: form.get("publicPagesEnabled") === "on",
        checklistPublic: form.get("checklistPublic") === "on",
      }),
    );
    if (saved === null) return;
    setMessage({ kind: "success", text: saved.changed ? "Settings saved." : "Nothing changed." });
    router.refresh();
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Workspace settings">
      <FormMessage message={message} />
      <div className="field-row">
        <InputField
          id="organizationName"
          label="Organization name"
          errors={errors.organizationName}
          type="text"
          defaultValue={settings.organizationName}
        />
        <InputField
          id="organizationUrl"
          label="Organization URL"
          hint="http:// or https://; optional."
          errors={errors.organizationUrl}
          type="url"
          defaultValue={settings.organizationUrl ?? ""}
        />
      </div>
      <div className="field-row">
        <InputField
          id="publicBaseUrl"
          label="Public base URL"
          hint="Where readers open the public pages, e.g. https://health.example.org; empty: this server's address."
          errors={errors.publicBaseUrl}
          type="url"
          defaultValue={settings.publicBaseUrl ?? ""}
        />
        <InputField
          id="logoText"
          label="Logo text"
          hint="A short name shown as the logo; optional."
          errors={errors.logoText}
          type="text"
          defaultValue={settings.logoText ?? ""}
        />
      </div>
      <InputField
        id="reviewIntervalMonths"
        label="Default review interval (months)"
        hint="How long until an article's medical review is due again."
        errors={errors.reviewIntervalMonths}
        type="number"
        min={1}
        max={60}
        step={1}
        defaultValue={settings.reviewIntervalMonths}
      />
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="publicPagesEnabled"
            defaultChecked={settings.publicPagesEnabled}
            aria-describedby="publicPagesEnabled-hint"
          />{" "}
          Public pages are on
        </label>
        <span className="hint" id="publicPagesEnabled-hint">
          Off: every public page and download (/p/…) answers “Not found”.
        </span>
        {errors.publicPagesEnabled?.map((e) => (
          <p key={e} className="field-error" role="alert">
            {e}
          </p>
        ))}
      </div>
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="checklistPublic"
            defaultChecked={settings.checklistPublic}
            aria-describedby="checklistPublic-hint"
          />{" "}
          Show the article checklist on public pages
        </label>
        <span className="hint" id="checklistPublic-hint">
          The HealthNewsReview.org checklist as it stood when each article was published, on its
          public page and in its HTML export.
        </span>
        {errors.checklistPublic?.map((e) => (
          <p key={e} className="field-error" role="alert">
            {e}
          </p>
        ))}
      </div>
      <SubmitButton pending={pending} busy="Saving…">
        Save settings
      </SubmitButton>
    </form>
  );
}
