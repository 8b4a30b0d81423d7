/**
 * A whitespace-insensitive view of a text for the anchoring engine. Splitting or merging a
 * paragraph, re-wrapping a line or a non-breaking space does not change any words, so the
 * approximate search and the context comparison run on the text with every whitespace run
 * collapsed to one space, and map what they find back to offsets in the real text.
 */

const WHITESPACE_RUN = /\s+/g;

/** Whether a UTF-16 code unit is whitespace as the regular expression `\s` defines it. */
function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `text` with each run of whitespace (as `\s` defines it) replaced by one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, " ");
}

/** The collapsed text and the offset maps between it and the original. */
export class NormalizedText {
  /** The collapsed text. */
  readonly text: string;
  /** For each collapsed offset (and one past the end), the original offset it came from. */
  private readonly toRaw: Int32Array;

  constructor(readonly raw: string) {
    this.text = collapseWhitespace(raw);
    // One pass over character codes rather than a match object per whitespace run: a 1 MB
    // text has some 170,000 runs, and the garbage they made cost more than the rest.
    const toRaw = new Int32Array(this.text.length + 1);
    let norm = 0;
    let inRun = false;
    for (let r = 0; r < raw.length; r++) {
      const space = isWhitespace(raw.charCodeAt(r));
      if (!space || !inRun) toRaw[norm++] = r; // a run's one space stands for its first character
      inRun = space;
    }
    toRaw[norm] = raw.length;
    this.toRaw = toRaw;
  }

  /** The original range of collapsed `[start, end)`, `end > start`. */
  rawRange(start: number, end: number): { start: number; end: number } {
    return { start: this.toRaw[start] ?? 0, end: (this.toRaw[end - 1] ?? 0) + 1 };
  }

  /** The collapsed offset of original offset `raw` (of the run it is in, for whitespace). */
  fromRaw(raw: number): number {
    let lo = 0;
    let hi = this.toRaw.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.toRaw[mid] ?? 0) <= raw) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
