import type { ReactNode } from "react";

/** What a form says about its last submit: an error (announced at once) or a success status. */
export type FormMessageValue = { kind: "error" | "success"; text: string };

export function FormMessage({
  message,
  className,
}: {
  message: FormMessageValue | null;
  className?: string;
}) {
  if (!message) return null;
  return (
    <div
      className={["alert", message.kind, className].filter(Boolean).join(" ")}
      role={message.kind === "error" ? "alert" : "status"}
    >
      {message.text}
    </div>
  );
}

/** An error message above a form or panel, announced at once; nothing when there is none. */
export function ErrorAlert({ message }: { message: string | null }) {
  return <FormMessage message={message === null ? null : { kind: "error", text: message }} />;
}

/** The message after "Keep mine": the person's input stays, their next save wins. */
export const KEPT_MINE: FormMessageValue = {
  kind: "success",
  text: "Your input is kept. Save again to replace their version.",
};

/**
 * A stale save's other side: the values someone else saved, and the two ways on — keep the
 * person's own input (to save over theirs) or take theirs into the form.
 */
export function ConflictNotice({
  testId,
  facts,
  onKeepMine,
  onUseTheirs,
}: {
  testId: string;
  /** [label, value] pairs of the saved version. */
  facts: [string, ReactNode][];
  onKeepMine: () => void;
  onUseTheirs: () => void;
}) {
  return (
    <div className="alert warning" role="alert" data-testid={testId}>
      <strong>Their version</strong>
      <ul>
        {facts.map(([label, value]) => (
          <li key={label}>
            {label}: {value}
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="button" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="button" onClick={onUseTheirs}>
          Use theirs
        </button>
      </div>
    </div>
  );
}
