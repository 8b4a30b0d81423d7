"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { FieldError } from "@/app/_components/field";
import { disableUserAction, enableUserAction } from "@/lib/entry/actions/users";

/**
 * Disable / Enable for one account. Disabling asks first, inline (the house pattern, like
 * deleting evidence): the question takes the button's place, focus moves to "Keep active" (the
 * safe choice), Escape or "Keep active" puts focus back on the button. Enabling needs no
 * confirmation: it only gives back access that an admin took away.
 */
export function AccountStatusControl({
  userId,
  name,
  disabled,
}: {
  userId: string;
  name: string;
  disabled: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  // Where focus goes after the question opens or closes; null leaves it where it is.
  const focusNext = useRef<"keep" | "toggle" | null>(null);

  useEffect(() => {
    const target = focusNext.current === "keep" ? keep : toggle;
    if (focusNext.current) target.current?.focus();
    focusNext.current = null;
  });

  function ask() {
    setError(null);
    setDone(null);
    focusNext.current = "keep";
    setConfirming(true);
  }

  function cancel() {
    focusNext.current = "toggle";
    setConfirming(false);
  }

  async function run(disable: boolean) {
    setPending(true);
    setError(null);
    setDone(null);
    const result = disable
      ? await disableUserAction({ userId })
      : await enableUserAction({ userId });
    setPending(false);
    focusNext.current = "toggle";
    setConfirming(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setDone(
      result.data.disabled
        ? `${name} is disabled and signed out everywhere.`
        : `${name} can sign in again.`,
    );
    router.refresh();
  }

  return (
    <div>
      {confirming ? (
        <fieldset
          // A bare group in a table cell: no frame, no indent.
          style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
          onKeyDown={(e) => {
            if (e.key === "Escape") cancel();
          }}
        >
          <legend className="small">
            Disable {name}? They are signed out at once and cannot sign in until re-enabled.
          </legend>
          <div className="button-row small">
            <button
              type="button"
              className="button danger"
              disabled={pending}
              onClick={() => run(true)}
            >
              {pending ? "Disabling…" : "Disable account"}
            </button>
            <button ref={keep} type="button" className="button" disabled={pending} onClick={cancel}>
              Keep active
            </button>
          </div>
        </fieldset>
      ) : (
        <button
          ref={toggle}
          type="button"
          className={disabled ? "button" : "button danger"}
          disabled={pending}
          onClick={disabled ? () => run(false) : ask}
        >
          {disabled ? "Enable" : "Disable"}
          <span className="visually-hidden"> {name}</span>
        </button>
      )}
      <FieldError error={error} />
      {done ? (
        <p className="muted small" role="status">
          {done}
        </p>
      ) : null}
    </div>
  );
}
