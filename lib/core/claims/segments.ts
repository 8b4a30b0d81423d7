/**
 * Overlapping and nested claims, cut into pieces that do not overlap. ProseMirror merges
 * inline decorations that cover the same text into one element (the last one's attributes
 * win), so a claim nested in another would vanish. Instead the text is cut at every claim's
 * start and end; each piece belongs to the shortest claim covering it (the one a click there
 * means) and names the others around it. Pure: unit-tested without an editor.
 */

export interface SegmentClaim {
  id: string;
  from: number;
  to: number;
  /** "Claim 3: Inaccurate". */
  label: string;
  /** "Claim 3". */
  name: string;
}

export interface ClaimSegment<C extends SegmentClaim> {
  from: number;
  to: number;
  /** The shortest claim covering the piece: the one a click or Enter opens. */
  claim: C;
  /** Every claim covering the piece, shortest first (`claim` is the first). */
  covering: C[];
}

/** Pieces in document order. Empty and out-of-order ranges are ignored. */
export function claimSegments<C extends SegmentClaim>(claims: C[]): ClaimSegment<C>[] {
  const valid = claims.filter((c) => c.from < c.to);
  const cuts = [...new Set(valid.flatMap((c) => [c.from, c.to]))].sort((a, b) => a - b);
  const segments: ClaimSegment<C>[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    const covering = valid
      .filter((c) => c.from <= from && c.to >= to)
      // Shortest first; of two equal ranges, the later claim (listed later) is on top.
      .map((c, index) => ({ c, index }))
      .sort((a, b) => a.c.to - a.c.from - (b.c.to - b.c.from) || b.index - a.index)
      .map(({ c }) => c);
    const claim = covering[0];
    if (claim) segments.push({ from, to, claim, covering });
  }
  return segments;
}

/** What a screen reader hears for a piece: "Claim 3: Inaccurate, inside claim 2". */
export function segmentLabel(segment: ClaimSegment<SegmentClaim>): string {
  const around = segment.covering.slice(1).map((c) => c.name.toLowerCase());
  return around.length === 0
    ? segment.claim.label
    : `${segment.claim.label}, inside ${around.join(" and ")}`;
}
