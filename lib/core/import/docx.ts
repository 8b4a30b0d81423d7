/**
 * Word .docx → HTML with mammoth, which maps Word's paragraph styles to HTML (Heading 1–6,
 * lists, bold, italic, hyperlinks) and ignores direct formatting such as fonts and colours.
 * The file is vetted first (a ZIP, not larger unpacked than MAX_DOCX_UNPACKED_BYTES) so a
 * renamed file or a zip bomb gets a clear message instead of a parser's error or an exhausted
 * server. Images are not read at all: the article schema has no images, and leaving them
 * unread avoids base64-encoding megabytes only to drop them.
 */
import mammoth from "mammoth";
import { ImportError } from "./import-error";
import { formatBytes, MAX_DOCX_UNPACKED_BYTES, textTooLongMessage } from "./limits";
import { declaredUnpackedSize, looksLikeZip, readEntry } from "./zip";

/** Word's Title and quotation styles, which mammoth's default map leaves as plain paragraphs. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p.Title => h1:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
];

const DAMAGED =
  "This .docx file could not be read: it is damaged or not really a Word document. " +
  "Open it in Word and save it again as .docx.";

/**
 * At least how many characters of text the body holds: the non-space characters of its `<w:t>`
 * runs (an entity counts as one), leaving out `mc:Fallback` copies of content that is also
 * given another way. Every one of them ends up in the article's plain text (whitespace may
 * collapse, so it is not counted), so a body over the text limit by this count is refused
 * before mammoth spends a minute converting it: one linear scan, ~100 ms for 30 MB.
 */
export function bodyTextAtLeast(documentXml: string): number {
  const xml = documentXml.replace(/<mc:Fallback\b[\s\S]*?<\/mc:Fallback>/g, "");
  let count = 0;
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) {
    const text = match[1] as string;
    if (text) count += text.replace(/&[#\w]+;/g, "x").replace(/\s+/g, "").length;
  }
  return count;
}

/** The HTML of a .docx file (still to be sanitized); throws ImportError for a bad file. */
export async function docxToHtml(
  bytes: Uint8Array,
  maxTextLength = Number.POSITIVE_INFINITY,
): Promise<string> {
  if (!looksLikeZip(bytes)) throw new ImportError(DAMAGED);
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked === null) throw new ImportError(DAMAGED);
  if (unpacked > MAX_DOCX_UNPACKED_BYTES) {
    throw new ImportError(
      `This .docx file unpacks to more than ${formatBytes(MAX_DOCX_UNPACKED_BYTES)}, ` +
        "more than an article needs. Remove large images or embedded files and try again.",
    );
  }
  const body = readEntry(bytes, "word/document.xml", MAX_DOCX_UNPACKED_BYTES);
  if (body) {
    const atLeast = bodyTextAtLeast(new TextDecoder().decode(body));
    if (atLeast > maxTextLength)
      throw new ImportError(textTooLongMessage(atLeast, maxTextLength, true));
  }
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
    return result.value;
  } catch {
    throw new ImportError(DAMAGED);
  }
}
