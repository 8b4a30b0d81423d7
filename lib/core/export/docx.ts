/**
 * Word (.docx): the article with a real Word comment on each claimed passage, holding the
 * verdict, rationale, suggested correction, editor's note and graded evidence, so an author can
 * work through the fact-check in the review pane of the word processor they already use.
 *
 * Built with the `docx` library, which writes every string as XML text (escaped), so people's
 * text cannot become markup. Characters XML 1.0 forbids (most C0 controls, lone surrogates)
 * are dropped first: one of them would make Word refuse the whole file. Claims no longer in
 * the text are listed at the end, each with its comment on its quote.
 */
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  type ICommentOptions,
  type ILevelsOptions,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from "docx";
import { claimLabel, ratingText } from "@/lib/core/claims/label";
import { SAFE_HREF } from "@/lib/core/document/safe-href";
import type { DocBlock, DocInline, DocListItem } from "@/lib/core/document/schema";
import { evidenceFacts, evidenceLine, sentenceGap } from "./citation";
import { type ClaimRuns, claimRuns } from "./claim-runs";
import { markdownParagraphs } from "./docx-markdown";
import type { ExportClaim, ExportEvidence, ExportModel } from "./model";
import { certaintySentence, judgementLines } from "./summary-of-findings";
import {
  approvalSentence,
  bylineParts,
  claimRemarks,
  exportedOn,
  notApprovedWords,
  peopleSentences,
} from "./wording";

export const DOCX_EXPORT = {
  mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  extension: "docx",
} as const;

/** Drops what XML 1.0 cannot hold: C0 controls other than tab/LF/CR, U+FFFE/F, lone surrogates. */
export function xmlSafe(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the forbidden controls is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );
}

/** Formatting as docx options, only what is on (an explicit "off" on every run bloats the XML). */
const formatting = (bold: boolean, italics: boolean) => ({
  ...(bold ? { bold: true } : {}),
  ...(italics ? { italics: true } : {}),
});

const run = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
  new TextRun({
    text: xmlSafe(text),
    ...formatting(options.bold ?? false, options.italics ?? false),
  });

/** Paragraphs of user prose (blank lines split paragraphs; single line breaks are kept). */
function proseParagraphs(text: string, lead?: string): Paragraph[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p, i) => {
      const children: TextRun[] = [];
      if (lead && i === 0) children.push(run(`${lead} `, { bold: true }));
      p.split("\n").forEach((line, j) => {
        children.push(j === 0 ? run(line) : new TextRun({ text: xmlSafe(line), break: 1 }));
      });
      return new Paragraph({ children });
    });
}

function evidenceParagraphs(e: ExportEvidence): Paragraph[] {
  const line = evidenceLine(e);
  const source = line.source;
  const ids = [
    ...(e.url && SAFE_HREF.test(e.url) ? [e.url] : []),
    ...line.ids.map((i) => (i.kind === "doi" ? i.url : `${i.label} ${i.id}`)),
  ];
  const paragraphs = [
    new Paragraph({
      children: [
        run("• "),
        run(e.title, { bold: true }),
        run(source ? `${sentenceGap(e.title)}${source}` : ""),
        new TextRun({
          text: evidenceFacts(line).join(" · "),
          break: 1,
        }),
        ...(ids.length > 0 ? [new TextRun({ text: xmlSafe(ids.join(" · ")), break: 1 })] : []),
      ],
    }),
  ];
  if (e.excerpt.trim()) {
    paragraphs.push(
      new Paragraph({
        indent: { left: 720 },
        children: [run(`“${e.excerpt.trim()}”`, { italics: true })],
      }),
    );
  }
  return paragraphs;
}

/** The comment on a claim: everything the HTML export's note says. */
function claimComment(model: ExportModel, claim: ExportClaim, placed: boolean): ICommentOptions {
  const label = claimLabel(claim);
  const rating = ratingText(label);
  const heading = `Note ${claim.note}: ${label.label}${rating ? ` (${rating})` : ""}`;
  // As sentences: "The text changed since this verdict; it is being re-checked."
  const remarks = claimRemarks(claim, placed).map((r) => `${r[0]?.toUpperCase()}${r.slice(1)}.`);
  const children: Paragraph[] = [
    new Paragraph({ children: [run(heading, { bold: true })] }),
    ...remarks.map((r) => new Paragraph({ children: [run(r, { italics: true })] })),
  ];
  // Markdown, formatted as the pages show it (bold, italic, lists, links), never raw markup.
  if (claim.rationale.trim()) children.push(...markdownParagraphs(claim.rationale, xmlSafe));
  if (claim.suggestedCorrection.trim()) {
    children.push(...proseParagraphs(claim.suggestedCorrection, "Suggested correction:"));
  }
  if (claim.editorNote?.trim())
    children.push(...proseParagraphs(claim.editorNote, "Editor’s note:"));
  if (claim.evidence.length > 0) {
    children.push(new Paragraph({ children: [run("Evidence", { bold: true })] }));
    for (const e of claim.evidence) children.push(...evidenceParagraphs(e));
  }
  // A comment holds paragraphs only: the evidence above is the Summary of findings' rows.
  if (claim.grade) {
    children.push(
      new Paragraph({
        children: [
          run(certaintySentence(claim.grade), { bold: true }),
          run(` ${claim.grade.explanation}.`),
        ],
      }),
      ...[...judgementLines(claim.grade), ...claim.grade.notes].map(
        (l) => new Paragraph({ children: [run(`• ${l}`)] }),
      ),
    );
  }
  return {
    id: claim.note,
    author: xmlSafe(claim.reviewer ?? model.organization.name),
    date: new Date(claim.updatedAt),
    children,
  };
}

const commentEnd = (claim: ExportClaim): ParagraphChild[] => [
  new CommentRangeEnd(claim.note),
  new TextRun({ children: [new CommentReference(claim.note)] }),
];

/** One inline node as runs, with the comment ranges that start or end inside it. */
function inlineChildren(node: DocInline, runs: ClaimRuns): ParagraphChild[] {
  const marks = node.type === "text" ? (node.marks ?? []) : [];
  const href = marks.find((m) => m.type === "link")?.attrs.href;
  const isLink = href !== undefined && SAFE_HREF.test(href);
  const format = {
    ...formatting(
      marks.some((m) => m.type === "bold"),
      marks.some((m) => m.type === "italic"),
    ),
    // Word's built-in character style for links, so that they look like links.
    ...(isLink ? { style: "Hyperlink" } : {}),
  };
  const out: ParagraphChild[] = [];
  for (const piece of runs.next(node)) {
    out.push(...piece.starts.map((c) => new CommentRangeStart(c.note)));
    out.push(
      node.type === "hardBreak"
        ? new TextRun({ break: 1 })
        : new TextRun({ text: xmlSafe(piece.text), ...format }),
    );
    out.push(...piece.ends.flatMap(commentEnd));
  }
  return isLink ? [new ExternalHyperlink({ link: href, children: out })] : out;
}

interface BlockContext {
  /** The list the next paragraph numbers in, if any, and its nesting level. */
  list?: { reference: string; instance: number; level: number };
  quoted: boolean;
}

class BodyWriter {
  readonly paragraphs: Paragraph[] = [];
  readonly orderedStarts = new Set<number>();
  private listCount = 0;

  constructor(private readonly runs: ClaimRuns) {}

  block(node: DocBlock | DocListItem, ctx: BlockContext, level: number): void {
    switch (node.type) {
      case "paragraph":
      case "heading": {
        const children = (node.content ?? []).flatMap((n) => inlineChildren(n, this.runs));
        this.paragraphs.push(
          new Paragraph({
            children,
            ...(node.type === "heading"
              ? {
                  heading: [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4][
                    node.attrs.level - 1
                  ],
                }
              : {}),
            ...(ctx.list ? { numbering: ctx.list } : {}),
            ...(ctx.quoted
              ? {
                  indent: { left: 720 },
                  border: {
                    left: { style: BorderStyle.SINGLE, size: 12, color: "999999", space: 8 },
                  },
                }
              : {}),
          }),
        );
        return;
      }
      case "blockquote":
        for (const child of node.content) this.block(child, { quoted: true }, level);
        return;
      case "bulletList":
      case "orderedList": {
        const start = node.type === "orderedList" ? (node.attrs?.start ?? 1) : 0;
        if (node.type === "orderedList") this.orderedStarts.add(start);
        const reference = node.type === "orderedList" ? `ordered-${start}` : "bullet";
        const instance = ++this.listCount;
        for (const item of node.content) {
          item.content.forEach((child, i) => {
            // Only an item's first paragraph carries the number; the rest are indented under it.
            const list = i === 0 ? { reference, instance, level: Math.min(level, 8) } : undefined;
            this.block(child, { list, quoted: ctx.quoted }, level + 1);
          });
        }
        return;
      }
      case "listItem":
        for (const child of node.content) this.block(child, ctx, level);
        return;
    }
  }
}

function levels(
  format: (typeof LevelFormat)["DECIMAL" | "BULLET"],
  start: number,
): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format,
    text: format === LevelFormat.BULLET ? "•" : `%${level + 1}.`,
    start,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

export async function renderDocxExport(model: ExportModel): Promise<Uint8Array<ArrayBuffer>> {
  const { article, revision, organization } = model;
  const runs = claimRuns(model.doc, model.claims);
  const body = new BodyWriter(runs);
  for (const block of model.doc.content) body.block(block, { quoted: false }, 0);
  const unplaced = new Set(runs.unplaced);

  const plain = (text: string) => text;
  const byline = bylineParts(article, plain, plain);
  const pending = notApprovedWords(model);
  const status =
    approvalSentence(model, organization.name, plain) ?? `${pending.lead} ${pending.rest}`;
  const { reviewedBy, approvedBy } = peopleSentences(model, plain);
  const people = [reviewedBy, approvedBy].filter((line) => line !== null);

  const tail: Paragraph[] = [];
  if (runs.unplaced.length > 0) {
    tail.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [run("Claims no longer in the text")],
      }),
    );
    for (const claim of runs.unplaced) {
      tail.push(
        new Paragraph({
          children: [
            new CommentRangeStart(claim.note),
            run(`“${claim.quote.exact.replace(/\s+/g, " ").trim()}”`),
            ...commentEnd(claim),
          ],
        }),
      );
    }
  }

  const doc = new Document({
    creator: "Claimdesk",
    title: xmlSafe(article.title),
    description: `Fact-check by ${xmlSafe(organization.name)}, revision ${revision.number}`,
    comments: {
      children: model.claims.map((c) => claimComment(model, c, !unplaced.has(c))),
    },
    numbering: {
      config: [
        { reference: "bullet", levels: levels(LevelFormat.BULLET, 1) },
        ...[...body.orderedStarts].map((start) => ({
          reference: `ordered-${start}`,
          levels: levels(LevelFormat.DECIMAL, start),
        })),
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [run(article.title)] }),
          ...(byline.length > 0
            ? [new Paragraph({ children: [run(byline.join(" · "), { italics: true })] })]
            : []),
          new Paragraph({ children: [run(status, { bold: !revision.approved })] }),
          ...people.map((line) => new Paragraph({ children: [run(line)] })),
          ...body.paragraphs,
          ...tail,
          new Paragraph({
            children: [
              run(exportedOn(model), {
                italics: true,
              }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
