"use client";

import { useState } from "react";
import type { FormMessageValue } from "@/app/_components/notice";
import type { FieldErrors } from "@/lib/core/errors";
import type { ActionResult } from "@/lib/server/action";

/**
 * What every form that calls one action keeps: the field errors shown under the fields, the
 * message above the form, and whether the action is under way. `submit(call)` runs it and gives
 * back its data, or null once its errors are shown.
 *
 * Above the form a failure shows the action's message, except when every error is shown under
 * one of `fields`: then `fieldsOnly` is shown instead (null: nothing, the fields say it all).
 */
export function useActionForm({
  fields = [],
  fieldsOnly,
}: {
  fields?: readonly string[];
  fieldsOnly?: string | null;
} = {}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [pending, setPending] = useState(false);

  async function submit<T>(call: () => Promise<ActionResult<T>>): Promise<T | null> {
    setPending(true);
    const result = await call();
    setPending(false);
    if (!result.ok) {
      const fieldErrors = result.error.fieldErrors ?? {};
      const keys = Object.keys(fieldErrors);
      const underFields = keys.length > 0 && keys.every((k) => fields.includes(k));
      const text = underFields && fieldsOnly !== undefined ? fieldsOnly : result.error.message;
      setErrors(fieldErrors);
      setMessage(text === null ? null : { kind: "error", text });
      return null;
    }
    setErrors({});
    setMessage(null);
    return result.data;
  }

  return { errors, message, setMessage, pending, submit };
}
