"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { assignClaimAction } from "@/lib/entry/actions/claims";

/** Who reviews this claim: a select for editors, a line of text for everyone else. */
export function AssigneeField({
  claimId,
  assigneeId,
  assigneeName,
  users,
  canAssign,
}: {
  claimId: string;
  assigneeId: string | null;
  assigneeName: string | null;
  users: { id: string; name: string }[];
  canAssign: boolean;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  if (!canAssign) {
    return (
      <p className="small" data-testid="assignee">
        {assigneeName ? `Assigned to ${assigneeName}` : "Unassigned"}
      </p>
    );
  }

  async function assign(value: string) {
    setPending(true);
    setMessage(null);
    const result = await assignClaimAction({ claimId, assigneeId: value || null });
    setPending(false);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setMessage({
      kind: "success",
      text: result.data.assigneeName ? `Assigned to ${result.data.assigneeName}.` : "Unassigned.",
    });
    router.refresh();
  }

  return (
    <div className="field">
      <label htmlFor={`assignee-${claimId}`}>Assignee</label>
      <select
        id={`assignee-${claimId}`}
        value={assigneeId ?? ""}
        disabled={pending}
        onChange={(e) => assign(e.target.value)}
      >
        <option value="">Unassigned</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {message ? (
        <p
          className={message.kind === "error" ? "field-error" : "hint"}
          role={message.kind === "error" ? "alert" : "status"}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
