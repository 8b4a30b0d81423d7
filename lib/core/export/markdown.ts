/**
 * Markdown with footnotes (GitHub-flavoured: `[^1]`): the article with a footnote marker after
 * each claimed passage, and one footnote per claim with its verdict, rationale, editor's note
 * and graded evidence. For newsletters, CMSs and wikis that take Markdown.
 *
 * Everything people wrote (the article, rationales, notes, citations) is escaped so that it
 * reads as the same text: no emphasis, link, image, HTML tag, entity, list or heading appears
 * that was not in the document. Rationales are therefore shown as written, not as Markdown,
 * as in the HTML export. Bare URLs, domain names and e-mail addresses are broken up
 * (`https\:`, `example\.com`, `\@`) so that autolinking (GFM's, or markdown-it's fuzzy
 * linkify) does not make links of them either; links come only from the document's own links,
 * and only http(s)/mailto ones.
 */

import { claimLabel, ratingText } from "@/lib/core/claims/label";
import { SAFE_HREF } from "@/lib/core/document/safe-href";
import type { DocBlock, DocInline, DocListItem, DocMark } from "@/lib/core/document/schema";
import { evidenceFacts, evidenceLine, sentenceGap } from "./citation";
import { type ClaimRuns, claimRuns } from "./claim-runs";
import { evidenceUpdatesMarkdown } from "./evidence-updates";
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
  notApprovedWords,
  peopleSentences,
  reviewDatesLine,
} from "./wording";

export const MARKDOWN_EXPORT = {
  mediaType: "text/markdown; charset=utf-8",
  extension: "md",
} as const;

/**
 * Escapes text for Markdown inline content: only what Markdown (CommonMark + GFM) would read as
 * syntax, so the text stays readable as plain text too ("10:37", "e.g.", "Dr. Smith").
 * Escaped everywhere: backslash, emphasis (* _), code (`), link and image brackets ([ ]; with
 * them escaped, `(`, `)` and `!` cannot make a link), HTML and autolinks (<), tables (|),
 * strikethrough (~). In context: `&` only before what reads as an entity, and what autolinkers
 * look for — a scheme's colon before `//` (`https\://`), `www.`, the at sign of an address
 * (`a\@b`), and the dot of a bare domain name (`example\.com`).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<|~]/g, "\\$&")
    .replace(/&(?=#?[0-9a-z]+;)/gi, "\\&")
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/(mailto):/gi, "$1\\:")
    .replace(/(?<=[^\s@])@(?=[\p{L}\p{N}])/gu, "\\@")
    .replace(/(www)\./gi, "$1\\.")
    .replace(/([\p{L}\p{N}])\.(?=\p{L}{2})/gu, "$1\\.");
}

/**
 * A line that starts like a block (heading, list item, quote, thematic break, setext underline,
 * indented code) gets its first character escaped, so it stays a line of the paragraph.
 */
function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, "");
  return trimmed.replace(/^([#+\-=>]|\d{1,9}(?=[.)]))/, (m) =>
    /^\d/.test(m) ? `${m.slice(0, -1)}\\${m.slice(-1)}` : `\\${m}`,
  );
}

/** A link destination: percent-encodes what could end or break it. */
function destination(url: string): string {
  return url.replace(
    /[\s()<>\\[\]`]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

function link(href: string | null, label: string): string {
  return href && SAFE_HREF.test(href)
    ? `[${escapeMarkdown(label)}](${destination(href)})`
    : escapeMarkdown(label);
}

/** Wraps `inner` in a delimiter, keeping white space outside (`** a**` is not bold). */
function wrap(inner: string, open: string, close: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  if (!m?.[2]) return inner;
  return `${m[1]}${open}${m[2]}${close}${m[3]}`;
}

const noteRef = (claim: ExportClaim) => `[^${claim.note}]`;

/** Renders inline content to lines (hard breaks end a line with a backslash). */
function renderInline(content: DocInline[] | undefined, runs: ClaimRuns): string[] {
  let out = "";
  for (const node of content ?? []) {
    const pieces = runs.next(node);
    if (node.type === "hardBreak") {
      out += "\\\n";
      // A marker on a hard break alone (a claim that ends on it) follows the break.
      out += pieces.flatMap((p) => p.ends.map(noteRef)).join("");
      continue;
    }
    const href = node.marks?.find((m): m is Extract<DocMark, { type: "link" }> => m.type === "link")
      ?.attrs.href;
    const isLink = href !== undefined && SAFE_HREF.test(href);
    let inner = "";
    const deferred: string[] = [];
    for (const piece of pieces) {
      inner += escapeMarkdown(piece.text);
      const refs = piece.ends.map(noteRef);
      // Link text may not hold another link: the markers wait until the link closes.
      if (isLink) deferred.push(...refs);
      else inner += refs.join("");
    }
    if (node.marks?.some((m) => m.type === "italic")) inner = wrap(inner, "*", "*");
    if (node.marks?.some((m) => m.type === "bold")) inner = wrap(inner, "**", "**");
    if (isLink) inner = `[${inner}](${destination(href)})`;
    out += inner + deferred.join("");
  }
  return out.split("\n").map(escapeLineStart);
}

/** Renders a block to lines; containers prefix their children's lines. */
function renderBlock(node: DocBlock | DocListItem, runs: ClaimRuns): string[] {
  switch (node.type) {
    case "paragraph":
      return renderInline(node.content, runs);
    case "heading": {
      // A heading is one line: hard breaks inside it become spaces.
      const line = renderInline(node.content, runs)
        .map((l) => l.replace(/\\$/, ""))
        .join(" ");
      return [`${"#".repeat(Math.min(6, node.attrs.level + 1))} ${line.trim()}`];
    }
    case "blockquote":
      return joinBlocks(node.content, runs).map((l) => (l ? `> ${l}` : ">"));
    case "bulletList":
    case "orderedList": {
      const start = node.type === "orderedList" ? (node.attrs?.start ?? 1) : 1;
      const out: string[] = [];
      node.content.forEach((item, i) => {
        const marker = node.type === "orderedList" ? `${start + i}.` : "-";
        const indent = " ".repeat(marker.length + 1);
        const lines = renderBlock(item, runs);
        lines.forEach((l, j) => {
          out.push(j === 0 ? `${marker} ${l}` : l ? `${indent}${l}` : "");
        });
      });
      return out;
    }
    case "listItem":
      return joinBlocks(node.content, runs);
  }
}

function joinBlocks(blocks: (DocBlock | DocListItem)[], runs: ClaimRuns): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (out.length > 0) out.push("");
    out.push(...renderBlock(block, runs));
  }
  return out;
}

/** User prose as Markdown lines: escaped, paragraphs and line breaks kept. */
function prose(text: string): string[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .flatMap((paragraph, i) => {
      const lines = paragraph.split("\n").map((l) => escapeLineStart(escapeMarkdown(l)));
      return [
        ...(i > 0 ? [""] : []),
        ...lines.map((l, j) => (j < lines.length - 1 ? `${l}\\` : l)),
      ];
    });
}

function evidenceItem(e: ExportEvidence): string {
  const line = evidenceLine(e);
  const ids = line.ids.map((i) => `${i.label}: ${link(i.url, i.id)}`);
  const source = line.source ? `${sentenceGap(e.title)}${escapeMarkdown(line.source)}` : "";
  return `- **${link(e.url, e.title)}**${source}${sentenceGap(
    line.source || e.title,
  )}${evidenceFacts(line).join(" · ")}${ids.length > 0 ? `. ${ids.join(" · ")}` : ""}`;
}

/** A GFM table of the claim's evidence, then the certainty and each judgement's reason. */
function summaryOfFindings(claim: ExportClaim, grade: NonNullable<ExportClaim["grade"]>): string[] {
  const row = (cells: readonly string[]) =>
    `| ${cells.map((c) => escapeMarkdown(c.replace(/\s+/g, " ").trim())).join(" | ")} |`;
  const table =
    claim.evidence.length > 0
      ? [
          "**Summary of findings:**",
          "",
          row(SOF_COLUMNS),
          `|${SOF_COLUMNS.map(() => " --- ").join("|")}|`,
          ...summaryOfFindingsRows(claim).map(row),
          "",
        ]
      : [];
  return [
    ...table,
    `**${escapeMarkdown(certaintySentence(grade))}** ${escapeMarkdown(grade.explanation)}.`,
    ...[...judgementLines(grade), ...grade.notes].flatMap((l, i) => [
      ...(i === 0 ? [""] : []),
      `- ${escapeMarkdown(l)}`,
    ]),
  ];
}

function footnote(claim: ExportClaim, placed: boolean): string {
  const label = claimLabel(claim);
  const rating = ratingText(label);
  const status = `**${label.label}**${rating ? ` (${rating})` : ""}`;
  const remarks = claimRemarks(claim, placed);
  const body: string[] = [
    `${status}${remarks.map((r) => ` · ${r}`).join("")}: “${escapeMarkdown(
      claim.quote.exact.replace(/\s+/g, " ").trim(),
    )}”`,
  ];
  const section = (lines: string[]) => body.push("", ...lines);
  if (claim.rationale.trim()) section(prose(claim.rationale));
  if (claim.suggestedCorrection.trim()) {
    section(["**Suggested correction:**", ...prose(claim.suggestedCorrection)]);
  }
  if (claim.editorNote?.trim()) section(["**Editor’s note:**", ...prose(claim.editorNote)]);
  if (claim.evidence.length > 0) {
    section(["**Evidence:**", ""]);
    for (const e of claim.evidence) {
      body.push(evidenceItem(e));
      if (e.excerpt.trim()) body.push(...prose(e.excerpt).map((l) => (l ? `  > ${l}` : "  >")));
    }
  }
  if (claim.grade) section(summaryOfFindings(claim, claim.grade));
  // Continuation lines of a footnote are indented by four spaces.
  return body.map((l, i) => (i === 0 ? `[^${claim.note}]: ${l}` : l ? `    ${l}` : "")).join("\n");
}

export function renderMarkdownExport(model: ExportModel, options: ExportOptions = {}): string {
  const { article, organization } = model;
  const runs = claimRuns(model.doc, model.claims);
  const text = joinBlocks(model.doc.content, runs);
  const unplaced = new Set(runs.unplaced);

  const byline = bylineParts(article, escapeMarkdown, (url) => link(url, "Original source"));
  const approval = approvalSentence(
    model,
    link(organization.url, organization.name),
    escapeMarkdown,
  );
  const pending = notApprovedWords(model);
  const status = approval ? `*${approval}*` : `> **${pending.lead}** ${pending.rest}`;
  const { reviewedBy, approvedBy } = peopleSentences(model, escapeMarkdown);
  const dates = reviewDatesLine(model);
  const people = [reviewedBy, approvedBy, dates].flatMap((line) => (line ? [`*${line}*`] : []));
  const parts = [
    `# ${escapeMarkdown(article.title)}`,
    ...(byline.length > 0 ? [byline.join(" · ")] : []),
    status,
    ...evidenceUpdatesMarkdown(options.evidenceUpdates, escapeMarkdown),
    ...people,
    "---",
    text.join("\n"),
  ];
  if (unplaced.size > 0) {
    parts.push(
      "## Claims no longer in the text",
      runs.unplaced
        .map((c) => `- “${escapeMarkdown(c.quote.exact.replace(/\s+/g, " ").trim())}”${noteRef(c)}`)
        .join("\n"),
    );
  }
  if (model.claims.length === 0) parts.push("*No claims were checked in this revision.*");
  else parts.push(model.claims.map((c) => footnote(c, !unplaced.has(c))).join("\n\n"));
  const checklist = model.checklist ?? [];
  if (checklist.length > 0) {
    // Table cells: escapeMarkdown escapes pipes; a line break would end the row.
    const cell = (text: string) => escapeMarkdown(text.replace(/\s*\n\s*/g, " "));
    parts.push(
      "## Article checklist",
      `HealthNewsReview.org criteria: ${checklistRowsSummary(checklist)}.`,
      [
        "| Criterion | Rating | Note |",
        "| --- | --- | --- |",
        ...checklist.map((r) => `| ${cell(r.label)} | ${r.ratingLabel} | ${cell(r.note)} |`),
      ].join("\n"),
    );
  }
  parts.push(`*${exportedOn(model)}*`);
  return `${parts.join("\n\n")}\n`;
}
