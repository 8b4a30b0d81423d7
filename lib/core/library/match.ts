/**
 * Matching an article against the claims library, the pure half (docs/library-matching.md):
 * which spans of the text are looked up (every sentence, and every claim's quote), and which of
 * the candidates the database found for a span the classifier keeps (`compareClaim`: the same
 * claim or its opposite, never a near miss). The database half, retrieval, is
 * `findLibraryCandidatesForTexts` in db/queries/library.ts.
 */
import { splitSentences } from "@/lib/core/detect/split";
import { HEALTH_TERMS } from "./health-terms";
import { tokenize } from "./normalize";
import { compareClaim } from "./relation";
import { toConcepts } from "./synonyms";

/** A span of the article's plain text to match: a sentence, or a claim's quote. */
export interface MatchSpan {
  start: number;
  end: number;
  text: string;
  /** The claim whose quote this is; null for a sentence. */
  claimId: string | null;
}

/** A library wording found for a span by retrieval. */
export interface SpanCandidate {
  entryId: string;
  phrasingId: string;
  phrasing: string;
}

/** A span the classifier says makes an entry's claim, or states its opposite. */
export interface SpanMatch extends MatchSpan {
  entryId: string;
  phrasingId: string;
  relation: "same" | "opposite";
  score: number;
  matchedTerms: string[];
  missingTerms: string[];
}

/**
 * What retrieval looks up for a span: its own words and, for each health term of the synonym
 * table it names, that term's other names ("jab" brings "vaccine", "ascorbic acid" brings
 * "vitamin C"), so that the database finds a wording that uses another name for the same thing.
 * The classifier still decides on the span's own text.
 */
export function retrievalText(text: string): string {
  const names = new Set<string>();
  for (const c of toConcepts(tokenize(text))) {
    for (const name of HEALTH_TERMS[c.term] ?? []) names.add(name);
  }
  return names.size === 0 ? text : `${text} ${[...names].join(" ")}`;
}

/** Longest span matched (a longer "sentence" is a paragraph the splitter could not break). */
export const MAX_SPAN_LENGTH = 2_000;

/**
 * The spans of `text` to match: its sentences, then the claims' quotes (a claim's quote that is
 * exactly a sentence is matched once, as the claim's). Spans over `MAX_SPAN_LENGTH` are left out.
 */
export function matchSpans(
  text: string,
  claims: readonly { claimId: string; start: number; end: number }[] = [],
): MatchSpan[] {
  const spans = new Map<string, MatchSpan>();
  for (const s of splitSentences(text)) {
    spans.set(`${s.start}:${s.end}`, { start: s.start, end: s.end, text: s.text, claimId: null });
  }
  for (const c of claims) {
    if (c.end <= c.start || c.end > text.length) continue;
    spans.set(`${c.start}:${c.end}`, {
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      claimId: c.claimId,
    });
  }
  return [...spans.values()]
    .filter((s) => s.text.trim().length > 0 && s.end - s.start <= MAX_SPAN_LENGTH)
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * For each span, the candidates the classifier accepts: the best wording per entry, with its
 * relation, score and the entry's terms found and missing. A sentence's match is left out when
 * a claim inside that sentence matches the same entry (the claim's, narrower, is the one to
 * show). In text order, the best first at each span.
 */
export function matchAgainstLibrary(
  spans: readonly MatchSpan[],
  candidates: readonly (readonly SpanCandidate[])[],
): SpanMatch[] {
  const found: SpanMatch[] = [];
  spans.forEach((span, i) => {
    const best = new Map<string, SpanMatch>();
    for (const c of candidates[i] ?? []) {
      const cmp = compareClaim(c.phrasing, span.text);
      if (cmp.relation === "unrelated") continue;
      const previous = best.get(c.entryId);
      if (previous && previous.score >= cmp.score) continue;
      best.set(c.entryId, {
        ...span,
        entryId: c.entryId,
        phrasingId: c.phrasingId,
        relation: cmp.relation,
        score: cmp.score,
        matchedTerms: cmp.matched,
        missingTerms: cmp.missing,
      });
    }
    found.push(...best.values());
  });
  const claimed = found.filter((m) => m.claimId !== null);
  return found
    .filter(
      (m) =>
        m.claimId !== null ||
        !claimed.some((c) => c.entryId === m.entryId && c.start >= m.start && c.end <= m.end),
    )
    .sort((a, b) => a.start - b.start || a.end - b.end || b.score - a.score);
}
