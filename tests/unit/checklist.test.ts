import { describe, expect, it } from "vitest";
import { CHECKLIST_CRITERIA } from "@/lib/core/evidence-vocabulary";
import {
  type ChecklistItems,
  checklistChanges,
  checklistCounts,
  checklistRows,
  checklistSummary,
} from "@/lib/core/review/checklist";

const all = (rating: "satisfactory" | "not_satisfactory" | "not_applicable"): ChecklistItems =>
  Object.fromEntries(CHECKLIST_CRITERIA.map((c) => [c, { rating, note: "" }]));

describe("checklistSummary", () => {
  it("counts satisfactory of all ten, then not applicable, then those not rated", () => {
    const items: ChecklistItems = {
      ...all("satisfactory"),
      costs: { rating: "not_applicable", note: "Free treatment." },
      harms: { rating: "not_satisfactory", note: "Says no side effects." },
    };
    delete items.novelty;
    expect(checklistSummary(items)).toBe("7 of 10 satisfactory, 1 not applicable, 1 not rated");
    expect(checklistCounts(items)).toEqual({
      satisfactory: 7,
      notSatisfactory: 1,
      notApplicable: 1,
      unrated: 1,
    });
    expect(checklistSummary({})).toBe("0 of 10 satisfactory, 10 not rated");
    expect(checklistSummary(all("satisfactory"))).toBe("10 of 10 satisfactory");
  });

  it("lists rated criteria in the criteria's order with their labels", () => {
    const rows = checklistRows({
      novelty: { rating: "satisfactory", note: "n" },
      costs: { rating: "not_applicable", note: "c" },
    });
    expect(rows.map((r) => [r.criterion, r.ratingLabel])).toEqual([
      ["costs", "Not applicable"],
      ["novelty", "Satisfactory"],
    ]);
    expect(rows[0]?.label).toBe("Does it discuss costs?");
  });
});

describe("checklistChanges", () => {
  it("names only the criteria whose rating or note changed, removed ones included", () => {
    const before: ChecklistItems = {
      costs: { rating: "satisfactory", note: "a" },
      harms: { rating: "satisfactory", note: "b" },
      novelty: { rating: "satisfactory", note: "c" },
    };
    const after: ChecklistItems = {
      costs: { rating: "satisfactory", note: "a" },
      harms: { rating: "not_satisfactory", note: "b" },
      alternatives: { rating: "not_applicable", note: "" },
    };
    expect(checklistChanges(before, after)).toEqual({
      before: { harms: before.harms, novelty: before.novelty },
      after: { harms: after.harms, alternatives: after.alternatives },
      changed: true,
    });
    expect(checklistChanges(before, before).changed).toBe(false);
  });
});
