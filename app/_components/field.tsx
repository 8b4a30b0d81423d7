import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

/** A labelled form field with its hint and errors, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {errors?.map((e) => (
        <p key={e} className="field-error" id={`${id}-error`} role="alert">
          {e}
        </p>
      ))}
    </div>
  );
}

/** A `Field` around one `<input>`, the common case: every other prop goes to the input. */
export function InputField({
  id,
  label,
  hint,
  errors,
  ...input
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      <input {...input} {...fieldA11y(id, errors, Boolean(hint))} />
    </Field>
  );
}

/**
 * A `Field` around one `<select>` of `[value, label]` options, after an empty one labelled
 * `empty` when given ("Choose…"). Every other prop goes to the select.
 */
export function SelectField({
  id,
  label,
  hint,
  errors,
  empty,
  options,
  ...select
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  empty?: string;
  options: readonly (readonly [value: string, label: string])[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name" | "children">) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      <select {...select} {...fieldA11y(id, errors, Boolean(hint))}>
        {empty === undefined ? null : <option value="">{empty}</option>}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** An error under a control that is not a `Field` (a button, a select in a table row). */
export function FieldError({ error }: { error: string | null }) {
  return error ? (
    <p className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A form's submit button, disabled and saying what it does while the action runs. */
export function SubmitButton({
  pending,
  busy,
  children,
  className = "button primary",
}: {
  pending: boolean;
  /** The label while pending: "Saving…". */
  busy: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <button className={className} type="submit" disabled={pending}>
      {pending ? busy : children}
    </button>
  );
}

/** Props that mark an input invalid and point it at its error and hint. */
export function fieldA11y(id: string, errors?: string[], hint?: boolean) {
  const describedBy = [errors?.length ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(" ");
  return {
    id,
    name: id,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
}

/**
 * The message to show above a form: none when every error already sits next to a field the
 * form shows (saying it twice only adds noise), else the error's own message.
 */
export function formLevelMessage(
  error: { message: string; fieldErrors?: Record<string, string[]> },
  shownFields: readonly string[],
): string | null {
  const keys = Object.keys(error.fieldErrors ?? {});
  if (keys.length > 0 && keys.every((k) => shownFields.includes(k))) return null;
  return error.message;
}
