import { describe, expect, it } from "vitest";
import { suggestDesign } from "../../lib/core/references/design";

describe("suggestDesign", () => {
  it.each([
    [["Journal Article", "Randomized Controlled Trial", "Research Support, Non-U.S. Gov't"], "rct"],
    [["Meta-Analysis", "Journal Article", "Review"], "systematic_review_rct"],
    [["Systematic Review"], "systematic_review_rct"],
    [["Practice Guideline"], "guideline"],
    [["Guideline", "Journal Article"], "guideline"],
    [["Case Reports", "Journal Article"], "case_series"],
    [["Observational Study"], "cohort"],
    [["Multicenter Study", "Observational Study"], "cohort"],
    [["Clinical Trial, Phase II"], "cohort"],
    [["Editorial"], "expert_opinion"],
  ])("%j → %s", (types, design) => {
    expect(suggestDesign(types)?.design).toBe(design);
  });

  it("lets the most specific type win, whatever the order", () => {
    expect(suggestDesign(["Randomized Controlled Trial", "Meta-Analysis"])).toEqual({
      design: "systematic_review_rct",
      because: "Meta-Analysis",
    });
    expect(suggestDesign(["Case Reports", "Randomized Controlled Trial"])?.design).toBe("rct");
  });

  it("reads types case-insensitively and says which one decided, as spelt", () => {
    expect(suggestDesign(["randomized controlled trial"])).toEqual({
      design: "rct",
      because: "randomized controlled trial",
    });
  });

  it("suggests nothing from types that say nothing about design", () => {
    expect(suggestDesign([])).toBeNull();
    expect(
      suggestDesign(["Journal Article", "Review", "Research Support, N.I.H., Extramural"]),
    ).toBeNull();
    expect(suggestDesign(["journal-article"])).toBeNull();
  });
});
