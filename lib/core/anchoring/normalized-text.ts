/**
 * A whitespace-insensitive view of a text for the anchoring engine. Splitting or merging a
 * paragraph, re-wrapping a line or a non-breaking space does not change any words, so the
 * approximate search and the context comparison run on the text with every whitespace run
 * collapsed to one space, and map what they find back to offsets in the real text.
 *
 * Most of a text's whitespace is already one plain space between words, which collapsing
 * leaves as it is. So only the other runs (two or more characters, or one that is not U+0020:
 * paragraph breaks, tabs, no-break spaces) are replaced, and the offset maps record just
 * those: a 1 MB article has ~170,000 word gaps but a few thousand such runs. A dense map (an
 * offset per character) cost 4 MB and a pass over every character per revision, and building
 * the collapsed text by replacing every gap made most of the engine's garbage.
 */

/** Runs that collapsing changes: two or more whitespace characters, or one other than " ". */
const CHANGED_RUN = /\s{2,}|[^\S ]/g;

/** `text` with each run of whitespace (as `\s` defines it) replaced by one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(CHANGED_RUN, " ");
}

/** Index of the last value of ascending `values` at or below `limit`; -1 if none. */
function lastAtOrBefore(values: Int32Array, limit: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) <= limit) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The collapsed text and the offset maps between it and the original. */
export class NormalizedText {
  /** The collapsed text. */
  readonly text: string;
  /**
   * For the k-th replaced run: its one space's offset in the collapsed text (`at`), and how
   * many characters the original had dropped before the character after that space
   * (`shiftAfter`: offsets past the run map back by adding it). Both ascending.
   */
  private readonly at: Int32Array;
  private readonly shiftAfter: Int32Array;
  /** The same runs in original offsets: where each starts, and where the text resumes. */
  private readonly rawStart: Int32Array;
  private readonly rawEnd: Int32Array;

  constructor(readonly raw: string) {
    const at: number[] = [];
    const shiftAfter: number[] = [];
    const rawStart: number[] = [];
    const rawEnd: number[] = [];
    let dropped = 0;
    this.text = raw.replace(CHANGED_RUN, (run: string, offset: number) => {
      at.push(offset - dropped);
      rawStart.push(offset);
      rawEnd.push(offset + run.length);
      dropped += run.length - 1;
      shiftAfter.push(dropped);
      return " ";
    });
    this.at = Int32Array.from(at);
    this.shiftAfter = Int32Array.from(shiftAfter);
    this.rawStart = Int32Array.from(rawStart);
    this.rawEnd = Int32Array.from(rawEnd);
  }

  /** The original offset of collapsed offset `norm` (a run's space: the run's first character). */
  private toRaw(norm: number): number {
    const k = lastAtOrBefore(this.at, norm);
    if (k < 0) return norm;
    if (this.at[k] === norm) return this.rawStart[k] ?? norm;
    return norm + (this.shiftAfter[k] ?? 0);
  }

  /** The original range of collapsed `[start, end)`, `end > start`. */
  rawRange(start: number, end: number): { start: number; end: number } {
    return { start: this.toRaw(start), end: this.toRaw(end - 1) + 1 };
  }

  /** The collapsed offset of original offset `raw` (of the run it is in, for whitespace). */
  fromRaw(raw: number): number {
    const k = lastAtOrBefore(this.rawStart, raw);
    if (k < 0) return Math.min(raw, this.text.length);
    if (raw < (this.rawEnd[k] ?? 0)) return this.at[k] ?? 0;
    return Math.min(raw - (this.shiftAfter[k] ?? 0), this.text.length);
  }
}
