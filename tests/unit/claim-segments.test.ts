import { describe, expect, it } from "vitest";
import { claimSegments, type SegmentClaim, segmentLabel } from "@/lib/core/claims/segments";

const claim = (n: number, from: number, to: number): SegmentClaim => ({
  id: `c${n}`,
  from,
  to,
  label: `Claim ${n}: Unstarted`,
  name: `Claim ${n}`,
});

/** Each piece as "from-to:owner[covering]". */
const pieces = (claims: SegmentClaim[]) =>
  claimSegments(claims).map(
    (s) => `${s.from}-${s.to}:${s.claim.id}[${s.covering.map((c) => c.id).join(",")}]`,
  );

describe("claimSegments", () => {
  it("leaves separate claims whole", () => {
    expect(pieces([claim(1, 0, 5), claim(2, 10, 20)])).toEqual(["0-5:c1[c1]", "10-20:c2[c2]"]);
  });

  it("cuts an outer claim around a nested one, which owns its own text", () => {
    expect(pieces([claim(1, 0, 30), claim(2, 10, 20)])).toEqual([
      "0-10:c1[c1]",
      "10-20:c2[c2,c1]",
      "20-30:c1[c1]",
    ]);
  });

  it("gives the shared part of two crossing claims to the shorter one", () => {
    expect(pieces([claim(1, 0, 20), claim(2, 15, 25)])).toEqual([
      "0-15:c1[c1]",
      "15-20:c2[c2,c1]",
      "20-25:c2[c2]",
    ]);
  });

  it("puts the later of two claims on one range on top, and keeps both in covering", () => {
    expect(pieces([claim(1, 5, 9), claim(2, 5, 9)])).toEqual(["5-9:c2[c2,c1]"]);
  });

  it("nests three deep and ignores empty or reversed ranges", () => {
    expect(pieces([claim(1, 0, 12), claim(2, 2, 10), claim(3, 4, 6), claim(4, 8, 8)])).toEqual([
      "0-2:c1[c1]",
      "2-4:c2[c2,c1]",
      "4-6:c3[c3,c2,c1]",
      "6-10:c2[c2,c1]",
      "10-12:c1[c1]",
    ]);
    expect(pieces([claim(5, 9, 3)])).toEqual([]);
  });

  it("names the claims around a piece for screen readers", () => {
    const [outer, inner] = claimSegments([claim(1, 0, 30), claim(2, 10, 20), claim(3, 12, 18)]);
    expect(outer && segmentLabel(outer)).toBe("Claim 1: Unstarted");
    expect(inner && segmentLabel(inner)).toBe("Claim 2: Unstarted, inside claim 1");
    const innermost = claimSegments([claim(1, 0, 30), claim(2, 10, 20), claim(3, 12, 18)])[2];
    expect(innermost && segmentLabel(innermost)).toBe(
      "Claim 3: Unstarted, inside claim 2 and claim 1",
    );
  });
});
