/**
 * The words of issue 13's evidence work — the retraction watch's flags, where references come
 * from, GRADE for a body of evidence and the article checklist — apart from vocabulary.ts, which
 * the review page's first load carries: none of these is read there (docs/figures.md).
 */
/**
 * What the retraction watch (docs/evidence.md) found about a cited reference, worst first: a
 * notice from Crossref (which carries Retraction Watch's data) or a PubMed publication type.
 */
export const REFERENCE_FLAGS = [
  "retracted",
  "withdrawn",
  "expression_of_concern",
  "corrected",
] as const;
export type ReferenceFlag = (typeof REFERENCE_FLAGS)[number];

export const REFERENCE_FLAG_LABELS: Record<ReferenceFlag, string> = {
  retracted: "Retracted",
  withdrawn: "Withdrawn",
  expression_of_concern: "Expression of concern",
  corrected: "Corrected",
};

/** Where a reference's metadata came from. */
export const REFERENCE_SOURCES = ["manual", "crossref", "pubmed", "import"] as const;
export type ReferenceSource = (typeof REFERENCE_SOURCES)[number];

/** How serious a concern in one of GRADE's five domains is, for a claim's body of evidence. */
export const GRADE_CONCERN_LEVELS = ["not_serious", "serious", "very_serious"] as const;
export type GradeConcernLevel = (typeof GRADE_CONCERN_LEVELS)[number];

export const GRADE_CONCERN_LABELS: Record<GradeConcernLevel, string> = {
  not_serious: "Not serious",
  serious: "Serious",
  very_serious: "Very serious",
};

/** GRADE's three reasons for rating observational evidence up. */
export const GRADE_UPGRADE_REASONS = [
  "large_effect",
  "dose_response",
  "plausible_confounding",
] as const;
export type GradeUpgradeReason = (typeof GRADE_UPGRADE_REASONS)[number];

export const GRADE_UPGRADE_REASON_LABELS: Record<GradeUpgradeReason, string> = {
  large_effect: "Large effect",
  dose_response: "Dose-response gradient",
  plausible_confounding: "Plausible confounding would reduce the effect",
};

/** HealthNewsReview.org's ten criteria for a story about a treatment, test or product. */
export const CHECKLIST_CRITERIA = [
  "costs",
  "benefits_quantified",
  "harms",
  "evidence_quality",
  "disease_mongering",
  "independent_sources",
  "alternatives",
  "availability",
  "novelty",
  "beyond_news_release",
] as const;
export type ChecklistCriterion = (typeof CHECKLIST_CRITERIA)[number];

export const CHECKLIST_CRITERION_LABELS: Record<ChecklistCriterion, string> = {
  costs: "Does it discuss costs?",
  benefits_quantified: "Does it quantify the benefits?",
  harms: "Does it explain the harms?",
  evidence_quality: "Does it grasp the quality of the evidence?",
  disease_mongering: "Does it avoid disease-mongering?",
  independent_sources: "Does it use independent sources and identify conflicts of interest?",
  alternatives: "Does it compare the new approach with alternatives?",
  availability: "Does it establish the availability of the treatment, test or product?",
  novelty: "Does it establish whether the approach is truly novel?",
  beyond_news_release: "Does it go beyond a news release?",
};

export const CHECKLIST_RATINGS = ["satisfactory", "not_satisfactory", "not_applicable"] as const;
export type ChecklistRating = (typeof CHECKLIST_RATINGS)[number];

export const CHECKLIST_RATING_LABELS: Record<ChecklistRating, string> = {
  satisfactory: "Satisfactory",
  not_satisfactory: "Not satisfactory",
  not_applicable: "Not applicable",
};
