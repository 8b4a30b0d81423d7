/**
 * The edges of approximate matches. The approximate matcher counts characters, not words or
 * sentences: when "no toxicity" becomes "little toxicity" its cheapest match is "le toxicity",
 * and when a quote's last sentence is deleted its cheapest match runs on over the next sentence,
 * which is the quote's old suffix. So a match may not swallow its own context, and a quote that
 * began (or ended) at a word boundary does so again.
 */
import approxSearch from "approx-string-match";

/** Letters, digits and combining marks, of the scripts that separate words with spaces. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Scripts written without spaces: each character is a word of its own here. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** An edge moves at most this far: farther, the match is not a word cut in two. */
const MAX_SHIFT = 24;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch) && !UNSPACED_SCRIPT.test(ch);
}

/**
 * `[start, end)` in `text` with each edge that cuts a word moved to that word's edge (taking
 * along the punctuation the quote ended with), when the quote's own edge did not cut a word
 * (`prefix`/`suffix` say what was next to it). An edge stays where it was when the word goes on
 * for more than MAX_SHIFT characters.
 */
export function snapToWords(
  text: string,
  start: number,
  end: number,
  quote: string,
  prefix: string,
  suffix: string,
): { start: number; end: number } {
  const cutsWord = (at: number) => isWordChar(text[at - 1]) && isWordChar(text[at]);
  let s = start;
  if (!(isWordChar(prefix.at(-1)) && isWordChar(quote[0])) && cutsWord(s)) {
    while (s > start - MAX_SHIFT && cutsWord(s)) s--;
    if (cutsWord(s)) s = start;
  }
  let e = end;
  const last = quote.at(-1);
  if (!(isWordChar(last) && isWordChar(suffix[0])) && cutsWord(e)) {
    while (e < end + MAX_SHIFT && cutsWord(e)) e++;
    if (cutsWord(e)) e = end;
    else if (last !== undefined && !isWordChar(last) && text[e] === last) e++;
  }
  return { start: s, end: e };
}

/** Context probes: this many characters of the context nearest the quote… */
const PROBE_LENGTH = 24;
/** …found with at most this share of errors (tight: a loose probe cuts quotes by chance). */
const PROBE_ERROR_RATE = 0.125;

/**
 * `[start, end)` of collapsed text `norm` cut where the selector's suffix (collapsed) begins
 * inside it, or its prefix ends inside it, as long as at least half of the match is left.
 */
export function trimToContext(
  norm: string,
  start: number,
  end: number,
  prefix: string,
  suffix: string,
): { start: number; end: number } {
  const minLength = (end - start) / 2;
  let e = end;
  const suffixProbe = suffix.slice(0, PROBE_LENGTH);
  if (suffixProbe.trim().length >= 8) {
    const from = start + 1;
    const found = approxSearch(
      norm.slice(from, end + suffixProbe.length),
      suffixProbe,
      Math.floor(suffixProbe.length * PROBE_ERROR_RATE),
    ).find((m) => from + m.start < end && from + m.start - start >= minLength);
    if (found) e = from + found.start;
  }
  let s = start;
  const prefixProbe = prefix.slice(-PROBE_LENGTH);
  if (prefixProbe.trim().length >= 8) {
    const from = Math.max(0, start - prefixProbe.length);
    const found = approxSearch(
      norm.slice(from, e - 1),
      prefixProbe,
      Math.floor(prefixProbe.length * PROBE_ERROR_RATE),
    )
      .filter((m) => from + m.end > start && e - (from + m.end) >= minLength)
      .at(-1);
    if (found) s = from + found.end;
  }
  return { start: s, end: e };
}
