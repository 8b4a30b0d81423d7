"use client";

import { useRouter } from "next/navigation";
import { type MouseEvent, useContext, useState } from "react";
import { ErrorAlert } from "@/app/_components/notice";
import { addPublishedClaimsToLibraryAction } from "@/lib/entry/actions/library";
import { ReviewContext } from "./review-context";

/** Adds the ticked claims of the offer around it to the library, in one step. */
export function OfferSubmit({ articleId }: { articleId: string }) {
  const router = useRouter();
  const { notify } = useContext(ReviewContext);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function add(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    if (!form) return;
    const ids = new FormData(form).getAll("claimId").map(String);
    if (ids.length === 0) return setError("Tick at least one claim.");
    setPending(true);
    setError(null);
    const result = await addPublishedClaimsToLibraryAction({
      articleId,
      picks: ids.map((claimId) => ({ claimId })),
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    notify(`Added ${ids.length} claim${ids.length === 1 ? "" : "s"} to the claims library.`);
    router.refresh();
  }

  return (
    <>
      <ErrorAlert message={error} />
      <button type="button" className="button primary" onClick={add} disabled={pending}>
        {pending ? "Adding…" : "Add the ticked claims to the library"}
      </button>
    </>
  );
}
