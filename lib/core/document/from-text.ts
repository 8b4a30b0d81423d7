/**
 * Plain text to an article document: blank lines separate paragraphs and a single line break
 * inside a paragraph is a hard break. `docToPlainText(textToDoc(t))` is `normalizeText(t)`.
 */
import type { DocBlock, DocInline, DocRoot } from "./schema";

/** Unix line ends, no trailing spaces on lines, at most one blank line, no outer blank lines. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/** Splits normalized text into paragraphs (blank-line separated). */
export function splitParagraphs(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === "" ? [] : normalized.split("\n\n");
}

function paragraph(text: string): DocBlock {
  const content: DocInline[] = [];
  text.split("\n").forEach((line, i) => {
    if (i > 0) content.push({ type: "hardBreak" });
    if (line !== "") content.push({ type: "text", text: line });
  });
  return { type: "paragraph", content };
}

/** Builds a document of paragraphs from plain text. An empty text gives one empty paragraph. */
export function textToDoc(text: string): DocRoot {
  const paragraphs = splitParagraphs(text);
  return {
    type: "doc",
    content: paragraphs.length > 0 ? paragraphs.map(paragraph) : [{ type: "paragraph" }],
  };
}
