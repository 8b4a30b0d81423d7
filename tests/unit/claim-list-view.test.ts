import { describe, expect, it } from "vitest";
import {
  claimProgress,
  filterAndSort,
  type ListableClaim,
  NO_FILTER,
} from "@/lib/core/claims/list-view";

const claim = (number: number, over: Partial<ListableClaim> = {}): ListableClaim => ({
  number,
  status: "open",
  verdict: null,
  severity: "medium",
  assigneeId: null,
  updatedAt: new Date(2026, 0, number),
  anchor: { start: number * 10 },
  ...over,
});

const claims = [
  claim(1, { status: "resolved", verdict: "accurate", severity: "low", anchor: { start: 50 } }),
  claim(2, { status: "resolved", verdict: "inaccurate", severity: "high", assigneeId: "u1" }),
  claim(3, { status: "in_review", severity: "high", assigneeId: "u2", anchor: { start: null } }),
  claim(4, { status: "dismissed" }),
  claim(5, { status: "open", assigneeId: "u1", anchor: { start: 0 } }),
];
const numbers = (cs: ListableClaim[]) => cs.map((c) => c.number);

describe("claim list view", () => {
  it("sorts by position with unanchored claims last", () => {
    expect(numbers(filterAndSort(claims, NO_FILTER, "position"))).toEqual([5, 2, 4, 1, 3]);
  });

  it("sorts by severity, status, verdict and recency, ties by number", () => {
    expect(numbers(filterAndSort(claims, NO_FILTER, "severity"))).toEqual([2, 3, 4, 5, 1]);
    expect(numbers(filterAndSort(claims, NO_FILTER, "status"))).toEqual([5, 3, 1, 2, 4]);
    expect(numbers(filterAndSort(claims, NO_FILTER, "verdict"))).toEqual([2, 1, 3, 4, 5]);
    expect(numbers(filterAndSort(claims, NO_FILTER, "updated"))).toEqual([5, 4, 3, 2, 1]);
  });

  it("filters by status, verdict, severity and assignee, including none", () => {
    const f = (over: Partial<typeof NO_FILTER>) =>
      numbers(filterAndSort(claims, { ...NO_FILTER, ...over }, "number"));
    expect(f({ status: "resolved" })).toEqual([1, 2]);
    expect(f({ verdict: "none" })).toEqual([3, 4, 5]);
    expect(f({ verdict: "inaccurate" })).toEqual([2]);
    expect(f({ severity: "high" })).toEqual([2, 3]);
    expect(f({ assignee: "u1" })).toEqual([2, 5]);
    expect(f({ assignee: "none" })).toEqual([1, 4]);
    expect(f({ assignee: "u1", severity: "high" })).toEqual([2]);
  });

  it("counts per status and progress as resolved plus dismissed", () => {
    expect(claimProgress(claims)).toEqual({
      total: 5,
      byStatus: { open: 1, in_review: 1, resolved: 2, dismissed: 1 },
      done: 3,
      percent: 60,
    });
    expect(claimProgress([]).percent).toBe(0);
    expect(
      claimProgress([claim(1), claim(2, { status: "resolved", verdict: "accurate" })]).percent,
    ).toBe(50);
  });
});
