/**
 * Which detector suggestions a reviewer sees on a revision: not those already dismissed on the
 * article, and not those a claim already covers. Pure.
 */
import type { Suggestion } from "@/lib/core/detect/reasons";

/** The form a sentence is remembered by: whitespace collapsed, so re-wrapping keeps it. */
export function sentenceKey(sentence: string): string {
  return sentence.replace(/\s+/g, " ").trim();
}

export interface ShownSuggestion {
  start: number;
  end: number;
  text: string;
  reasons: Suggestion["reasons"];
  phrase: { start: number; end: number; text: string } | null;
}

export function selectSuggestions(
  suggestions: readonly Suggestion[],
  dismissed: ReadonlySet<string>,
  claimed: readonly { start: number | null; end: number | null }[],
): ShownSuggestion[] {
  return suggestions
    .filter((s) => !dismissed.has(sentenceKey(s.text)))
    .filter(
      (s) =>
        !claimed.some(
          (c) => c.start !== null && c.end !== null && c.start < s.end && c.end > s.start,
        ),
    )
    .map((s) => ({
      start: s.start,
      end: s.end,
      text: s.text,
      reasons: s.reasons,
      phrase: s.phrase ? { start: s.phrase.start, end: s.phrase.end, text: s.phrase.text } : null,
    }));
}
