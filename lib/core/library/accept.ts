/**
 * What a claim accepted from a library match starts with (issue 12): the entry's verdict only
 * when the sentence makes the same claim and the verdict is our own; for an opposite, or an
 * entry rated by another fact-checker, no verdict — the rationale says what the entry found, so
 * the reviewer decides. Pure.
 */
import {
  LIBRARY_RELATION_LABELS,
  type LibraryRelation,
  VERDICT_INFO,
  type Verdict,
} from "@/lib/core/vocabulary";

export interface EntryForPrefill {
  number: number;
  canonicalText: string;
  origin: "internal" | "external";
  verdict: Verdict | null;
  rationale: string;
  externalPublisher: string | null;
  externalRating: string | null;
  externalUrl: string | null;
}

/** The entry's short name for people and links: "K12". */
export const entryLabel = (number: number) => `K${number}`;

/** How the entry was rated, in words: our verdict, or "rated ‹X› by ‹publisher›". */
export function entryRatingInWords(entry: EntryForPrefill): string {
  if (entry.origin === "external") {
    return `rated “${entry.externalRating ?? "unrated"}” by ${entry.externalPublisher ?? "another publisher"}`;
  }
  return entry.verdict ? VERDICT_INFO[entry.verdict].label.toLowerCase() : "not yet rated";
}

export function prefillFromEntry(
  entry: EntryForPrefill,
  relation: LibraryRelation,
): { verdict: Verdict | null; rationale: string } {
  const head =
    relation === "same"
      ? `Known claim ${entryLabel(entry.number)} (${entryRatingInWords(entry)}): “${entry.canonicalText}”.`
      : `${LIBRARY_RELATION_LABELS.opposite} of known claim ${entryLabel(entry.number)} (${entryRatingInWords(entry)}): “${entry.canonicalText}”. Its verdict does not carry over: decide this one on its own.`;
  const source =
    entry.origin === "external" && entry.externalUrl ? ` Source: ${entry.externalUrl}` : "";
  const body = entry.origin === "internal" && entry.rationale ? `\n\n${entry.rationale}` : "";
  const verdict = relation === "same" && entry.origin === "internal" ? entry.verdict : null;
  return { verdict, rationale: `${head}${source}${body}`.slice(0, 20_000) };
}
