"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/app/_components/notice";
import type { WatchRunSummary } from "@/lib/core/audit/events";
import { WATCH_NOW_MAX } from "@/lib/core/validation/references-watch";
import { runWatchNowAction } from "@/lib/entry/actions/references";

/** "Run the watch now": the watch in this request (bounded), then its summary in words. */
export function RunWatchButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<WatchRunSummary | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    setDone(null);
    const result = await runWatchNowAction({ maxReferences: WATCH_NOW_MAX });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setDone(result.data);
    router.refresh();
  }

  return (
    <div className="stack">
      <div className="button-row">
        <button type="button" className="button primary" onClick={run} disabled={pending}>
          {pending ? "Checking Crossref and PubMed…" : "Run the watch now"}
        </button>
      </div>
      <ErrorAlert message={error} />
      {done ? (
        <p role="status" data-testid="watch-result">
          Checked {done.checked} reference{done.checked === 1 ? "" : "s"}: {done.flagged} newly
          flagged, {done.rechecked} claim{done.rechecked === 1 ? "" : "s"} sent back to re-check,{" "}
          {done.publicationNotices} publication notice{done.publicationNotices === 1 ? "" : "s"}.
          {done.remaining > 0 ? ` ${done.remaining} left for the next run.` : ""}
          {done.errors.length > 0 ? ` Errors: ${done.errors.join(" ")}` : ""}
        </p>
      ) : null}
    </div>
  );
}
