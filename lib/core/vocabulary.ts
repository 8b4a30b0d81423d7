/**
 * The domain's closed vocabularies (DESIGN.md), with the labels people read. Shared by the
 * database enums, zod schemas, the UI and the export renderers, so a value is spelled once.
 */

export const ROLES = ["viewer", "reviewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  reviewer: "Reviewer",
  editor: "Editor",
  admin: "Admin",
};

export const ARTICLE_STATES = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "published",
  "retracted",
] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

export const ARTICLE_STATE_LABELS: Record<ArticleState, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  published: "Published",
  retracted: "Retracted",
};

export const CLAIM_STATUSES = ["open", "in_review", "resolved", "dismissed"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  open: "Unstarted",
  in_review: "In progress",
  resolved: "Resolved",
  dismissed: "Not check-worthy",
};

/** Best first. The rating value is the schema.org ClaimReview `ratingValue` (5 best, 1 worst). */
export const VERDICTS = [
  "accurate",
  "mostly_accurate",
  "misleading",
  "unsupported",
  "inaccurate",
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_INFO: Record<
  Verdict,
  { label: string; rating: 1 | 2 | 3 | 4 | 5; description: string }
> = {
  accurate: { label: "Accurate", rating: 5, description: "Supported by good evidence." },
  mostly_accurate: {
    label: "Mostly accurate",
    rating: 4,
    description: "Supported, with minor imprecision.",
  },
  misleading: { label: "Misleading", rating: 3, description: "Needs context to be fair." },
  unsupported: { label: "Unsupported", rating: 2, description: "No adequate evidence." },
  inaccurate: { label: "Inaccurate", rating: 1, description: "Contradicted by evidence." },
};

export const SEVERITIES = ["low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};

export const ANCHOR_STATES = ["exact", "moved", "changed", "orphaned"] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

/** How a claim's text was found in a revision, in words. */
export const ANCHOR_STATE_LABELS: Record<AnchorState, string> = {
  exact: "Same text, same place",
  moved: "Same text, moved",
  changed: "Wording changed",
  orphaned: "Orphaned (text not found)",
};

export const EVIDENCE_STANCES = ["supports", "contradicts", "mixed", "context"] as const;
export type EvidenceStance = (typeof EVIDENCE_STANCES)[number];

export const EVIDENCE_STANCE_LABELS: Record<EvidenceStance, string> = {
  supports: "Supports",
  contradicts: "Contradicts",
  mixed: "Mixed",
  context: "Context",
};

export const STUDY_DESIGNS = [
  "systematic_review_rct",
  "rct",
  "cohort",
  "case_control",
  "case_series",
  "mechanistic",
  "guideline",
  "expert_opinion",
  "other",
] as const;
export type StudyDesign = (typeof STUDY_DESIGNS)[number];

/**
 * Study designs with the Oxford CEBM (2011) level of evidence each implies for questions of
 * treatment benefit and harm: 1 is best. Clinical guidelines are graded as the systematic
 * reviews they rest on; "other" gets the lowest level, since nothing is known of its design.
 */
export const STUDY_DESIGN_INFO: Record<
  StudyDesign,
  { label: string; cebmLevel: 1 | 2 | 3 | 4 | 5 }
> = {
  systematic_review_rct: { label: "Systematic review of RCTs", cebmLevel: 1 },
  guideline: { label: "Clinical guideline", cebmLevel: 1 },
  rct: { label: "Randomised controlled trial", cebmLevel: 2 },
  cohort: { label: "Cohort study", cebmLevel: 3 },
  case_control: { label: "Case-control study", cebmLevel: 4 },
  case_series: { label: "Case series", cebmLevel: 4 },
  mechanistic: { label: "Mechanistic, animal or in-vitro study", cebmLevel: 5 },
  expert_opinion: { label: "Expert opinion", cebmLevel: 5 },
  other: { label: "Other", cebmLevel: 5 },
};

export const GRADE_CERTAINTIES = ["high", "moderate", "low", "very_low"] as const;
export type GradeCertainty = (typeof GRADE_CERTAINTIES)[number];

export const GRADE_CERTAINTY_LABELS: Record<GradeCertainty, string> = {
  high: "High",
  moderate: "Moderate",
  low: "Low",
  very_low: "Very low",
};

/** GRADE's five domains for rating the certainty of evidence down. */
export const GRADE_DOWNGRADE_REASONS = [
  "risk_of_bias",
  "inconsistency",
  "indirectness",
  "imprecision",
  "publication_bias",
] as const;
export type GradeDowngradeReason = (typeof GRADE_DOWNGRADE_REASONS)[number];

export const GRADE_DOWNGRADE_REASON_LABELS: Record<GradeDowngradeReason, string> = {
  risk_of_bias: "Risk of bias",
  inconsistency: "Inconsistency",
  indirectness: "Indirectness",
  imprecision: "Imprecision",
  publication_bias: "Publication bias",
};

/** What an audit event is about (`audit_events.entity_type`); the audit page filters by it. */
export const AUDIT_ENTITY_TYPES = [
  "user",
  "article",
  "revision",
  "claim",
  "evidence",
  "comment",
  "publication",
  "suggestion",
  "settings",
  "library_entry",
  "reference",
  "job",
  "tag",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/**
 * A claims-library entry's life: `current` is what the desk says now; `superseded` points to
 * the entry that replaced it (a merge, or a newer wording of the finding); `withdrawn` is no
 * longer said at all. Only current entries are offered as matches.
 */
export const LIBRARY_STATES = ["current", "superseded", "withdrawn"] as const;
export type LibraryState = (typeof LIBRARY_STATES)[number];

export const LIBRARY_STATE_LABELS: Record<LibraryState, string> = {
  current: "Current",
  superseded: "Superseded",
  withdrawn: "Withdrawn",
};

/**
 * Where an entry's verdict comes from: our own review, or another fact-checker's ClaimReview
 * (shown as "rated ‹X› by ‹publisher›", never as our verdict).
 */
export const LIBRARY_ORIGINS = ["internal", "external"] as const;
export type LibraryOrigin = (typeof LIBRARY_ORIGINS)[number];

/**
 * How a sentence or claim relates to a library entry: it makes the same claim (in any wording),
 * or it states the opposite — whose verdict is never carried over as it is.
 */
export const LIBRARY_RELATIONS = ["same", "opposite"] as const;
export type LibraryRelation = (typeof LIBRARY_RELATIONS)[number];

export const LIBRARY_RELATION_LABELS: Record<LibraryRelation, string> = {
  same: "Same claim",
  opposite: "States the opposite",
};
