/**
 * The large article of the export and public-page benchmarks (the target size: 1,000 claims and
 * 3,000 evidence items): one paragraph of four sentences per claim (~60 words, ~60,000 in all), each
 * claim on the paragraph's second sentence, three evidence items each.
 */
export const CLAIMS = 1_000;
export const EVIDENCE_PER_CLAIM = 3;

const SENTENCES = [
  "Stem cell therapy has been proposed for chronic kidney disease in several small trials.",
  "The clinic states that the procedure has no side effects and needs no follow-up.",
  "Dialysis remains the standard of care for end-stage renal failure in most countries.",
  "The authors conclude that the therapy is completely safe for children and the elderly.",
];

/** The claimed sentence, once per paragraph. */
export const QUOTE = SENTENCES[1] as string;

export const LARGE_ARTICLE_TEXT = Array.from({ length: CLAIMS }, (_, p) =>
  SENTENCES.map((s, i) => `${s} (section ${p + 1}.${i + 1})`).join(" "),
).join("\n\n");

/** Evidence item `e` of claim `n` (both from 0): the citation fields every renderer shows. */
export function sampleEvidence(n: number, e: number) {
  return {
    title: `Adverse events of stem cell therapy: review ${n + 1}.${e + 1}`,
    authors: "Smith J, Chen L, Okafor N",
    publisher: "BMJ",
    year: 2021,
    url: "https://bmj.example/review",
    doi: `10.1000/xyz.${n}.${e}`,
    pmid: "31978945",
    excerpt: "Rejection occurred in 12% of recipients; two developed tumours.",
    studyDesign: "systematic_review_rct" as const,
    gradeCertainty: "moderate" as const,
    gradeDowngradeReasons: ["imprecision" as const],
  };
}
