"use client";

import Link from "next/link";
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
  paging = { page: 0, pages: 1, total: suggestions.length, perPage: suggestions.length },
  slug,
  onCreated,
}: {
  articleId: string;
  revisionId: string;
  /** One page of them (the server pages: a long article has thousands). */
  suggestions: ShownSuggestion[];
  /** Which page this is (0-based), of how many, and how many suggestions in all. */
  paging?: { page: number; pages: number; total: number; perPage: number };
  /** For the pages' links (`?suggestions=<n>`). */
  slug?: string;
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
    // Open on a page the reviewer went to, and for a handful: a long list starts closed.
    <details
      className="suggestions"
      open={(paging.total > 0 && paging.total <= 5) || paging.page > 0}
    >
      <summary>Suggested claims ({paging.total})</summary>
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
      {paging.pages > 1 && slug ? (
        <nav className="button-row small" aria-label="Suggestion pages">
          {paging.page > 0 ? (
            <Link href={pageHref(slug, paging.page - 1)} scroll={false}>
              ← Previous
            </Link>
          ) : null}
          <span className="muted">
            {paging.page * paging.perPage + 1}–{paging.page * paging.perPage + suggestions.length}{" "}
            of {paging.total}
          </span>
          {paging.page < paging.pages - 1 ? (
            <Link href={pageHref(slug, paging.page + 1)} scroll={false}>
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </details>
  );
}

/** The review page showing suggestion page `page` (0-based); the first page is the plain URL. */
function pageHref(slug: string, page: number) {
  const base = `/articles/${encodeURIComponent(slug)}`;
  return page === 0 ? base : `${base}?suggestions=${page + 1}`;
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
