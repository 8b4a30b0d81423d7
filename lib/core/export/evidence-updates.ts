/**
 * A publication's "Evidence update" notices (the retraction watch's, publication_notices): read
 * beside the frozen snapshot, never inside it, and shown dated above the article in the public
 * page and the HTML and Markdown downloads: "Update 3 December 2026: a study cited for claim 2
 * (…) was retracted on 6 February 2010 (Crossref, Retraction Watch)." Pure.
 */
import type { ReferenceFlag } from "@/lib/core/evidence-vocabulary";

export interface EvidenceUpdate {
  kind: ReferenceFlag;
  /** The sentence, from the row ("A study cited for claim 2 … was retracted on …."). */
  text: string;
  /** When the notice was added, ISO 8601. */
  at: string;
}

const LONG_DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "Update 3 December 2026: a study cited for claim 2 … ." */
export function evidenceUpdateSentence(update: EvidenceUpdate): string {
  const text = update.text.replace(/^A /, "a ");
  return `Update ${LONG_DATE.format(new Date(update.at))}: ${text}`;
}

/** The notices as an HTML section, escaped with `esc`; "" when there are none. */
export function evidenceUpdatesHtml(
  updates: readonly EvidenceUpdate[] | undefined,
  esc: (s: string) => string,
): string {
  if (!updates || updates.length === 0) return "";
  return `<section class="banner evidence-updates" role="note" aria-labelledby="evidence-updates-heading" data-testid="evidence-updates"><h2 id="evidence-updates-heading">Evidence update</h2><ul>${updates
    .map((u) => `<li data-kind="${esc(u.kind)}">${esc(evidenceUpdateSentence(u))}</li>`)
    .join("")}</ul></section>\n`;
}

/** The notices as Markdown lines (a quoted block), escaped with `esc`; none when there are none. */
export function evidenceUpdatesMarkdown(
  updates: readonly EvidenceUpdate[] | undefined,
  esc: (s: string) => string,
): string[] {
  if (!updates || updates.length === 0) return [];
  return [
    ["> **Evidence update**", ...updates.map((u) => `> - ${esc(evidenceUpdateSentence(u))}`)].join(
      "\n",
    ),
  ];
}
