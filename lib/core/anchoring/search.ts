/**
 * Where a quote could be: the candidate generators of the anchoring engine, from cheap to dear.
 * Exact occurrences come from `indexOf` (Boyer–Moore in V8: a miss over 1 MB costs tens of
 * microseconds). Approximate ones come from Myers' bit-parallel matcher (`approx-string-match`),
 * which costs about 10–40 ms per quote over 1 MB, so it runs on a window around the expected
 * position, and over a large text only where exact pieces of the quote occur ("filter, then
 * verify").
 */
import approxSearch from "approx-string-match";

/** A place in a text with the edit distance between it and the quote. */
export interface Occurrence {
  start: number;
  end: number;
  errors: number;
}

/** The occurrences of `quote` in `text[from, to)`, in order; at most `limit` of them. */
export function exactOccurrences(
  text: string,
  quote: string,
  from = 0,
  to = text.length,
  limit = Number.POSITIVE_INFINITY,
) {
  const start = Math.max(0, from);
  // A bounded search runs on a slice (a view in V8, not a copy): `indexOf` has no end bound
  // and would otherwise read on to the end of the text when the quote is not in the window.
  const window = to < text.length ? text.slice(start, to) : text;
  const base = window === text ? 0 : start;
  const found: Occurrence[] = [];
  for (
    let at = window.indexOf(quote, start - base);
    at >= 0 && found.length < limit;
    at = window.indexOf(quote, at + 1)
  ) {
    found.push({ start: base + at, end: base + at + quote.length, errors: 0 });
  }
  return found;
}

/**
 * Approximate matches of `quote` in `text[from, to)`, in `text`'s offsets: its exact
 * occurrences, and the best other matches (least errors, at most `maxErrors`). Myers' matcher
 * reports only the matches with the fewest errors, so an exact repeat of a quote would hide the
 * reworded original next to it; exact occurrences are therefore found first and blanked out of
 * the copy the matcher reads.
 */
export function approximateMatches(
  text: string,
  quote: string,
  maxErrors: number,
  from = 0,
  to = text.length,
): Occurrence[] {
  const start = Math.max(0, from);
  let window = text.slice(start, Math.min(text.length, to));
  const exact = exactOccurrences(window, quote);
  if (exact.length > 0) {
    const blank = "\u0000".repeat(quote.length);
    const parts: string[] = [];
    let copied = 0;
    for (const o of exact) {
      if (o.start < copied) continue; // overlaps the previous one, already blanked in part
      parts.push(window.slice(copied, o.start), blank);
      copied = o.end;
    }
    parts.push(window.slice(copied));
    window = parts.join("");
  }
  return [...exact, ...longestOfOverlapping(approxSearch(window, quote, maxErrors))].map((m) => ({
    start: m.start + start,
    end: m.end + start,
    errors: m.errors,
  }));
}

/**
 * One match per group of overlapping ones. Myers' matcher reports every end position that
 * reaches the least error count, often dozens around one place (each a slightly different
 * alignment of the same text); the longest stands for its group, and trimToContext
 * (boundaries.ts) later cuts any overshoot.
 */
function longestOfOverlapping(matches: Occurrence[]): Occurrence[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Occurrence[] = [];
  for (const m of sorted) {
    const last = kept.at(-1);
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) kept[kept.length - 1] = m;
    } else {
      kept.push(m);
    }
  }
  return kept;
}

/** Length of the exact pieces the large-text filter looks for. */
const PIECE_LENGTH = 12;
/** At most this many pieces per quote are looked for. */
const MAX_PIECES = 16;
/** A piece found more often than this says little about where the quote is, and is dropped. */
const MAX_PIECE_HITS = 24;
/** Only the best-supported places are verified with the approximate matcher. */
const MAX_REGIONS = 4;

/**
 * Approximate matches of `quote` in a large `text`, looked for only around places where one of
 * its pieces of PIECE_LENGTH characters occurs exactly (at most MAX_PIECES pieces spread over
 * the quote). Lossy by design: a quote with an edit in every piece is missed, but such a quote
 * (an edit at least every 12 characters) is too reworded to be found with confidence anyway.
 */
export function filteredApproximateMatches(
  text: string,
  quote: string,
  maxErrors: number,
): Occurrence[] {
  const pieceCount = Math.min(MAX_PIECES, Math.floor(quote.length / PIECE_LENGTH));
  if (pieceCount === 0) return approximateMatches(text, quote, maxErrors);
  const stride = quote.length / pieceCount;
  // Where each piece's hit says the quote would start, with the piece that said it.
  const votes: { start: number; piece: number }[] = [];
  for (let index = 0; index < pieceCount; index++) {
    const offset = Math.floor(index * stride);
    const piece = quote.slice(offset, offset + PIECE_LENGTH);
    const hits = exactOccurrences(text, piece, 0, text.length, MAX_PIECE_HITS + 1);
    if (hits.length > MAX_PIECE_HITS) continue;
    for (const hit of hits) votes.push({ start: hit.start - offset, piece: index });
  }
  votes.sort((a, b) => a.start - b.start);
  // Votes within the error budget of each other point at the same place.
  const regions: { from: number; to: number; pieces: Set<number> }[] = [];
  for (const vote of votes) {
    const region = regions.at(-1);
    if (region && vote.start - region.to <= maxErrors + PIECE_LENGTH) {
      region.to = vote.start;
      region.pieces.add(vote.piece);
    } else {
      regions.push({ from: vote.start, to: vote.start, pieces: new Set([vote.piece]) });
    }
  }
  regions.sort((a, b) => b.pieces.size - a.pieces.size);
  return regions
    .slice(0, MAX_REGIONS)
    .flatMap((r) =>
      approximateMatches(
        text,
        quote,
        maxErrors,
        r.from - maxErrors - PIECE_LENGTH,
        r.to + quote.length + maxErrors + PIECE_LENGTH,
      ),
    );
}
