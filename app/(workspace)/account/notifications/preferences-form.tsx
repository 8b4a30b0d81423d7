"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import {
  EMAIL_CADENCE_LABELS,
  EMAIL_CADENCES,
  type EmailCadence,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreference,
} from "@/lib/core/desk-vocabulary";
import { saveNotificationPreferencesAction } from "@/lib/entry/actions/notifications";

type Prefs = Record<NotificationKind, NotificationPreference>;

/** Per kind: in the app, by e-mail, and when the e-mail goes out. */
export function PreferencesForm({ preferences }: { preferences: Prefs }) {
  const router = useRouter();
  const [prefs, setPrefs] = useState(preferences);
  const { message, setMessage, pending, submit } = useActionForm();
  const set = (kind: NotificationKind, change: Partial<NotificationPreference>) =>
    setPrefs((p) => ({ ...p, [kind]: { ...p[kind], ...change } }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await submit(() => saveNotificationPreferencesAction({ preferences: prefs }));
    if (saved === null) return;
    setMessage({
      kind: "success",
      text: saved.changed ? "Preferences saved." : "Nothing to save: these are your choices.",
    });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Notification preferences" className="card">
      <FormMessage message={message} />
      <table className="table">
        <caption className="visually-hidden">What you are told, and how</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">In the app</th>
            <th scope="col">By e-mail</th>
            <th scope="col">E-mail</th>
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_KINDS.map((kind) => {
            const p = prefs[kind];
            const label = NOTIFICATION_KIND_LABELS[kind];
            return (
              <tr key={kind} data-testid={`pref-${kind}`}>
                <th scope="row">{label}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label}: in the app`}
                    checked={p.inApp}
                    onChange={(e) => set(kind, { inApp: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label}: by e-mail`}
                    checked={p.email}
                    onChange={(e) => set(kind, { email: e.target.checked })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${label}: when e-mailed`}
                    value={p.cadence}
                    disabled={!p.email}
                    onChange={(e) => set(kind, { cadence: e.target.value as EmailCadence })}
                  >
                    {EMAIL_CADENCES.map((c) => (
                      <option key={c} value={c}>
                        {EMAIL_CADENCE_LABELS[c]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <SubmitButton pending={pending} busy="Saving…">
        Save preferences
      </SubmitButton>
    </form>
  );
}
