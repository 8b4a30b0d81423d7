import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  dueStanding,
  dueWords,
  isIsoDay,
  nextReviewDue,
} from "@/lib/core/review/dates";

describe("addMonths", () => {
  it("keeps the day of the month when the target month has it", () => {
    expect(addMonths("2026-12-03", 12)).toBe("2027-12-03");
    expect(addMonths("2026-03-15", 1)).toBe("2026-04-15");
    expect(addMonths("2026-11-30", 2)).toBe("2027-01-30");
  });

  it("ends on the last day of a shorter month (31 January + 1 month is 28 or 29 February)", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2026-08-31", 1)).toBe("2026-09-30");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("crosses years both ways", () => {
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(addMonths("2026-06-01", 60)).toBe("2031-06-01");
  });

  it("refuses what is not a calendar day or a whole number of months", () => {
    expect(() => addMonths("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addMonths("03/12/2026", 1)).toThrow(RangeError);
    expect(() => addMonths("2026-01-01", 1.5)).toThrow(RangeError);
  });

  it("always gives a real day, never earlier than the start, in the right month", () => {
    const day = fc
      .date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), (start, months) => {
        const end = addMonths(start, months);
        expect(isIsoDay(end)).toBe(true);
        expect(daysBetween(start, end)).toBeGreaterThanOrEqual(0);
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        expect(monthIndex(end) - monthIndex(start)).toBe(months);
        expect(Number(end.slice(8))).toBeLessThanOrEqual(Number(start.slice(8)));
      }),
    );
  });
});

describe("isIsoDay", () => {
  it("knows month lengths and leap years", () => {
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("2000-02-29")).toBe(true);
    expect(isIsoDay("1900-02-29")).toBe(false);
    expect(isIsoDay("2026-13-01")).toBe(false);
    expect(isIsoDay("2026-04-31")).toBe(false);
    expect(isIsoDay("2026-4-3")).toBe(false);
  });
});

describe("days", () => {
  it("counts whole days across months and years", () => {
    expect(daysBetween("2026-12-03", "2026-12-03")).toBe(0);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2027-01-01", "2026-12-31")).toBe(-1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(addDays("2026-12-20", 30)).toBe("2027-01-19");
  });
});

describe("nextReviewDue", () => {
  it("counts from the last review with the article's own interval, else the workspace's", () => {
    expect(nextReviewDue("2026-12-03", null, 12)).toBe("2027-12-03");
    expect(nextReviewDue("2026-12-03", 6, 12)).toBe("2027-06-03");
    expect(nextReviewDue(null, 6, 12)).toBeNull();
  });
});

describe("dueStanding", () => {
  it("says how many days overdue, due soon within 30 days, or later", () => {
    expect(dueStanding("2026-11-30", "2026-12-03")).toEqual({ kind: "overdue", days: 3 });
    expect(dueStanding("2026-12-03", "2026-12-03")).toEqual({ kind: "due_soon", days: 0 });
    expect(dueStanding("2027-01-02", "2026-12-03")).toEqual({ kind: "due_soon", days: 30 });
    expect(dueStanding("2027-01-03", "2026-12-03")).toEqual({ kind: "later", days: 31 });
    expect(dueWords({ kind: "overdue", days: 1 })).toBe("1 day overdue");
    expect(dueWords({ kind: "overdue", days: 730 })).toBe("730 days overdue");
    expect(dueWords({ kind: "due_soon", days: 0 })).toBe("due today");
    expect(dueWords({ kind: "due_soon", days: 12 })).toBe("due in 12 days");
  });
});
