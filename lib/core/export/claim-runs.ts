/**
 * Walks a document's inline nodes with its claims, for renderers that write the text run by run
 * (Markdown footnote markers, Word comment ranges). Each inline node is cut where a claim starts
 * or ends (by `claimBoundaries`, the rule the editor draws by); each piece says which claims start
 * before it and end after it.
 *
 * A claim's range is snapped to text that exists: a range that begins or ends on a block
 * separator ("\n\n") starts at the next piece of text and ends after the previous one, so a
 * marker never lands between blocks. A claim covering no text at all is "unplaced", like an
 * orphaned one.
 */
import { type ClaimRange, claimBoundaries } from "@/lib/core/claims/segments";
import type { DocInline, DocRoot } from "@/lib/core/document/schema";
import { buildTextMap, type TextSegment } from "@/lib/core/document/text-map";
import type { ExportClaim } from "./model";

export interface ClaimPiece {
  /** The piece's text ("\n" for a hard break). */
  text: string;
  /** Claims whose range begins at this piece, in note order. */
  starts: ExportClaim[];
  /** Claims whose range ends with this piece, in note order. */
  ends: ExportClaim[];
}

export interface ClaimRuns {
  /** The pieces of the next inline node; call once per inline node, in document order. */
  next(node: DocInline): ClaimPiece[];
  /** Claims that cover no text of this document (orphaned ones included), in note order. */
  unplaced: ExportClaim[];
}

function push(map: Map<number, ExportClaim[]>, key: number, claim: ExportClaim) {
  const list = map.get(key);
  if (list) list.push(claim);
  else map.set(key, [claim]);
}

export function claimRuns(doc: DocRoot, claims: readonly ExportClaim[]): ClaimRuns {
  const { segments } = buildTextMap(doc);
  const starts = new Map<number, ExportClaim[]>();
  const ends = new Map<number, ExportClaim[]>();
  const unplaced: ExportClaim[] = [];
  const placed: ClaimRange[] = [];

  /** Index of the first segment ending after `offset` (binary search: segments are sorted). */
  const firstEndingAfter = (offset: number) => {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid] as TextSegment;
      if (s.offset + s.length > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  for (const claim of [...claims].sort((a, b) => a.note - b.note)) {
    const range = claim.position;
    const first = range ? segments[firstEndingAfter(range.start)] : undefined;
    const lastIndex = range ? firstEndingAfter(range.end - 1) : -1;
    // The last segment that begins before the range ends.
    let last = segments[lastIndex];
    if (range && last && last.offset >= range.end) last = segments[lastIndex - 1];
    if (!range || !first || !last) {
      unplaced.push(claim);
      continue;
    }
    const start = Math.max(range.start, first.offset);
    const end = Math.min(range.end, last.offset + last.length);
    if (start >= end) {
      unplaced.push(claim);
      continue;
    }
    push(starts, start, claim);
    push(ends, end, claim);
    placed.push({ from: start, to: end });
  }
  const { cut } = claimBoundaries(placed);
  let segmentIndex = 0;

  return {
    unplaced,
    next(node) {
      const seg = segments[segmentIndex++];
      if (!seg) throw new Error("claimRuns: more inline nodes than the document has");
      const text = node.type === "text" ? node.text : "\n";
      const from = seg.offset;
      return cut(from, from + seg.length).map(({ from: a, to: b }) => ({
        text: text.slice(a - from, b - from),
        starts: starts.get(a) ?? [],
        ends: ends.get(b) ?? [],
      }));
    },
  };
}
