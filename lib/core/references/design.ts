/**
 * The study design PubMed's publication types suggest, for the reviewer to confirm. PubMed tags a
 * record with several types ("Journal Article", "Randomized Controlled Trial", "Research Support,
 * Non-U.S. Gov't"); the most specific design wins, so a meta-analysis of trials that is also
 * tagged "Review" and "Randomized Controlled Trial" (it happens) is suggested as a systematic
 * review. Types that say nothing about design (funding, "Journal Article", "Review") suggest
 * nothing: the form then keeps whatever the reviewer chose.
 *
 * The types are NLM's MeSH publication types (https://www.nlm.nih.gov/mesh/pubtypes.html).
 */
import type { StudyDesign } from "@/lib/core/vocabulary";

/** Most specific first: the first rule with a type in the list decides. */
const RULES: { design: StudyDesign; types: string[] }[] = [
  {
    design: "systematic_review_rct",
    types: ["meta-analysis", "systematic review", "network meta-analysis"],
  },
  {
    design: "guideline",
    types: [
      "practice guideline",
      "guideline",
      "consensus development conference",
      "consensus development conference, nih",
    ],
  },
  {
    design: "rct",
    types: [
      "randomized controlled trial",
      "randomized controlled trial, veterinary",
      "pragmatic clinical trial",
      "equivalence trial",
      "adaptive clinical trial",
    ],
  },
  {
    design: "cohort",
    types: [
      "observational study",
      "cohort study",
      "cohort studies",
      "prospective studies",
      "longitudinal studies",
      "multicenter study",
      "controlled clinical trial",
      "clinical trial, phase iii",
      "clinical trial, phase iv",
      "clinical trial, phase ii",
      "clinical trial, phase i",
      "clinical trial",
      "observational study, veterinary",
      "twin study",
    ],
  },
  { design: "case_control", types: ["case-control studies", "case-control study"] },
  { design: "case_series", types: ["case reports", "clinical case report", "case series"] },
  {
    design: "expert_opinion",
    types: ["editorial", "comment", "letter", "expert opinion", "interview"],
  },
];

/** Human labels of the types that decided, for the "Suggested from PubMed: …" note. */
export interface DesignSuggestion {
  design: StudyDesign;
  /** The publication type that decided, as PubMed spells it. */
  because: string;
}

/** The design the publication types suggest, with the type that decided; null: no hint. */
export function suggestDesign(publicationTypes: readonly string[]): DesignSuggestion | null {
  const byLower = new Map(publicationTypes.map((t) => [t.trim().toLowerCase(), t.trim()]));
  for (const rule of RULES) {
    for (const type of rule.types) {
      const original = byLower.get(type);
      if (original) return { design: rule.design, because: original };
    }
  }
  return null;
}
