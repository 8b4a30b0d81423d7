/**
 * Standalone annotated HTML: one self-contained file with inline CSS and no script, readable
 * offline and printable. Claims are `<mark>`s coloured by verdict with numbered notes holding
 * the verdict, rationale, editor's note and graded evidence. The head carries the ClaimReview
 * JSON-LD as a data block (`type="application/ld+json"` is never executed), escaped so that
 * no quote can close the element.
 */

import { claimLabel, ratingText } from "@/lib/core/claims/label";
import { tokenCss } from "@/lib/core/design-tokens";
import { type Highlight, renderDocHtml } from "@/lib/core/document/render-html";
import { SAFE_HREF } from "@/lib/core/document/safe-href";
import { escapeHtml as esc, jsonForScript, proseHtml } from "@/lib/core/html/escape";
import { renderMarkdown } from "@/lib/core/markdown/render";
import { VERDICT_INFO, VERDICTS } from "@/lib/core/vocabulary";
import { evidenceFacts, evidenceLine, sentenceGap } from "./citation";
import { buildClaimReviews } from "./claimreview";
import { evidenceUpdatesHtml } from "./evidence-updates";
import type { ExportClaim, ExportEvidence, ExportModel } from "./model";
import type { ExportOptions } from "./public-url";
import {
  certaintySentence,
  judgementLines,
  SOF_COLUMNS,
  summaryOfFindingsRows,
} from "./summary-of-findings";
import {
  approvalSentence,
  bylineParts,
  checklistRowsSummary,
  claimRemarks,
  exportedOn,
  formatDate,
  notApprovedWords,
  peopleSentences,
  reviewDatesLine,
} from "./wording";

export { formatDate };

export const HTML_EXPORT = { mediaType: "text/html; charset=utf-8", extension: "html" } as const;

/**
 * What the public page of a publication (lib/services/publications/page.ts) changes in this file, so
 * that page and export are one rendering. The `…Html` parts are trusted markup: their callers
 * escape what they put in.
 */
export interface AnnotatedHtmlOptions extends ExportOptions {
  /**
   * A rationale as HTML. @default its Markdown rendered safely (lib/core/markdown/render.ts), as the
   * workspace and the public page show it
   */
  rationaleHtml?: (rationale: string) => string;
  /** Replaces the status line (who approved the revision). */
  statusHtml?: string;
  /** Shown instead of the article and its notes (a retraction notice). */
  replaceBodyHtml?: string;
  /** Whether the head carries the ClaimReview JSON-LD. @default true */
  claimReview?: boolean;
  /** @default "Exported from Claimdesk on <date>." */
  footerHtml?: string;
}

/**
 * The workspace's palette (lib/core/design-tokens.ts) as custom properties, so that a verdict or
 * status has the same colours here, on the public page and in the workspace; the type and layout
 * are this file's own (a serif page for reading and printing).
 */
const RULES = `
:root { color-scheme: light; }
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: var(--text); max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
a { color: var(--primary); }
header { border-bottom: 1px solid var(--border); margin-bottom: 1.5rem; }
.org { font: 600 0.85rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.logo { display: inline-block; padding: .1em .45em; margin-right: .35em; border: 2px solid currentColor; border-radius: .25em; color: var(--text); }
h1 { line-height: 1.25; margin: .3rem 0 .6rem; }
.meta, .legend, .notes, footer { font-family: system-ui, sans-serif; font-size: .9rem; }
.meta { color: var(--muted); }
.banner { border: 2px solid var(--warn); background: var(--warn-bg); color: var(--warn); padding: .6rem .8rem; font: .95rem system-ui, sans-serif; }
mark.claim { background: var(--s-open-bg); border-bottom: 2px solid var(--s-open); padding: 0 .05em; color: inherit; }
${VERDICTS.map((v) => `mark.verdict-${v} { background: var(--v-${v}-bg); border-bottom-color: var(--v-${v}); }\n.badge.verdict-${v} { background: var(--v-${v}-bg); color: var(--v-${v}); }`).join("\n")}
mark.status-open { background: var(--s-open-bg); border-bottom: 2px dashed var(--s-open); }
mark.status-in_review { background: var(--s-in_review-bg); border-bottom: 2px dotted var(--s-in_review); }
sup.note-ref a { text-decoration: none; font: 600 .75rem system-ui, sans-serif; }
.legend ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem .9rem; }
.badge { display: inline-block; padding: 0 .4em; border: 1px solid currentColor; border-radius: .25rem; font-weight: 600; color: var(--s-open); background: var(--s-open-bg); }
.notes ol { padding-left: 1.4rem; }
.notes > ol > li { margin-bottom: 1.4rem; }
.quote { font-style: italic; }
.editor-note { border-left: 4px solid var(--primary); padding: .2rem .7rem; background: var(--accent-bg); }
.evidence li { margin: .5rem 0; }
.sof table { border-collapse: collapse; width: 100%; margin: .4rem 0; font-size: .85rem; }
.sof th, .sof td { border: 1px solid var(--border); padding: .25rem .4rem; text-align: left; vertical-align: top; }
.sof caption { text-align: left; font-weight: 600; }
.evidence blockquote { margin: .3rem 0 0; padding-left: .7rem; border-left: 3px solid var(--border); color: var(--muted); }
.checklist table { border-collapse: collapse; width: 100%; font: .9rem system-ui, sans-serif; }
.checklist th, .checklist td { border-bottom: 1px solid var(--border); padding: .3rem .4rem; text-align: left; vertical-align: top; }
footer { border-top: 1px solid var(--border); margin-top: 2rem; color: var(--muted); }
@media print { body { max-width: none; margin: 0; font-size: 11pt; } a { color: inherit; } mark.claim { print-color-adjust: exact; -webkit-print-color-adjust: exact; } .notes > ol > li { break-inside: avoid; } }
`;
const STYLE = `\n${tokenCss(RULES)}${RULES}`;

/** A link to `href` when it is a safe URL (http, https, mailto), else the label as text. */
export function link(href: string | null, label: string): string {
  if (!href || !SAFE_HREF.test(href)) return esc(label);
  return `<a href="${esc(href)}" rel="nofollow noopener noreferrer">${esc(label)}</a>`;
}

/**
 * A rationale as HTML, the same in every HTML output (this file, the public page): its Markdown
 * rendered by lib/core/markdown/render.ts, as the workspace shows it. Apostrophes become `&#39;` as
 * `escapeHtml` writes them, so a quoted `href='javascript:…'` typed as text reads as text in
 * the source too.
 */
export function rationaleHtml(rationale: string): string {
  return renderMarkdown(rationale).replace(/'/g, "&#39;");
}

function renderEvidence(e: ExportEvidence): string {
  const line = evidenceLine(e);
  // A DOI reads as its address, which is how DOIs ask to be shown.
  const ids = line.ids.map((i) => `${i.label}: ${link(i.url, i.kind === "doi" ? i.url : i.id)}`);
  return `<li>
<strong>${link(e.url, e.title)}</strong>${line.source ? `${sentenceGap(e.title)}${esc(line.source)}` : ""}
<br><span>${esc(evidenceFacts(line).join(" · "))}</span>
${ids.length > 0 ? `<br>${ids.join(" · ")}` : ""}
${e.excerpt.trim() ? `<blockquote>${proseHtml(e.excerpt)}</blockquote>` : ""}
</li>`;
}

/** The claim's GRADE Summary of findings: a table of its evidence, then the certainty and why. */
function renderSummaryOfFindings(claim: ExportClaim, grade: NonNullable<ExportClaim["grade"]>) {
  const head = SOF_COLUMNS.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  const rows = summaryOfFindingsRows(claim)
    .map((cells) => `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("\n");
  const table =
    claim.evidence.length > 0
      ? `<table><caption>Summary of findings</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
      : "";
  const lines = [...judgementLines(grade), ...grade.notes];
  return `<div class="sof" data-testid="summary-of-findings">${table}
<p><strong>${esc(certaintySentence(grade))}</strong> ${esc(grade.explanation)}.</p>${
    lines.length > 0 ? `\n<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : ""
  }
</div>`;
}

/** The article checklist as a table of criterion, rating and note; "" when there is none. */
function checklistHtml(model: ExportModel): string {
  const rows = model.checklist ?? [];
  if (rows.length === 0) return "";
  return `<section class="checklist" aria-labelledby="checklist-heading" data-testid="checklist">
<h2 id="checklist-heading">Article checklist</h2>
<p class="meta">HealthNewsReview.org criteria: ${esc(checklistRowsSummary(rows))}.</p>
<table><thead><tr><th scope="col">Criterion</th><th scope="col">Rating</th><th scope="col">Note</th></tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr class="rating-${r.rating}"><th scope="row">${esc(r.label)}</th><td>${esc(r.ratingLabel)}</td><td>${esc(r.note)}</td></tr>`,
  )
  .join("\n")}
</tbody></table>
</section>`;
}

function renderNote(claim: ExportClaim, rationaleHtml: (rationale: string) => string): string {
  const label = claimLabel(claim);
  const rating = ratingText(label);
  const parts = [
    `<p class="quote">“${esc(claim.quote.exact)}”${
      claim.position ? ` <a href="#claim-${claim.note}" aria-label="Back to the text">↩</a>` : ""
    }</p>`,
    `<p><span class="badge ${label.kind === "verdict" ? label.className : ""}">${esc(label.label)}</span>${
      rating ? ` (${rating})` : ""
    }${claimRemarks(claim, claim.position !== null)
      .map((r) => ` · ${r}`)
      .join("")}</p>`,
  ];
  if (claim.rationale.trim()) {
    parts.push(`<div class="rationale">${rationaleHtml(claim.rationale)}</div>`);
  }
  if (claim.suggestedCorrection.trim()) {
    parts.push(
      `<div class="correction"><strong>Suggested correction:</strong>${proseHtml(claim.suggestedCorrection)}</div>`,
    );
  }
  if (claim.editorNote?.trim()) {
    parts.push(
      `<div class="editor-note"><strong>Editor’s note:</strong>${proseHtml(claim.editorNote)}</div>`,
    );
  }
  if (claim.evidence.length > 0) {
    parts.push(
      `<div class="evidence"><strong>Evidence</strong><ul>${claim.evidence.map(renderEvidence).join("\n")}</ul></div>`,
    );
  }
  if (claim.grade) parts.push(renderSummaryOfFindings(claim, claim.grade));
  // `value`: notes carry their claim numbers, which need not run 1, 2, 3.
  return `<li id="note-${claim.note}" value="${claim.note}">\n${parts.join("\n")}\n</li>`;
}

/**
 * "Medically reviewed by NAME, CREDENTIALS on DATE" for each reviewer who gave a verdict shown
 * here, and "Approved by NAME, CREDENTIALS on DATE" for the editor who approved the revision.
 */
export function reviewedByHtml(model: ExportModel): string {
  const { reviewedBy, approvedBy } = peopleSentences(model, esc);
  const dates = reviewDatesLine(model);
  return [
    reviewedBy && `<p class="meta reviewed-by" data-testid="reviewed-by">${reviewedBy}</p>`,
    approvedBy && `<p class="meta approved-by" data-testid="approved-by">${approvedBy}</p>`,
    dates && `<p class="meta review-dates" data-testid="review-dates">${esc(dates)}</p>`,
  ]
    .filter(Boolean)
    .map((l) => `\n${l}`)
    .join("");
}

export function renderHtmlExport(model: ExportModel, options: AnnotatedHtmlOptions = {}): string {
  const { article, revision, organization } = model;
  const reviews = options.claimReview === false ? [] : buildClaimReviews(model, options);
  const jsonLd =
    reviews.length > 0
      ? `<script type="application/ld+json">${jsonForScript(reviews)}</script>\n`
      : "";
  const highlights: Highlight[] = model.claims.flatMap((claim) =>
    claim.position
      ? [
          {
            start: claim.position.start,
            end: claim.position.end,
            className: `claim ${claimLabel(claim).className}`,
            id: `claim-${claim.note}`,
            title: `Note ${claim.note}: ${claimLabel(claim).label}`,
            noteRef: { href: `#note-${claim.note}`, label: String(claim.note) },
          },
        ]
      : [],
  );
  const byline = bylineParts(article, esc, (url) => link(url, "Original source"));
  const approval = approvalSentence(model, link(organization.url, organization.name), esc);
  const pending = notApprovedWords(model);
  const status =
    (options.statusHtml ??
      (approval
        ? `<p class="meta">${approval}</p>`
        : `<p class="banner" role="note"><strong>${pending.lead}</strong> ${pending.rest}</p>`)) +
    (options.replaceBodyHtml === undefined ? reviewedByHtml(model) : "");
  // The editor's call that the revision needs no (further) claims: published as such.
  const noClaims = revision.noClaims ?? null;
  const reviewed = noClaims
    ? `<p class="meta" data-testid="no-claims">Reviewed${noClaims.by ? ` by ${esc(noClaims.by)}` : ""} on ${esc(
        formatDate(noClaims.at),
      )}: no ${model.claims.length > 0 ? "further " : ""}claims needed — ${esc(noClaims.note)}</p>\n`
    : "";
  const legend = `<section class="legend" aria-label="Legend"><ul>${VERDICTS.map(
    (v) => `<li><span class="badge verdict-${v}">${esc(VERDICT_INFO[v].label)}</span></li>`,
  ).join("")}</ul></section>`;
  const notes =
    model.claims.length > 0
      ? `<section class="notes" aria-labelledby="notes-heading"><h2 id="notes-heading">Fact-check notes</h2><ol>\n${model.claims
          .map((claim) => renderNote(claim, options.rationaleHtml ?? rationaleHtml))
          .join("\n")}\n</ol></section>`
      : `<section class="notes"><h2>Fact-check notes</h2><p>No claims were checked in this revision.</p></section>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Claimdesk">
<title>${esc(article.title)} — fact-checked by ${esc(organization.name)}</title>
<style>${STYLE}</style>
${jsonLd}</head>
<body>
<header>
<p class="org">${organization.logoText ? `<span class="logo" data-testid="logo">${esc(organization.logoText)}</span> ` : ""}${esc(organization.name)}</p>
<h1>${esc(article.title)}</h1>
${byline.length > 0 ? `<p class="meta">${byline.join(" · ")}</p>` : ""}
${status}
${evidenceUpdatesHtml(options.evidenceUpdates, esc)}${reviewed}${options.replaceBodyHtml === undefined ? legend : ""}
</header>
${
  options.replaceBodyHtml ??
  `<article>
${renderDocHtml(model.doc, { highlights, headingOffset: 1 })}
</article>
${notes}${checklistHtml(model) ? `\n${checklistHtml(model)}` : ""}`
}
<footer>${options.footerHtml ?? `<p>${esc(exportedOn(model))}</p>`}</footer>
</body>
</html>
`;
}
