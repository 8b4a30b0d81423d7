/**
 * A citation's parts read as sentences ("Smith J, et al. Kidney Int. 2019"): each part ends
 * with one full stop. A part that already ends a sentence ("et al.", "Lancet?") gets no second
 * one, so no export says "et al..".
 */
const ENDS_SENTENCE = /[.?!…]["'”’)]*$/;

/** What goes between `previous` and the next part: ". ", or just " " after a full stop. */
export function sentenceGap(previous: string): string {
  return ENDS_SENTENCE.test(previous.trim()) ? " " : ". ";
}

/** The non-empty parts, trimmed, joined as sentences. */
export function joinSentences(parts: readonly (string | number | null | undefined)[]): string {
  let out = "";
  for (const part of parts) {
    const text = part === null || part === undefined ? "" : String(part).trim();
    if (!text) continue;
    out = out ? `${out}${sentenceGap(out)}${text}` : text;
  }
  return out;
}

/** The evidence's source line: authors, publisher, year. */
export function citationSource(e: {
  authors: string;
  publisher: string;
  year: number | null;
}): string {
  return joinSentences([e.authors, e.publisher, e.year]);
}
