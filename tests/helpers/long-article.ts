/**
 * A long, deterministic, health-like article for the long-document tests and benches: the same
 * bytes on every run (no randomness), paragraphs of numbered sentences so that every sentence is
 * distinct, and one marker sentence in the middle for a test to find and select.
 */

const SUBJECTS = [
  "Stem cell therapy",
  "A diet low in sodium",
  "Daily vitamin D",
  "Regular walking",
  "The herbal tea",
  "Intermittent fasting",
  "The new statin",
  "Zinc supplements",
  "Cold-water swimming",
  "The clinic's infusion",
];
const CLAIMS = [
  "has no side effects in adults",
  "lowers blood pressure by 12% within a month",
  "is completely safe for children and the elderly",
  "was studied in a small trial of 48 patients",
  "may slow the progression of kidney damage",
  "is more effective than the standard treatment",
  "was linked to fewer hospital visits over twelve months",
  "needs no follow-up after the first visit",
];
const CONTEXTS = [
  "according to the clinic's leaflet",
  "the authors wrote in their conclusion",
  "in the words of the article's interviewee",
  "as the press release put it",
  "said a doctor quoted in the piece",
];

/** The sentence `generateLongArticle` puts in its middle paragraph. */
export const LONG_ARTICLE_MARKER = "Beetroot juice reverses arterial stiffness in every reader";

/** The `n`-th sentence of the article (0-based): a subject, a claim, a context, a number. */
function sentence(n: number): string {
  const subject = SUBJECTS[n % SUBJECTS.length];
  const claim = CLAIMS[Math.floor(n / SUBJECTS.length) % CLAIMS.length];
  const context = CONTEXTS[n % CONTEXTS.length];
  return `${subject} ${claim}, ${context} (note ${n + 1}).`;
}

/**
 * Plain text of about `bytes` UTF-8 bytes (never more): paragraphs of six sentences separated
 * by blank lines, the importer's paragraph break, with `LONG_ARTICLE_MARKER` in the middle one.
 */
export function generateLongArticle(bytes: number): string {
  const paragraphs: string[] = [];
  let size = 0;
  let n = 0;
  while (true) {
    const paragraph = Array.from({ length: 6 }, () => sentence(n++)).join(" ");
    if (size + paragraph.length + 2 > bytes - LONG_ARTICLE_MARKER.length - 4) break;
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  const middle = Math.floor(paragraphs.length / 2);
  paragraphs[middle] = `${LONG_ARTICLE_MARKER}. ${paragraphs[middle]}`;
  return paragraphs.join("\n\n");
}
