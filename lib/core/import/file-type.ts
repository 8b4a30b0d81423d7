/**
 * What an uploaded file is: its format from the name's ending, confirmed by a cheap look at
 * its bytes, and its text for the text formats. A renamed binary (a PDF called .txt, a .docx
 * called .md) gets a message naming the problem rather than an import of garbage.
 */
import { ImportError } from "./import-error";
import { looksLikeZip } from "./zip";

export type TextFormat = "text" | "markdown" | "html";
export type ImportFormat = TextFormat | "docx";

const BY_EXTENSION: Record<string, ImportFormat> = {
  txt: "text",
  text: "text",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
  docx: "docx",
};

const PDF_MESSAGE =
  "PDF files cannot be imported: copy the text from the PDF and paste it instead.";

/** Formats people try that we can name, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  doc: "Old Word .doc files cannot be imported: open the file in Word and save it as .docx.",
  pdf: PDF_MESSAGE,
  rtf: "RTF files cannot be imported: open the file in a word processor and save it as .docx.",
  odt: "OpenDocument .odt files cannot be imported: save the file as .docx.",
};

export const SUPPORTED_TYPES_MESSAGE = "Only .txt, .md, .html and .docx files can be imported.";

/** The format a file name announces; throws ImportError for any other file type. */
export function formatOfFileName(name: string): ImportFormat {
  const extension = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase() ?? "";
  const format = BY_EXTENSION[extension];
  if (format) return format;
  throw new ImportError(UNSUPPORTED[extension] ?? SUPPORTED_TYPES_MESSAGE);
}

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((b, i) => bytes[i] === b);

/**
 * The text of a file meant to be text: UTF-8, or UTF-16 when a byte order mark says so (what
 * Windows Notepad writes as "Unicode"); a leading byte order mark is dropped. Binary files and
 * text in another encoding are refused, since guessing an encoding garbles letters silently.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (looksLikeZip(bytes)) {
    throw new ImportError(
      "This file is a ZIP archive, not text. If it is a Word document, its name should end in .docx.",
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw new ImportError(PDF_MESSAGE);
  if (bytes.includes(0)) {
    throw new ImportError(`This file is not text. ${SUPPORTED_TYPES_MESSAGE}`);
  }
  try {
    // The decoder drops a UTF-8 byte order mark itself.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(
      "This file is not UTF-8 text. Save it with the UTF-8 encoding and try again.",
    );
  }
}
