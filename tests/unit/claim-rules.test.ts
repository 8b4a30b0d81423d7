import { describe, expect, it } from "vitest";
import { claimRuleErrors, VERDICTS_NEEDING_EVIDENCE } from "@/lib/core/claims/rules";
import { CLAIM_STATUSES, VERDICTS, type Verdict } from "@/lib/core/vocabulary";

const NO_VERDICT = "Choose a verdict before resolving the claim.";
const NEEDS_EVIDENCE = "This verdict needs at least one evidence item: add the source first.";

describe("claim rules", () => {
  it("names the verdicts that rest on evidence", () => {
    expect([...VERDICTS_NEEDING_EVIDENCE].sort()).toEqual([
      "accurate",
      "inaccurate",
      "mostly_accurate",
    ]);
  });

  it("refuses resolving without a verdict, and only that", () => {
    expect(claimRuleErrors({ status: "resolved", verdict: null, evidenceCount: 0 })).toEqual({
      verdict: [NO_VERDICT],
    });
    expect(claimRuleErrors({ status: "resolved", verdict: null, evidenceCount: 3 })).toEqual({
      verdict: [NO_VERDICT],
    });
    for (const status of CLAIM_STATUSES.filter((s) => s !== "resolved")) {
      expect(claimRuleErrors({ status, verdict: null, evidenceCount: 0 }), status).toEqual({});
    }
  });

  it.each(VERDICTS)(
    "checks the evidence a %s verdict needs, in every status",
    (verdict: Verdict) => {
      const needs = VERDICTS_NEEDING_EVIDENCE.includes(verdict);
      for (const status of CLAIM_STATUSES) {
        expect(claimRuleErrors({ status, verdict, evidenceCount: 0 }), status).toEqual(
          needs ? { verdict: [NEEDS_EVIDENCE] } : {},
        );
        expect(claimRuleErrors({ status, verdict, evidenceCount: 1 }), status).toEqual({});
      }
    },
  );

  it("lets unsupported and misleading be resolved without evidence", () => {
    expect(
      claimRuleErrors({ status: "resolved", verdict: "unsupported", evidenceCount: 0 }),
    ).toEqual({});
    expect(
      claimRuleErrors({ status: "resolved", verdict: "misleading", evidenceCount: 0 }),
    ).toEqual({});
  });
});
