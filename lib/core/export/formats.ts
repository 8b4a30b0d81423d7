/**
 * The export formats by id: the one list the export route and the CLI dispatch on, so a format
 * added here is offered by both. Each renderer is pure: it reads only the export model.
 */
import { CLAIMREVIEW_EXPORT, renderClaimReviewExport } from "./claimreview";
import { CSV_EXPORT, renderCsvExport } from "./csv";
import { DOCX_EXPORT, renderDocxExport } from "./docx";
import { HTML_EXPORT, renderHtmlExport } from "./html";
import { MARKDOWN_EXPORT, renderMarkdownExport } from "./markdown";
import type { ExportModel } from "./model";
import type { ExportOptions } from "./public-url";
import { renderW3cExport, W3C_EXPORT } from "./w3c";

export interface ExportFormat {
  label: string;
  /** The Content-Type of the download. */
  mediaType: string;
  /** The file name extension, without the dot. */
  extension: string;
  render(
    model: ExportModel,
    options: ExportOptions,
  ): string | Uint8Array<ArrayBuffer> | Promise<Uint8Array<ArrayBuffer>>;
}

export const EXPORT_FORMAT_IDS = ["html", "w3c", "claimreview", "md", "csv", "docx"] as const;
export type ExportFormatId = (typeof EXPORT_FORMAT_IDS)[number];

export const EXPORT_FORMATS: Record<ExportFormatId, ExportFormat> = {
  html: { label: "Annotated HTML", ...HTML_EXPORT, render: renderHtmlExport },
  w3c: { label: "W3C Web Annotation (JSON-LD)", ...W3C_EXPORT, render: renderW3cExport },
  claimreview: {
    label: "ClaimReview (schema.org JSON-LD)",
    ...CLAIMREVIEW_EXPORT,
    render: renderClaimReviewExport,
  },
  md: { label: "Markdown with footnotes", ...MARKDOWN_EXPORT, render: renderMarkdownExport },
  csv: { label: "CSV of claims", ...CSV_EXPORT, render: renderCsvExport },
  docx: { label: "Word with comments", ...DOCX_EXPORT, render: renderDocxExport },
};

/** `<slug>-r<revision>.<extension>`. */
export function exportFilename(model: ExportModel, format: ExportFormatId): string {
  return `${model.article.slug}-r${model.revision.number}.${EXPORT_FORMATS[format].extension}`;
}

/** `<slug>-v<publication number>.<extension>`: a publication's export. */
export function publicationFilename(slug: string, number: number, format: ExportFormatId): string {
  return `${slug}-v${number}.${EXPORT_FORMATS[format].extension}`;
}

/**
 * The `Content-Disposition` of a download: the name quoted for old clients and, in UTF-8, for
 * the rest (RFC 6266). File names are slugs and numbers, so the quoted form needs no escaping.
 */
export function attachment(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Renders `model` in `format` as bytes (text formats as UTF-8), ready to send or write. */
export async function renderExport(
  model: ExportModel,
  format: ExportFormatId,
  options: ExportOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const out = await EXPORT_FORMATS[format].render(model, options);
  return typeof out === "string" ? new TextEncoder().encode(out) : out;
}
