"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/app/_components/notice";
import { restoreClaimAction } from "@/lib/entry/actions/claims";
import type { DeletedClaim } from "./delete-claim";

/**
 * The notice after a claim was deleted, with "Undo": restores the claim (audited like the
 * delete) and opens it again. Cheap undo beats a scarier confirmation.
 */
export function DeletedClaimNotice({
  deleted,
  onRestored,
  onDismiss,
}: {
  deleted: DeletedClaim;
  onRestored: (claimId: string) => void;
  onDismiss: () => void;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function undo() {
    setPending(true);
    setError(null);
    const result = await restoreClaimAction({ claimId: deleted.id, version: deleted.version });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    onRestored(result.data.id);
    router.refresh();
  }

  return (
    <div className="alert success" role="status" data-testid="claim-deleted">
      <div className="button-row">
        <span>Claim {deleted.number} deleted.</span>
        <button type="button" className="button" onClick={undo} disabled={pending}>
          {pending ? "Restoring…" : "Undo"}
        </button>
        <button type="button" className="link-button" onClick={onDismiss} disabled={pending}>
          Hide
        </button>
      </div>
      <ErrorAlert message={error} />
    </div>
  );
}
