/**
 * Block places: whether a range of a new text sits in the same place *relative to the
 * document's blocks* as a range of the old text. This is what makes `exact` mean "same text,
 * same place" when a whole paragraph is cut and pasted elsewhere: its claims keep their quote
 * and their context (which moved with them), yet they are not where they were. Pure, no I/O.
 *
 * BLOCKS. The plain text puts "\n\n" between text blocks (lib/core/document/text-map.ts); a run of
 * two or more line breaks is taken as a block boundary here (a double hard break counts as one
 * too: harmless, both texts are split alike). Blocks are compared character for character:
 * collapsing their whitespace first cost ten times as much on a 1 MB text, and a block whose
 * spacing changed only counts as edited, which keeps the claims around it in place anyway.
 *
 * ALIGNMENT. The old and new blocks are aligned by a longest common subsequence of unchanged
 * blocks (counted in blocks, not characters: a long paragraph cut and pasted past two short
 * ones is the one that moved). Ties go to the earlier old blocks staying matched: of two
 * adjacent paragraphs swapped, the later one in the old text is the one that moved.
 *
 * IN PLACE. A range whose old block is `b` and new block is `b'` is in place when
 * - `b` is matched and matched to `b'`, or
 * - `b` is not matched (its block was edited or split) and `b'` is not matched to another old
 *   block, and the pair (b, b') crosses no matched pair: every matched old block before `b` is
 *   matched to a new block before `b'`, every one after `b` to one after `b'`.
 * So inserting, deleting or editing other blocks, or splitting the claim's own block, keeps a
 * claim in place; moving its block past unchanged ones does not.
 */
const BOUNDARY = /\n{2,}/g;
/**
 * When no block repeats between the unchanged head and tail, the alignment takes O(n log n)
 * (`alignUnique`); otherwise it is quadratic in those blocks. Above this many block pairs (a
 * 2,000-block text with repeated paragraphs, rewritten throughout) only the unchanged head and
 * tail are matched, and claims in between count as in place: the text-only rules then decide,
 * as they do without an old text.
 */
const MAX_CELLS = 4_000_000;

interface Blocks {
  /** Start offset of each block, ascending; the first is 0. */
  starts: number[];
  /** Each block's text as a small integer shared by both texts. */
  keys: number[];
}

function splitBlocks(text: string, ids: Map<string, number>): Blocks {
  const starts = [0];
  const keys: number[] = [];
  const key = (from: number, to: number) => {
    const k = text.slice(from, to);
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    keys.push(id);
  };
  for (const m of text.matchAll(BOUNDARY)) {
    key(starts[starts.length - 1] ?? 0, m.index);
    starts.push(m.index + m[0].length);
  }
  key(starts[starts.length - 1] ?? 0, text.length);
  return { starts, keys };
}

/** The block holding `offset` (an offset inside a boundary belongs to the next block). */
function blockAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * `match[i]`: the new block old block `i` is aligned to, or -1. Common head and tail first,
 * then a longest common subsequence of what lies between.
 */
function align(a: readonly number[], b: readonly number[]): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    match[head] = head;
    head++;
  }
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    match[a.length - 1 - tail] = b.length - 1 - tail;
    tail++;
  }
  // Of the middles, only blocks found on both sides can be matched: the others (edited,
  // inserted, deleted) are left out of the quadratic part, which changes no match.
  const inB = new Set(b.slice(head, b.length - tail));
  const inA = new Set(a.slice(head, a.length - tail));
  const oldIdx: number[] = [];
  for (let i = head; i < a.length - tail; i++) if (inB.has(a[i] ?? -1)) oldIdx.push(i);
  const newIdx: number[] = [];
  for (let j = head; j < b.length - tail; j++) if (inA.has(b[j] ?? -1)) newIdx.push(j);
  const n = oldIdx.length;
  const m = newIdx.length;
  if (n === 0 || m === 0) return match;
  const x = oldIdx.map((i) => a[i] ?? -1);
  const y = newIdx.map((j) => b[j] ?? -1);
  if (alignUnique(x, y, oldIdx, newIdx, match) || n * m > MAX_CELLS) return match;
  // lcs[i * (m + 1) + j]: the LCS length of x[i..] and y[j..].
  const w = m + 1;
  const lcs = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    const row = i * w;
    const next = row + w;
    const xi = x[i];
    for (let j = m - 1; j >= 0; j--) {
      if (xi === y[j]) lcs[row + j] = (lcs[next + j + 1] ?? 0) + 1;
      else {
        const down = lcs[next + j] ?? 0;
        const right = lcs[row + j + 1] ?? 0;
        lcs[row + j] = Math.max(down, right);
      }
    }
  }
  // Walk forwards; on a tie skip the new block, so the earlier old block can still be matched.
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j] && lcs[i * w + j] === (lcs[(i + 1) * w + j + 1] ?? 0) + 1) {
      match[oldIdx[i] ?? 0] = newIdx[j] ?? 0;
      i++;
      j++;
    } else if ((lcs[i * w + j + 1] ?? 0) >= (lcs[(i + 1) * w + j] ?? 0)) j++;
    else i++;
  }
  return match;
}

/**
 * The usual case, in O(n log n): when no block of the middles repeats, a longest common
 * subsequence is a longest increasing run of the old blocks' new positions, and the one the
 * quadratic walk picks (earlier old blocks first) is the one taking each old block, in order,
 * that can still start a longest run. Returns false, doing nothing, when some block repeats.
 */
function alignUnique(
  x: readonly number[],
  y: readonly number[],
  oldIdx: readonly number[],
  newIdx: readonly number[],
  match: Int32Array,
): boolean {
  const positionInY = new Map<number, number>();
  for (let j = 0; j < y.length; j++) {
    if (positionInY.has(y[j] ?? -1)) return false;
    positionInY.set(y[j] ?? -1, j);
  }
  const seen = new Set<number>();
  for (const v of x) {
    if (seen.has(v)) return false;
    seen.add(v);
  }
  const p = x.map((v) => positionInY.get(v) ?? -1);
  // longest[i]: the longest increasing run of p starting at i (patience sorting from the right,
  // on -p: a run read backwards is decreasing in p).
  const longest = new Int32Array(p.length);
  const tails: number[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const v = -(p[i] ?? 0);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    longest[i] = lo + 1;
  }
  let left = tails.length;
  let last = -1;
  for (let i = 0; i < p.length && left > 0; i++) {
    const at = p[i] ?? -1;
    if (longest[i] === left && at > last) {
      match[oldIdx[i] ?? 0] = newIdx[at] ?? 0;
      last = at;
      left--;
    }
  }
  return true;
}

/** The block alignment of an old and a new text, answering "is this range in place?". */
export class BlockPlaces {
  private readonly oldStarts: number[];
  private readonly newStarts: number[];
  private readonly match: Int32Array;
  /** `matchedNew[j]`: the old block new block `j` is aligned to, or -1. */
  private readonly matchedNew: Int32Array;
  /** For each old block, the new block of the nearest matched old block before it, or -1. */
  private readonly before: Int32Array;
  /** …and after it, or the number of new blocks. */
  private readonly after: Int32Array;

  constructor(oldText: string, newText: string) {
    const ids = new Map<string, number>();
    const oldBlocks = splitBlocks(oldText, ids);
    const newBlocks = splitBlocks(newText, ids);
    this.oldStarts = oldBlocks.starts;
    this.newStarts = newBlocks.starts;
    this.match = align(oldBlocks.keys, newBlocks.keys);
    const n = this.match.length;
    this.matchedNew = new Int32Array(newBlocks.keys.length).fill(-1);
    this.before = new Int32Array(n);
    this.after = new Int32Array(n);
    let last = -1;
    for (let i = 0; i < n; i++) {
      this.before[i] = last;
      const j = this.match[i] ?? -1;
      if (j >= 0) {
        this.matchedNew[j] = i;
        last = j;
      }
    }
    last = newBlocks.keys.length;
    for (let i = n - 1; i >= 0; i--) {
      this.after[i] = last;
      const j = this.match[i] ?? -1;
      if (j >= 0) last = j;
    }
  }

  /** Whether old offset `from` and new offset `to` are in the same place (see the top). */
  inPlace(from: number, to: number): boolean {
    const b = blockAt(this.oldStarts, from);
    const nb = blockAt(this.newStarts, to);
    const matched = this.match[b] ?? -1;
    if (matched >= 0) return matched === nb;
    if ((this.matchedNew[nb] ?? -1) >= 0) return false;
    return (this.before[b] ?? -1) < nb && nb < (this.after[b] ?? 0);
  }
}
