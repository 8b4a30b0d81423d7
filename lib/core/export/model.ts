/**
 * The one export model. Every export format is a renderer of this structure, and a publication
 * stores it frozen as its snapshot, so it holds only JSON values (dates as ISO strings) and
 * everything a reader needs: the document, its claims in reading order and their evidence.
 */
// Types only: this module stays pure (no database code is loaded through these imports).
import type { AnchorValues, ClaimRecord } from "@/lib/core/claims/shapes";
import type { DocRoot } from "@/lib/core/document/schema";
import { computeGrade, type GradeJudgements } from "@/lib/core/evidence/grade-assessment";
import type { EvidenceFields } from "@/lib/core/evidence/shapes";
import type { ChecklistCriterion, ChecklistRating } from "@/lib/core/evidence-vocabulary";
import {
  type AnchorState,
  type ClaimStatus,
  type GradeCertainty,
  type Severity,
  STUDY_DESIGN_INFO,
  type Verdict,
} from "@/lib/core/vocabulary";

export const EXPORT_MODEL_VERSION = 1;

export type ExportEvidence = EvidenceFields & {
  /** Oxford CEBM (2011) level derived from the study design: 1 is best. */
  cebmLevel: 1 | 2 | 3 | 4 | 5;
};

export interface ExportClaim {
  /** The claim's number in the workspace ("Claim 3"). */
  number: number;
  /**
   * Its note number in this export: the claim's number, so the CSV, the notes, the footnotes
   * and the `#claim-N` anchors say the same number as the workspace ("Claim 3" is note 3) and
   * stay the same from revision to revision. Notes are listed in reading order, so a deleted or
   * dismissed claim leaves a gap.
   */
  note: number;
  quote: { exact: string; prefix: string; suffix: string };
  /** Plain-text range in this revision; null when the claim could not be anchored. */
  position: { start: number; end: number } | null;
  anchorState: AnchorState;
  status: ClaimStatus;
  verdict: Verdict | null;
  /** True when the text changed after the verdict was given. */
  verdictStale: boolean;
  rationale: string;
  suggestedCorrection: string;
  severity: Severity;
  editorNote: string | null;
  reviewer: string | null;
  /** Who gave the current verdict and when (the last audited verdict change); null: no verdict. */
  verdictBy: ExportPerson | null;
  createdAt: string;
  updatedAt: string;
  evidence: ExportEvidence[];
  /**
   * GRADE for the claim's body of evidence, whose Summary of findings lists `evidence`: null
   * when the claim was not assessed; absent in snapshots frozen before it existed.
   */
  grade?: ExportGrade | null;
}

/** A claim's GRADE assessment as computed when the model was built (lib/core/evidence/grade-assessment.ts). */
export interface ExportGrade {
  /** Null when the evidence has no GRADE starting point (only guidelines, opinion…). */
  certainty: GradeCertainty | null;
  /** "Started High (randomised evidence); −1 risk of bias (serious) = Moderate" */
  explanation: string;
  /** Each judgement that rates down or up, with why: "risk of bias (serious)", −1, "…". */
  steps: { label: string; change: number; reason: string }[];
  /** Upgrades recorded but not counted, the floor or ceiling reached. */
  notes: string[];
}

/** A named person of the fact-check, as readers see them. */
export interface ExportPerson {
  name: string;
  /** Professional credentials as the person wrote them ("MD, nephrologist"); "" when none. */
  credentials: string;
  /** When they acted (gave the verdict; approved the revision). */
  at: string;
}

/** "Rita Reviewer, MD, nephrologist" (or the name alone when there are no credentials). */
export function personLabel(person: Pick<ExportPerson, "name" | "credentials">): string {
  const credentials = person.credentials.trim();
  return credentials ? `${person.name}, ${credentials}` : person.name;
}

/**
 * The medical reviewers of an export: those who gave the verdicts of its claims (stale ones
 * too: they are shown, marked), each once, with the date of their latest verdict, in order of
 * their first note. Older snapshots have no `verdictBy` and so no reviewers.
 */
export function medicalReviewers(model: Pick<ExportModel, "claims">): ExportPerson[] {
  const byName = new Map<string, ExportPerson>();
  for (const claim of model.claims) {
    const by = claim.verdict ? claim.verdictBy : null;
    if (!by) continue;
    const key = `${by.name}\u0000${by.credentials}`;
    const known = byName.get(key);
    if (!known || known.at < by.at) byName.set(key, known ? { ...known, at: by.at } : by);
  }
  return [...byName.values()];
}

export interface ExportModel {
  modelVersion: typeof EXPORT_MODEL_VERSION;
  /** `logoText`: the short text shown as the organization's logo (absent in older snapshots). */
  organization: { name: string; url: string | null; logoText?: string | null };
  /**
   * The public base URL at build time (`publicBaseUrl` in public-url.ts): every absolute URL of
   * the exports starts with it. Absent in snapshots frozen before it existed.
   */
  publicBaseUrl?: string | null;
  article: {
    slug: string;
    title: string;
    sourceUrl: string | null;
    originalAuthor: string | null;
    originalPublishedAt: string | null;
  };
  revision: {
    number: number;
    /** False when no revision is approved yet and the export shows the work in progress. */
    approved: boolean;
    approvedAt: string | null;
    approvedBy: string | null;
    /** The approver with credentials; absent in older snapshots. */
    approver?: ExportPerson | null;
    createdAt: string;
    /**
     * The editor's "reviewed, no claims needed" record: published as such. Absent from
     * snapshots frozen before it existed, so renderers read it as `?? null`.
     */
    noClaims?: NoClaimsRecord | null;
  };
  doc: DocRoot;
  plainText: string;
  claims: ExportClaim[];
  generatedAt: string;
  /**
   * The article's medical review dates (ISO days) when the model was built: a publication shows
   * them as of its publication. Absent in older snapshots.
   */
  reviewDates?: { lastReviewedOn: string | null; nextReviewDue: string | null } | null;
  /**
   * The article's HealthNewsReview.org checklist, present only when the workspace shows it on
   * public pages (`checklistPublic`) at build time; absent in older snapshots.
   */
  checklist?: ExportChecklistRow[] | null;
}

/** One rated criterion of the article checklist, as readers see it. */
export interface ExportChecklistRow {
  criterion: ChecklistCriterion;
  label: string;
  rating: ChecklistRating;
  ratingLabel: string;
  note: string;
}

export interface NoClaimsRecord {
  note: string;
  by: string | null;
  at: string;
}

/** What the loader reads from the database for one claim. */
export type ClaimSource = Pick<
  ClaimRecord,
  | "number"
  | "status"
  | "verdict"
  | "verdictStale"
  | "rationale"
  | "suggestedCorrection"
  | "severity"
  | "editorNote"
  | "createdAt"
  | "updatedAt"
> & {
  reviewer: string | null;
  /** Who last set the verdict (from the audit trail); null when unknown. */
  verdictBy?: { name: string; credentials: string; at: Date } | null;
  anchor: Pick<AnchorValues, "exact" | "prefix" | "suffix" | "start" | "end" | "state">;
  evidence: EvidenceFields[];
  /** Its GRADE judgements; null or absent when it has none. */
  grade?: GradeJudgements | null;
};

export interface ExportSource {
  organization: ExportModel["organization"];
  reviewDates?: ExportModel["reviewDates"];
  checklist?: ExportModel["checklist"];
  publicBaseUrl?: string | null;
  article: ExportModel["article"];
  revision: {
    number: number;
    doc: DocRoot;
    plainText: string;
    approvedAt: Date | null;
    approvedBy: string | null;
    approverCredentials?: string;
    createdAt: Date;
    noClaims?: { note: string; by: string | null; at: Date } | null;
  };
  claims: ClaimSource[];
  now: Date;
}

function exportGrade(evidence: EvidenceFields[], judgements: GradeJudgements): ExportGrade {
  const r = computeGrade(
    evidence.map((e) => e.studyDesign),
    judgements,
  );
  return {
    certainty: r.certainty,
    explanation: r.explanation,
    steps: r.steps.map((s) => ({ label: s.label, change: s.change, reason: s.reason })),
    notes: r.notes,
  };
}

/**
 * Builds the model. Dismissed claims (not check-worthy) are left out; the rest are listed in
 * reading order, unanchored ones last, each noted by its claim number.
 */
export function buildExportModel(source: ExportSource): ExportModel {
  const claims = source.claims
    .filter((c) => c.status !== "dismissed")
    .sort(
      (a, b) =>
        (a.anchor.start ?? Number.MAX_SAFE_INTEGER) - (b.anchor.start ?? Number.MAX_SAFE_INTEGER) ||
        a.number - b.number,
    )
    .map(
      (c): ExportClaim => ({
        number: c.number,
        note: c.number,
        quote: { exact: c.anchor.exact, prefix: c.anchor.prefix, suffix: c.anchor.suffix },
        position:
          c.anchor.start !== null && c.anchor.end !== null
            ? { start: c.anchor.start, end: c.anchor.end }
            : null,
        anchorState: c.anchor.state,
        status: c.status,
        verdict: c.verdict,
        verdictStale: c.verdictStale,
        rationale: c.rationale,
        suggestedCorrection: c.suggestedCorrection,
        severity: c.severity,
        editorNote: c.editorNote,
        reviewer: c.reviewer,
        verdictBy:
          c.verdict && c.verdictBy
            ? {
                name: c.verdictBy.name,
                credentials: c.verdictBy.credentials,
                at: c.verdictBy.at.toISOString(),
              }
            : null,
        createdAt: c.createdAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        // Field by field: the loader passes whole rows, and ids never reach an export.
        evidence: c.evidence.map((e) => ({
          title: e.title,
          authors: e.authors,
          publisher: e.publisher,
          year: e.year,
          url: e.url,
          doi: e.doi,
          pmid: e.pmid,
          excerpt: e.excerpt,
          stance: e.stance,
          studyDesign: e.studyDesign,
          cebmLevel: STUDY_DESIGN_INFO[e.studyDesign].cebmLevel,
          gradeCertainty: e.gradeCertainty,
          gradeDowngradeReasons: e.gradeDowngradeReasons,
        })),
        grade: c.grade ? exportGrade(c.evidence, c.grade) : null,
      }),
    );
  const { revision } = source;
  return {
    modelVersion: EXPORT_MODEL_VERSION,
    organization: source.organization,
    publicBaseUrl: source.publicBaseUrl ?? null,
    article: source.article,
    revision: {
      number: revision.number,
      approved: revision.approvedAt !== null,
      approvedAt: revision.approvedAt?.toISOString() ?? null,
      approvedBy: revision.approvedBy,
      approver:
        revision.approvedBy && revision.approvedAt
          ? {
              name: revision.approvedBy,
              credentials: revision.approverCredentials ?? "",
              at: revision.approvedAt.toISOString(),
            }
          : null,
      createdAt: revision.createdAt.toISOString(),
      noClaims: revision.noClaims
        ? { ...revision.noClaims, at: revision.noClaims.at.toISOString() }
        : null,
    },
    doc: revision.doc,
    plainText: revision.plainText,
    claims,
    generatedAt: source.now.toISOString(),
    reviewDates: source.reviewDates ?? null,
    checklist: source.checklist ?? null,
  };
}
