"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDelete } from "@/app/_components/confirm-delete";
import { ErrorAlert } from "@/app/_components/notice";
import { deleteClaimAction } from "@/lib/entry/actions/claims";

/** What the page needs to offer the undo: the deleted claim and the version the delete left. */
export interface DeletedClaim {
  id: string;
  number: number;
  version: number;
}

/**
 * "Delete claim", for a claim created by mistake: asks to confirm first, then deletes it (its
 * evidence, comments and history are kept) and hands the page what it needs to offer "Undo".
 * Only rendered when the server said the actor may (creator or editor, in no publication).
 */
export function DeleteClaim({
  claimId,
  number,
  version,
  onDeleted,
}: {
  claimId: string;
  number: number;
  version: number;
  onDeleted: (deleted: DeletedClaim) => void;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setPending(true);
    setError(null);
    const result = await deleteClaimAction({ claimId, version });
    setPending(false);
    setConfirming(false);
    if (!result.ok) {
      setError(result.error.message);
      // Deleted or published elsewhere meanwhile: show the page as it is now. A stale version
      // keeps its message here (a refresh would remount the panel and lose it); it says to reload.
      if (result.error.code === "not_found" || result.error.code === "rule") router.refresh();
      return;
    }
    onDeleted(result.data);
    router.refresh();
  }

  return (
    <div className="stack" style={{ marginTop: "1.25rem" }} data-testid="delete-claim">
      <ErrorAlert message={error} />
      {confirming ? (
        <div className="button-row small" data-testid="confirm-delete-claim">
          <ConfirmDelete
            question={`Delete claim ${number}? It leaves the article, lists and exports; its history is kept and you can undo right after.`}
            confirmLabel="Yes, delete claim"
            cancelLabel="Keep it"
            pending={pending}
            onConfirm={remove}
            onCancel={() => setConfirming(false)}
          />
        </div>
      ) : (
        <div>
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            Delete claim
          </button>
        </div>
      )}
    </div>
  );
}
