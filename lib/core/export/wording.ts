/**
 * The sentences every annotated export (HTML, Markdown, Word) says about the fact-check, in
 * the same words: who approved it and when, who reviewed it, that it is not final yet, what
 * became of a claim's text. Each renderer passes `esc` for the text people wrote (names)
 * and `org` for how the organization is shown (a link, or its name), and lays out the result.
 */

import { checklistSummary } from "@/lib/core/review/checklist";
import type { ExportClaim, ExportModel } from "./model";
import { medicalReviewers, personLabel } from "./model";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
/** "25 November 2026", in UTC, as every date of the exports reads. */
export const formatDate = (date: Date | string) => dateFormat.format(new Date(date));

type Escape = (text: string) => string;

/**
 * "Fact-checked by ORG: revision 3, approved 1 November 2026 by NAME." for an approved
 * revision; null for work in progress (see `notApprovedWords`).
 */
export function approvalSentence(
  model: Pick<ExportModel, "revision">,
  org: string,
  esc: Escape,
): string | null {
  const { revision } = model;
  if (!revision.approved) return null;
  return `Fact-checked by ${org}: revision ${revision.number}, approved ${
    revision.approvedAt ? formatDate(revision.approvedAt) : ""
  }${revision.approvedBy ? ` by ${esc(revision.approvedBy)}` : ""}.`;
}

/** The notice on work in progress: a lead to stress, and the rest. */
export function notApprovedWords(model: Pick<ExportModel, "revision">): {
  lead: string;
  rest: string;
} {
  return {
    lead: "Not yet approved.",
    rest: `This is revision ${model.revision.number} as it stands in review; its fact-check is not final.`,
  };
}

/**
 * "Medically reviewed by NAME, CREDENTIALS on DATE; …." for each reviewer who gave a verdict
 * shown, and "Approved by NAME, CREDENTIALS on DATE." for the approver; null when there is none.
 */
export function peopleSentences(
  model: Pick<ExportModel, "claims" | "revision">,
  esc: Escape,
): { reviewedBy: string | null; approvedBy: string | null } {
  const reviewers = medicalReviewers(model);
  const approver = model.revision.approver;
  return {
    reviewedBy:
      reviewers.length > 0
        ? `Medically reviewed by ${reviewers
            .map((r) => `${esc(personLabel(r))} on ${esc(formatDate(r.at))}`)
            .join("; ")}.`
        : null,
    approvedBy: approver
      ? `Approved by ${esc(personLabel(approver))} on ${esc(formatDate(approver.at))}.`
      : null,
  };
}

/**
 * What a note says besides the claim's label, in lower case (the HTML and Markdown put them
 * after the label, Word gives each a sentence): the verdict is stale, the passage is gone.
 */
export function claimRemarks(claim: ExportClaim, placed: boolean): string[] {
  return [
    claim.verdictStale ? "the text changed since this verdict; it is being re-checked" : "",
    placed ? "" : "this passage is no longer in the text",
  ].filter(Boolean);
}

/**
 * "Medically reviewed 3 December 2026 · Next review due 3 December 2027" (the parts known);
 * null when the article was never reviewed or the model predates review dates. Dates only: no
 * user text, so nothing to escape.
 */
export function reviewDatesLine(model: Pick<ExportModel, "reviewDates">): string | null {
  const dates = model.reviewDates;
  if (!dates?.lastReviewedOn) return null;
  return [
    `Medically reviewed ${formatDate(dates.lastReviewedOn)}`,
    dates.nextReviewDue ? `Next review due ${formatDate(dates.nextReviewDue)}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

/** "7 of 10 satisfactory, 1 not applicable" for an export's checklist rows. */
export function checklistRowsSummary(rows: NonNullable<ExportModel["checklist"]>): string {
  return checklistSummary(Object.fromEntries(rows.map((r) => [r.criterion, r])));
}

/** "Exported from Claimdesk on 2 November 2026." */
export const exportedOn = (model: Pick<ExportModel, "generatedAt">) =>
  `Exported from Claimdesk on ${formatDate(model.generatedAt)}.`;

/** "By AUTHOR", the original date, the source (as `source` shows it): the present ones. */
export function bylineParts(
  article: ExportModel["article"],
  esc: Escape,
  source: (url: string) => string,
): string[] {
  return [
    article.originalAuthor ? `By ${esc(article.originalAuthor)}` : "",
    article.originalPublishedAt ? esc(article.originalPublishedAt) : "",
    article.sourceUrl ? source(article.sourceUrl) : "",
  ].filter(Boolean);
}
