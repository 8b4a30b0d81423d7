import { describe, expect, it } from "vitest";
import { formatEvidenceSummary, summarizeEvidence } from "@/lib/core/evidence/summary";
import type { EvidenceStance, GradeCertainty, StudyDesign } from "@/lib/core/vocabulary";

const item = (
  stance: EvidenceStance,
  studyDesign: StudyDesign,
  gradeCertainty: GradeCertainty | null = null,
) => ({ stance, studyDesign, gradeCertainty });

describe("evidence summary", () => {
  it("is empty without evidence", () => {
    const summary = summarizeEvidence([]);
    expect(summary).toEqual({
      total: 0,
      byStance: { supports: 0, contradicts: 0, mixed: 0, context: 0 },
      bestLevel: null,
      graded: 0,
    });
    expect(formatEvidenceSummary(summary)).toBe("No evidence yet");
  });

  it("counts stances, takes the lowest CEBM level and counts GRADE-rated items", () => {
    const summary = summarizeEvidence([
      item("supports", "cohort", "low"),
      item("contradicts", "systematic_review_rct", "moderate"),
      item("supports", "expert_opinion"),
    ]);
    expect(summary).toEqual({
      total: 3,
      byStance: { supports: 2, contradicts: 1, mixed: 0, context: 0 },
      bestLevel: 1,
      graded: 2,
    });
    expect(formatEvidenceSummary(summary)).toBe(
      "2 supporting · 1 contradicting · best level 1 · 2 GRADE-rated",
    );
    expect(formatEvidenceSummary(summary, { compact: true })).toBe(
      "2 supporting · 1 contradicting · best level 1",
    );
  });

  it("names every stance in a stable order and leaves out the GRADE count at zero", () => {
    const summary = summarizeEvidence([
      item("context", "other"),
      item("mixed", "case_series"),
      item("contradicts", "rct"),
      item("supports", "mechanistic"),
    ]);
    expect(formatEvidenceSummary(summary)).toBe(
      "1 supporting · 1 contradicting · 1 mixed · 1 context · best level 2",
    );
  });

  it("reports the level of a single low-grade source", () => {
    expect(summarizeEvidence([item("mixed", "mechanistic")]).bestLevel).toBe(5);
  });
});
