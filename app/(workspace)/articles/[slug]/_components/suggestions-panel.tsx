"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/app/_components/notice";
import { reasonLabel } from "@/lib/core/detect/reasons";
import type { ShownSuggestion } from "@/lib/core/suggestions/select";
import { createClaimAction, dismissSuggestionAction } from "@/lib/entry/actions/claims";

/**
 * Check-worthy sentences found by the detector. Accepting creates a claim on the phrase or the
 * whole sentence; dismissing remembers the sentence for this article.
 */
export function SuggestionsPanel({
  articleId,
  revisionId,
  suggestions,
  onCreated,
}: {
  articleId: string;
  revisionId: string;
  suggestions: ShownSuggestion[];
  onCreated: (claimId: string) => void;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function accept(s: ShownSuggestion, range: { start: number; end: number; text: string }) {
    setBusy(s.start);
    setError(null);
    const result = await createClaimAction({
      revisionId,
      start: range.start,
      end: range.end,
      exact: range.text,
    });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    onCreated(result.data.id);
    router.refresh();
  }

  async function dismiss(s: ShownSuggestion) {
    setBusy(s.start);
    setError(null);
    const result = await dismissSuggestionAction({ articleId, sentence: s.text });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    router.refresh();
  }

  return (
    <details className="suggestions" open={suggestions.length > 0 && suggestions.length <= 5}>
      <summary>Suggested claims ({suggestions.length})</summary>
      <ErrorAlert message={error} />
      {suggestions.length === 0 ? (
        <p className="empty">
          No suggestions: every check-worthy sentence is claimed or dismissed.
        </p>
      ) : (
        <ol className="suggestion-list" aria-label="Suggested claims">
          {suggestions.map((s) => (
            <li key={`${s.start}-${s.end}`} className="suggestion">
              <p className="quote small flush">{s.phrase ? highlightPhrase(s) : s.text}</p>
              <ul className="reasons" aria-label="Why">
                {s.reasons.map((r) => (
                  <li key={r} className="badge">
                    {reasonLabel(r)}
                  </li>
                ))}
              </ul>
              <div className="button-row">
                {s.phrase ? (
                  <button
                    type="button"
                    className="button"
                    disabled={busy !== null}
                    onClick={() => s.phrase && accept(s, s.phrase)}
                  >
                    Claim “{s.phrase.text}”
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => accept(s, s)}
                >
                  Claim sentence
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => dismiss(s)}
                  aria-label={`Dismiss: ${s.text.slice(0, 60)}`}
                >
                  Dismiss
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

/** The sentence with its trigger phrase emphasised. */
function highlightPhrase(s: ShownSuggestion) {
  const phrase = s.phrase;
  if (!phrase) return s.text;
  const from = phrase.start - s.start;
  const to = phrase.end - s.start;
  return (
    <>
      {s.text.slice(0, from)}
      <strong>{s.text.slice(from, to)}</strong>
      {s.text.slice(to)}
    </>
  );
}
