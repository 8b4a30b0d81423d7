/**
 * The evidence form's values and their conversions, apart from the form itself: the evidence
 * list imports these on the review page's first load, while the form (and its look-up) loads
 * only when someone opens it (React.lazy in evidence-section.tsx).
 */
import type {
  EvidenceStance,
  GradeCertainty,
  GradeDowngradeReason,
  StudyDesign,
} from "@/lib/core/vocabulary";
import type { ReviewClaim } from "@/lib/services/articles/read";

export type EvidenceItem = ReviewClaim["evidence"][number];

/** What the form holds: text as typed, "" for a choice not made yet. */
export interface EvidenceFormValues {
  title: string;
  authors: string;
  publisher: string;
  year: string;
  url: string;
  doi: string;
  pmid: string;
  excerpt: string;
  stance: EvidenceStance | "";
  studyDesign: StudyDesign | "";
  gradeCertainty: GradeCertainty | "";
  gradeDowngradeReasons: GradeDowngradeReason[];
}

// Stance and design start unchosen: a default design would grade a source by accident.
export const EMPTY_EVIDENCE: EvidenceFormValues = {
  title: "",
  authors: "",
  publisher: "",
  year: "",
  url: "",
  doi: "",
  pmid: "",
  excerpt: "",
  stance: "",
  studyDesign: "",
  gradeCertainty: "",
  gradeDowngradeReasons: [],
};

export function evidenceFormOf(item: EvidenceItem): EvidenceFormValues {
  return {
    title: item.title,
    authors: item.authors,
    publisher: item.publisher,
    year: item.year === null ? "" : String(item.year),
    url: item.url ?? "",
    doi: item.doi ?? "",
    pmid: item.pmid ?? "",
    excerpt: item.excerpt,
    stance: item.stance,
    studyDesign: item.studyDesign,
    gradeCertainty: item.gradeCertainty ?? "",
    gradeDowngradeReasons: [...item.gradeDowngradeReasons],
  };
}

/** The action's input: the server parses and checks it (the year is sent as typed). */
export const evidenceInputOf = (v: EvidenceFormValues) => ({
  ...v,
  gradeCertainty: v.gradeCertainty === "" ? null : v.gradeCertainty,
});
