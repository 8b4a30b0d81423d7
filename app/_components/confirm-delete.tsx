import type { ReactNode } from "react";

/**
 * The second step of a delete, inside the caller's button row: the question, a danger button
 * that deletes ("Deleting…" while it runs) and one that keeps the thing.
 */
export function ConfirmDelete({
  question,
  confirmLabel = "Confirm delete",
  cancelLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  question: ReactNode;
  confirmLabel?: string;
  cancelLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <>
      <span>{question}</span>
      <button type="button" className="button danger" onClick={onConfirm} disabled={pending}>
        {pending ? "Deleting…" : confirmLabel}
      </button>
      <button type="button" className="button" onClick={onCancel} disabled={pending}>
        {cancelLabel}
      </button>
    </>
  );
}
