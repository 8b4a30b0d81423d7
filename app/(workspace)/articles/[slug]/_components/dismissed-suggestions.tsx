"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/app/_components/notice";
import { restoreSuggestionAction } from "@/lib/entry/actions/claims";

/** The suggestions dismissed on this article that the detector still finds in the text. */
export function DismissedSuggestions({
  articleId,
  dismissed,
}: {
  articleId: string;
  dismissed: { sentence: string; dismissedByName: string | null; createdAt: Date }[];
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function restore(sentence: string) {
    setBusy(sentence);
    setError(null);
    const result = await restoreSuggestionAction({ articleId, sentence });
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      router.refresh();
      return;
    }
    router.refresh();
  }

  if (dismissed.length === 0) return null;
  return (
    <details className="suggestions" style={{ marginTop: "0.75rem" }}>
      <summary>Dismissed suggestions ({dismissed.length})</summary>
      <ErrorAlert message={error} />
      <ol className="suggestion-list" aria-label="Dismissed suggestions">
        {dismissed.map((d) => (
          <li key={d.sentence} className="suggestion">
            <p className="quote small flush">{d.sentence}</p>
            <p className="muted small flush">Dismissed by {d.dismissedByName ?? "someone"}</p>
            <div className="button-row">
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                onClick={() => restore(d.sentence)}
                aria-label={`Restore: ${d.sentence.slice(0, 60)}`}
              >
                {busy === d.sentence ? "Restoring…" : "Restore"}
              </button>
            </div>
          </li>
        ))}
      </ol>
    </details>
  );
}
