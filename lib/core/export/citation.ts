import {
  EVIDENCE_STANCE_LABELS,
  type EvidenceStance,
  GRADE_CERTAINTY_LABELS,
  GRADE_DOWNGRADE_REASON_LABELS,
  type GradeCertainty,
  type GradeDowngradeReason,
  STUDY_DESIGN_INFO,
  type StudyDesign,
} from "@/lib/core/vocabulary";

/**
 * A citation's parts read as sentences ("Smith J, et al. Kidney Int. 2019"): each part ends
 * with one full stop. A part that already ends a sentence ("et al.", "Lancet?") gets no second
 * one, so no export says "et al..".
 */
const ENDS_SENTENCE = /[.?!…]["'”’)]*$/;

/** What goes between `previous` and the next part: ". ", or just " " after a full stop. */
export function sentenceGap(previous: string): string {
  return ENDS_SENTENCE.test(previous.trim()) ? " " : ". ";
}

/** The non-empty parts, trimmed, joined as sentences. */
export function joinSentences(parts: readonly (string | number | null | undefined)[]): string {
  let out = "";
  for (const part of parts) {
    const text = part === null || part === undefined ? "" : String(part).trim();
    if (!text) continue;
    out = out ? `${out}${sentenceGap(out)}${text}` : text;
  }
  return out;
}

/** The fields of an evidence item its citation line is made of. */
export interface CitedEvidence {
  authors: string;
  publisher: string;
  year: number | null;
  doi: string | null;
  pmid: string | null;
  stance: EvidenceStance;
  studyDesign: StudyDesign;
  /** The level as frozen in an export model; else the one the design implies. */
  cebmLevel?: number;
  gradeCertainty: GradeCertainty | null;
  gradeDowngradeReasons: readonly GradeDowngradeReason[];
}

/**
 * The words of an evidence item's citation line, the same in the workspace and every export;
 * each renderer only lays them out (links, separators, markup).
 */
export interface EvidenceLine {
  /** Authors, publisher and year, each present one trimmed ("Smith J, et al.", "BMJ", "2021"). */
  sourceParts: string[];
  /** The same parts as sentences: "Smith J, et al. BMJ. 2021" ("" when there are none). */
  source: string;
  /** "Contradicts" */
  stance: string;
  /** "Systematic review of RCTs" */
  design: string;
  /** "CEBM level 1": the Oxford CEBM level the study design implies. */
  level: string;
  /** "Moderate (rated down for imprecision)"; null when not rated. */
  grade: string | null;
  /** The item's identifiers, DOI first, each with the address it resolves at. */
  ids: EvidenceId[];
}

export interface EvidenceId {
  kind: "doi" | "pmid";
  /** "DOI", "PMID" */
  label: string;
  id: string;
  url: string;
}

/**
 * A GRADE rating in words: the certainty, then the reasons it was rated down, as GRADE names
 * them ("Low (rated down for risk of bias, imprecision)").
 */
export function gradeText(
  certainty: GradeCertainty,
  reasons: readonly GradeDowngradeReason[],
): string {
  const down =
    reasons.length > 0
      ? ` (rated down for ${reasons.map((r) => GRADE_DOWNGRADE_REASON_LABELS[r].toLowerCase()).join(", ")})`
      : "";
  return `${GRADE_CERTAINTY_LABELS[certainty]}${down}`;
}

export function evidenceLine(e: CitedEvidence): EvidenceLine {
  const sourceParts = [e.authors, e.publisher, e.year === null ? "" : String(e.year)]
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    sourceParts,
    source: joinSentences(sourceParts),
    stance: EVIDENCE_STANCE_LABELS[e.stance],
    design: STUDY_DESIGN_INFO[e.studyDesign].label,
    level: `CEBM level ${e.cebmLevel ?? STUDY_DESIGN_INFO[e.studyDesign].cebmLevel}`,
    grade: e.gradeCertainty ? gradeText(e.gradeCertainty, e.gradeDowngradeReasons) : null,
    ids: [
      ...(e.doi
        ? [{ kind: "doi", label: "DOI", id: e.doi, url: `https://doi.org/${e.doi}` } as const]
        : []),
      ...(e.pmid
        ? [
            {
              kind: "pmid",
              label: "PMID",
              id: e.pmid,
              url: `https://pubmed.ncbi.nlm.nih.gov/${e.pmid}/`,
            } as const,
          ]
        : []),
    ],
  };
}

/**
 * The line's facts as the exports list them, to be joined with " · ":
 * "Contradicts · Systematic review of RCTs · CEBM level 1 · GRADE certainty: Moderate (…)".
 */
export function evidenceFacts(line: EvidenceLine): string[] {
  return [
    line.stance,
    line.design,
    line.level,
    ...(line.grade ? [`GRADE certainty: ${line.grade}`] : []),
  ];
}
