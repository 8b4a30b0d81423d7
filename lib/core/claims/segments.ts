/**
 * Cutting a text at claim boundaries: the one rule behind the editor's highlights, the revision
 * diff, the HTML rendering of a document and the exports' footnote and comment runs.
 *
 * Claims may overlap and nest. ProseMirror merges inline decorations that cover the same text
 * into one element (the last one's attributes win), and an HTML `<mark>` cannot half-overlap
 * another, so a claim nested in another would vanish. Instead the text is cut at every claim's
 * start and end; each piece names the claims covering it, innermost first: the shortest, and of
 * two as long the later listed (the one drawn on top, the one a click there means). Pure:
 * unit-tested without an editor.
 */

/** A claim's range in the plain text, end exclusive. */
export interface ClaimRange {
  from: number;
  to: number;
}

export interface ClaimCut<C extends ClaimRange> {
  from: number;
  to: number;
  /** Every claim covering the piece, innermost first; empty for text between claims. */
  covering: C[];
}

export interface ClaimBoundaries<C extends ClaimRange> {
  /** Every claim's start and end, sorted, each once. */
  cuts: number[];
  /** [from, to) cut at every boundary strictly inside it, in order (nothing when empty). */
  cut(from: number, to: number): ClaimCut<C>[];
}

/** Innermost first: the shorter claim, and of two as long the later listed. */
function innermostFirst<C extends ClaimRange>(claims: readonly C[], order: Map<C, number>) {
  return [...claims].sort(
    (a, b) => a.to - a.from - (b.to - b.from) || (order.get(b) ?? 0) - (order.get(a) ?? 0),
  );
}

/**
 * The boundaries of `claims` in one text, to cut it whole or run by run (a document's text
 * nodes). Empty and reversed ranges are ignored.
 */
export function claimBoundaries<C extends ClaimRange>(claims: readonly C[]): ClaimBoundaries<C> {
  const valid = claims.filter((c) => c.from < c.to);
  const order = new Map(valid.map((c, i) => [c, i]));
  const cuts = [...new Set(valid.flatMap((c) => [c.from, c.to]))].sort((a, b) => a - b);
  // The claims covering each interval [cuts[i], cuts[i + 1]), innermost first, by one sweep
  // over the claims in start order (a long text has many claims, few of them over each other).
  const byStart = [...valid].sort((a, b) => a.from - b.from);
  const covering: C[][] = [];
  let open: C[] = [];
  let added = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    if (open.some((c) => c.to <= from)) open = open.filter((c) => c.to > from);
    for (; added < byStart.length && (byStart[added] as C).from <= from; added++) {
      open.push(byStart[added] as C);
    }
    covering.push(open.length < 2 ? open.slice() : innermostFirst(open, order));
  }
  /** Index of the last cut at or before `offset`, or -1 (binary search). */
  const intervalAt = (offset: number) => {
    let lo = 0;
    let hi = cuts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((cuts[mid] as number) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  return {
    cuts,
    cut(from, to) {
      const pieces: ClaimCut<C>[] = [];
      let i = intervalAt(from);
      let at = from;
      while (at < to) {
        const next = Math.min(to, cuts[i + 1] ?? to);
        pieces.push({ from: at, to: next, covering: covering[i] ?? [] });
        at = next;
        i++;
      }
      return pieces;
    },
  };
}

export interface SegmentClaim extends ClaimRange {
  id: string;
  /** "Claim 3: Inaccurate". */
  label: string;
  /** "Claim 3". */
  name: string;
}

export interface ClaimSegment<C extends SegmentClaim> {
  from: number;
  to: number;
  /** The innermost claim covering the piece: the one a click or Enter opens. */
  claim: C;
  /** Every claim covering the piece, innermost first (`claim` is the first). */
  covering: C[];
}

/** The claimed pieces of a text, in order, for the editor's decorations. */
export function claimSegments<C extends SegmentClaim>(claims: C[]): ClaimSegment<C>[] {
  const { cuts, cut } = claimBoundaries(claims);
  const first = cuts[0];
  const last = cuts[cuts.length - 1];
  if (first === undefined || last === undefined) return [];
  return cut(first, last).flatMap(({ from, to, covering }) => {
    const claim = covering[0];
    return claim ? [{ from, to, claim, covering }] : [];
  });
}

/** What a screen reader hears for a piece: "Claim 3: Inaccurate, inside claim 2". */
export function segmentLabel(segment: ClaimSegment<SegmentClaim>): string {
  const around = segment.covering.slice(1).map((c) => c.name.toLowerCase());
  return around.length === 0
    ? segment.claim.label
    : `${segment.claim.label}, inside ${around.join(" and ")}`;
}
