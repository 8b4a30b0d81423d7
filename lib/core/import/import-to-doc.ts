/**
 * The import pipeline: a pasted text or an uploaded file → the article document, its plain
 * text and a title guessed from it. Every format meets the same path after its own first step:
 *
 *   plain text  → paragraphs and line breaks (lib/core/document/from-text.ts)
 *   Markdown    → HTML (markdown-it, raw HTML off) ┐
 *   HTML        ────────────────────────────────────┼→ sanitize-html → htmlToDoc
 *   .docx       → HTML (mammoth)                    ┘
 *
 * No database and no permissions here: the article service (and the re-import of a new
 * revision) call this, through `importInWorker` (isolated.ts) so that no source can hold up the
 * server, and store the result. Every failure a person can fix is an ImportError.
 */

import { articleText } from "@/lib/core/document/article-text";
import { textToDoc } from "@/lib/core/document/from-text";
import type { DocInline, DocRoot } from "@/lib/core/document/schema";
import { MAX_ARTICLE_TEXT } from "@/lib/core/limits/articles";
import { docxToHtml } from "./docx";
import { decodeTextFile, formatOfFileName, type ImportFormat, type TextFormat } from "./file-type";
import { htmlDocumentTitle, htmlToDoc } from "./html-to-doc";
import { ImportError } from "./import-error";
import { MAX_IMPORT_BYTES, textTooLongMessage, tooLargeMessage } from "./limits";
import { markdownToHtml } from "./markdown";
import { sanitizeArticleHtml } from "./sanitize";

export type ImportSource =
  /** Text pasted into the form, in the format the person chose. */
  | { format: TextFormat; text: string }
  /** An uploaded file; its format comes from its name, checked against its bytes. */
  | { fileName: string; bytes: Uint8Array };

export interface ImportedDocument {
  doc: DocRoot;
  /** `docToPlainText(doc)`: never blank. */
  plainText: string;
  /** A title found in the source (see `guessTitle`), or null. */
  title: string | null;
  format: ImportFormat;
}

const MAX_TITLE = 300;

/** Converts a source to an article document; throws ImportError when it cannot. */
export async function importToDoc(source: ImportSource): Promise<ImportedDocument> {
  const isFile = "bytes" in source;
  const size = isFile ? source.bytes.byteLength : new TextEncoder().encode(source.text).byteLength;
  const what = isFile ? "The file" : "The pasted text";
  if (size === 0) throw new ImportError(`${what} is empty.`);
  if (size > MAX_IMPORT_BYTES) throw new ImportError(tooLargeMessage(what, size));

  const { doc, pageTitle, format } = await convert(source);
  const { plainText, problem } = articleText(doc);
  if (problem === "empty") throw new ImportError(`${what} has no text to import.`);
  if (problem === "too_long") {
    throw new ImportError(textTooLongMessage(plainText.length, MAX_ARTICLE_TEXT));
  }
  return { doc, plainText, title: guessTitle(doc, plainText, pageTitle), format };
}

interface Converted {
  doc: DocRoot;
  /** An HTML page's `<title>`, when the source is one. */
  pageTitle: string | null;
  format: ImportFormat;
}

async function convert(source: ImportSource): Promise<Converted> {
  if (!("bytes" in source)) return fromText(source.format, source.text);
  const format = formatOfFileName(source.fileName);
  if (format !== "docx") return fromText(format, decodeTextFile(source.bytes));
  const doc = htmlToDoc(sanitizeArticleHtml(await docxToHtml(source.bytes, MAX_ARTICLE_TEXT)));
  return { doc, pageTitle: null, format };
}

function fromText(format: TextFormat, text: string): Converted {
  if (format === "text") return { doc: textToDoc(text), pageTitle: null, format };
  if (format === "markdown") {
    return { doc: htmlToDoc(sanitizeArticleHtml(markdownToHtml(text))), pageTitle: null, format };
  }
  // Sanitized first: it refuses HTML too deeply nested to parse in reasonable time.
  const doc = htmlToDoc(sanitizeArticleHtml(text));
  return { doc, pageTitle: htmlDocumentTitle(text), format };
}

function inlineText(content: DocInline[] | undefined): string {
  return (content ?? []).map((n) => (n.type === "text" ? n.text : " ")).join("");
}

function clean(text: string | null | undefined): string | null {
  const title = (text ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_TITLE).trim();
  return title === "" ? null : title;
}

/**
 * The article's own title if the source shows one: its first top-level h1, else the HTML
 * page's `<title>` (often suffixed with the site's name, so second), else its first heading,
 * else the first line of its text.
 */
export function guessTitle(
  doc: DocRoot,
  plainText: string,
  pageTitle: string | null = null,
): string | null {
  const headings = doc.content.flatMap((b) => (b.type === "heading" ? [b] : []));
  const h1 = headings.find((h) => h.attrs.level === 1);
  return (
    clean(inlineText(h1?.content)) ??
    clean(pageTitle) ??
    clean(inlineText(headings[0]?.content)) ??
    clean(plainText.trimStart().split("\n")[0])
  );
}
