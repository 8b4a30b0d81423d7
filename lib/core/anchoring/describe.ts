/**
 * Describing a range of a text as W3C Web Annotation selectors: a TextQuoteSelector (the
 * exact text with up to 32 characters of context on each side, enough to tell repeated
 * quotes apart and to re-find a quote after edits) and a TextPositionSelector.
 */

export const CONTEXT_LENGTH = 32;

export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

export interface RangeSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Selectors for `text[start, end)`. Throws a RangeError when the range is not inside the text. */
export function describeRange(text: string, start: number, end: number): RangeSelectors {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > text.length ||
    end <= start
  ) {
    throw new RangeError(`Range ${start}–${end} is not inside a text of length ${text.length}.`);
  }
  return {
    quote: {
      type: "TextQuoteSelector",
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { type: "TextPositionSelector", start, end },
  };
}
