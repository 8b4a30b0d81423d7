import type {
  EvidenceStance,
  GradeCertainty,
  GradeDowngradeReason,
  StudyDesign,
} from "@/lib/core/vocabulary";

/** A piece of evidence's citation and grading, as stored (`db/queries/evidence.ts`). */
export type EvidenceFields = {
  title: string;
  authors: string;
  publisher: string;
  year: number | null;
  url: string | null;
  doi: string | null;
  pmid: string | null;
  excerpt: string;
  stance: EvidenceStance;
  studyDesign: StudyDesign;
  gradeCertainty: GradeCertainty | null;
  gradeDowngradeReasons: GradeDowngradeReason[];
};

/** An item's citation and grading, without its ids and bookkeeping: what a copy of it carries. */
export function evidenceFields(e: EvidenceFields): EvidenceFields {
  return {
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
    gradeCertainty: e.gradeCertainty,
    gradeDowngradeReasons: e.gradeDowngradeReasons,
  };
}
