/**
 * A person's text selection in the current revision, as claims are created and re-attached
 * from it: the checks that the page was not stale and the anchor the selection makes. Pure.
 */

import { describeRange } from "@/lib/core/anchoring/describe";
import type { AnchorValues } from "@/lib/core/claims/shapes";
import { AppError } from "@/lib/core/errors";

export interface Selection {
  start: number;
  end: number;
  /** The selected text as the page showed it: checked against the stored revision. */
  exact: string;
}

/** Refuses a selection made on a revision that is no longer the article's current one. */
export function assertCurrentRevision(
  article: { currentRevisionId: string | null },
  revisionId: string,
): void {
  if (article.currentRevisionId !== revisionId) {
    throw new AppError(
      "conflict",
      "The article has a newer revision. Reload the page and select the text again.",
    );
  }
}

/**
 * The anchor a person's selection makes in `plainText`: state `exact`, score 1 (a person chose
 * the place), with quote and context described from the stored text, never from the client.
 */
export function anchorForSelection(plainText: string, selection: Selection): AnchorValues {
  const { start, end, exact } = selection;
  if (end > plainText.length || plainText.slice(start, end) !== exact) {
    throw new AppError(
      "conflict",
      "The selected text does not match the article. Reload the page and select it again.",
    );
  }
  const { quote } = describeRange(plainText, start, end);
  return {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    start,
    end,
    state: "exact",
    score: 1,
  };
}
