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
