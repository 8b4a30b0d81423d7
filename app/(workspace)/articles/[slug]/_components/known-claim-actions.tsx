"use client";

import { useRouter } from "next/navigation";
import { useContext, useState } from "react";
import { ErrorAlert } from "@/app/_components/notice";
import {
  acceptLibraryMatchAction,
  dismissLibraryMatchAction,
  matchRevisionWithLibraryAction,
} from "@/lib/entry/actions/library-matches";
import { ReviewContext } from "./review-context";

/** Accept or dismiss one known claim (the list around it is rendered on the server). */
export function KnownClaimActions({ matchId, label }: { matchId: string; label: string }) {
  const router = useRouter();
  const { selectClaim } = useContext(ReviewContext);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(accept: boolean) {
    setBusy(true);
    setError(null);
    const result = accept
      ? await acceptLibraryMatchAction({ matchId })
      : await dismissLibraryMatchAction({ matchId });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    if ("claimId" in result.data) selectClaim(result.data.claimId);
    router.refresh();
  }

  return (
    <>
      <ErrorAlert message={error} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => act(true)}
          aria-label={`Accept ${label}`}
        >
          {busy ? "Working…" : "Accept"}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => act(false)}
          aria-label={`Dismiss ${label}`}
        >
          Dismiss
        </button>
      </div>
    </>
  );
}

/** Matches the current revision against the library again, on demand. */
export function CheckLibraryButton({ revisionId }: { revisionId: string }) {
  const router = useRouter();
  const { notify } = useContext(ReviewContext);
  const [busy, setBusy] = useState(false);

  async function check() {
    setBusy(true);
    const result = await matchRevisionWithLibraryAction({ revisionId });
    setBusy(false);
    if (!result.ok) return notify(result.error.message);
    notify(
      result.data.matches === 0
        ? "Checked against the library: no known claims in this revision."
        : `Checked against the library: ${result.data.same} same, ${result.data.opposite} opposite.`,
    );
    router.refresh();
  }

  return (
    <button type="button" className="button" onClick={check} disabled={busy}>
      {busy ? "Checking…" : "Check against library"}
    </button>
  );
}
