/**
 * The annotation coordinate space. A revision's plain text is its document's text with
 * "\n\n" between text blocks (paragraphs, headings, list items' paragraphs) and "\n" for a hard
 * break; claim anchors are offsets into that string, in JavaScript string (UTF-16) units.
 *
 * The same function runs on the server (to store `plain_text` and describe selections) and in
 * the browser (to turn an editor selection into offsets and offsets into decorations), on the
 * same JSON, so both sides agree by construction. ProseMirror positions are computed from the
 * JSON by ProseMirror's own rules: a non-leaf node opens and closes with one token each, a text
 * node counts its UTF-16 length and a leaf inline node (hard break) counts one.
 */
import type { DocBlock, DocInline, DocListItem, DocRoot } from "./schema";

/** A run of plain text that exists in the document at ProseMirror position `pos`. */
export interface TextSegment {
  /** ProseMirror position of the run's first character. */
  pos: number;
  /** Offset of the run's first character in the plain text. */
  offset: number;
  /** Length of the run, in the plain text and in ProseMirror positions alike. */
  length: number;
}

export interface TextMap {
  text: string;
  /** Ordered by offset and by position. Separators between blocks are not segments. */
  segments: TextSegment[];
}

export const BLOCK_SEPARATOR = "\n\n";

/** Builds the plain text of a document and the map between its offsets and positions. */
export function buildTextMap(doc: DocRoot): TextMap {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let offset = 0;
  let pendingSeparator = false;

  const emit = (pos: number, text: string) => {
    if (pendingSeparator) {
      parts.push(BLOCK_SEPARATOR);
      offset += BLOCK_SEPARATOR.length;
      pendingSeparator = false;
    }
    parts.push(text);
    segments.push({ pos, offset, length: text.length });
    offset += text.length;
  };

  /** Walks inline content starting at `pos`; returns the position after it. */
  const walkInline = (content: DocInline[] | undefined, start: number): number => {
    let pos = start;
    for (const node of content ?? []) {
      if (node.type === "text") {
        emit(pos, node.text);
        pos += node.text.length;
      } else {
        emit(pos, "\n");
        pos += 1;
      }
    }
    return pos;
  };

  /** Walks a block whose opening token is at `pos`; returns the position after its closing token. */
  const walkBlock = (node: DocBlock | DocListItem, pos: number): number => {
    const contentStart = pos + 1;
    let end: number;
    if (node.type === "paragraph" || node.type === "heading") {
      end = walkInline(node.content, contentStart);
      // Only blocks that produced text are separated, so empty paragraphs add nothing.
      if (end > contentStart && segments.length > 0) pendingSeparator = true;
    } else {
      end = contentStart;
      for (const child of node.content as (DocBlock | DocListItem)[]) {
        end = walkBlock(child, end);
      }
    }
    return end + 1;
  };

  let pos = 0;
  for (const block of doc.content) pos = walkBlock(block, pos);
  return { text: parts.join(""), segments };
}

/** The plain text of a document: the coordinate space of its claims. */
export function docToPlainText(doc: DocRoot): string {
  return buildTextMap(doc).text;
}

/** Index of the last segment whose offset is ≤ `offset` (or -1). */
function segmentAtOffset(map: TextMap, offset: number): number {
  let lo = 0;
  let hi = map.segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((map.segments[mid] as TextSegment).offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The ProseMirror position of a plain-text offset. An offset inside a block separator maps to
 * the start of the next block for a range's start and to the end of the previous one for its
 * end, so a range never includes the structure between blocks.
 */
export function offsetToPos(map: TextMap, offset: number, side: "start" | "end"): number {
  const { segments } = map;
  if (segments.length === 0) return 1;
  const i = segmentAtOffset(map, offset);
  if (i < 0) return (segments[0] as TextSegment).pos;
  const seg = segments[i] as TextSegment;
  const within = offset - seg.offset;
  if (within < seg.length || (within === seg.length && side === "end")) return seg.pos + within;
  const next = segments[i + 1];
  if (side === "start" && next) return next.pos;
  return seg.pos + seg.length;
}

/**
 * The plain-text offset of a ProseMirror position. A position between blocks maps to the
 * start of the next text (or the end of the text when nothing follows).
 */
export function posToOffset(map: TextMap, pos: number): number {
  // The first segment ending at or after `pos` (segments are in document order, so their ends
  // grow): a binary search, not a walk over every segment of a long article on each selection.
  const { segments } = map;
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const seg = segments[mid] as TextSegment;
    if (seg.pos + seg.length < pos) lo = mid + 1;
    else hi = mid;
  }
  const seg = segments[lo];
  if (!seg) return map.text.length;
  return pos < seg.pos ? seg.offset : seg.offset + (pos - seg.pos);
}
