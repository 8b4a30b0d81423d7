/**
 * The one export model. Every export format is a renderer of this structure, and a publication
 * stores it frozen as its snapshot, so it holds only JSON values (dates as ISO strings) and
 * everything a reader needs: the document, its claims in reading order and their evidence.
 */
// Types only: this module stays pure (no database code is loaded through these imports).
import type { AnchorValues, ClaimRow } from "@/db/queries/claims";
import type { EvidenceFields } from "@/db/queries/evidence";
import type { DocRoot } from "@/lib/document/schema";
import {
  type AnchorState,
  type ClaimStatus,
  type Severity,
  STUDY_DESIGN_INFO,
  type Verdict,
} from "@/lib/domain/vocabulary";

export const EXPORT_MODEL_VERSION = 1;

export type ExportEvidence = EvidenceFields & {
  /** Oxford CEBM (2011) level derived from the study design: 1 is best. */
  cebmLevel: 1 | 2 | 3 | 4 | 5;
};

export interface ExportClaim {
  /** The claim's number in the workspace ("Claim 3"). */
  number: number;
  /** Its note number in this export: 1, 2, 3… in reading order. */
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
  createdAt: string;
  updatedAt: string;
  evidence: ExportEvidence[];
}

export interface ExportModel {
  modelVersion: typeof EXPORT_MODEL_VERSION;
  organization: { name: string; url: string | null };
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
}

export interface NoClaimsRecord {
  note: string;
  by: string | null;
  at: string;
}

/** What the loader reads from the database for one claim. */
export type ClaimSource = Pick<
  ClaimRow,
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
  anchor: Pick<AnchorValues, "exact" | "prefix" | "suffix" | "start" | "end" | "state">;
  evidence: EvidenceFields[];
};

export interface ExportSource {
  organization: ExportModel["organization"];
  article: ExportModel["article"];
  revision: {
    number: number;
    doc: DocRoot;
    plainText: string;
    approvedAt: Date | null;
    approvedBy: string | null;
    createdAt: Date;
    noClaims?: { note: string; by: string | null; at: Date } | null;
  };
  claims: ClaimSource[];
  now: Date;
}

/**
 * Builds the model. Dismissed claims (not check-worthy) are left out; the rest are numbered in
 * reading order, unanchored ones last.
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
      (c, i): ExportClaim => ({
        number: c.number,
        note: i + 1,
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
      }),
    );
  const { revision } = source;
  return {
    modelVersion: EXPORT_MODEL_VERSION,
    organization: source.organization,
    article: source.article,
    revision: {
      number: revision.number,
      approved: revision.approvedAt !== null,
      approvedAt: revision.approvedAt?.toISOString() ?? null,
      approvedBy: revision.approvedBy,
      createdAt: revision.createdAt.toISOString(),
      noClaims: revision.noClaims
        ? { ...revision.noClaims, at: revision.noClaims.at.toISOString() }
        : null,
    },
    doc: revision.doc,
    plainText: revision.plainText,
    claims,
    generatedAt: source.now.toISOString(),
  };
}
