/**
 * How much an import may bring in. Shared by the server (which enforces them) and the import
 * form (which checks a chosen file before uploading it, so a person hears about an oversized
 * file at once instead of after a slow upload that the server would refuse anyway).
 */

/**
 * 2 MiB per uploaded file or pasted source. A long-form article is 50–100 kB as text and a few
 * hundred kB as .docx; 2 MiB leaves room for a .docx with small embedded images (which are
 * dropped) while keeping each request bounded. `next.config.mjs` lets server actions receive
 * this much plus the form's other fields.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/**
 * A .docx is a ZIP: 2 MiB compressed can unpack to gigabytes (a "zip bomb"). Its declared
 * unpacked size is checked against this before the file is opened.
 */
export const MAX_DOCX_UNPACKED_BYTES = 32 * 1024 * 1024;

/**
 * How deeply HTML may nest elements. Parsing time grows with the square of the depth (see
 * nesting.ts); real pages and Word documents nest a few dozen levels.
 */
export const MAX_HTML_NESTING = 1000;

/**
 * How long converting one import may take and how much memory it may use. The conversion runs
 * in a worker thread (isolated.ts) that is ended when it passes either, so a hostile file (a
 * small .docx unpacking to 30 MB of tiny paragraphs kept mammoth busy for a minute) costs one
 * refused import, never the server's attention: a 2 MB article converts in 1–2 s.
 */
export const IMPORT_TIME_LIMIT_MS = 15_000;
export const IMPORT_MEMORY_LIMIT_MB = 512;
/** How many conversions run at once per server process; more wait their turn. */
export const IMPORT_CONCURRENCY = 2;

/** The file name endings accepted, for the file picker's `accept` and for messages. */
export const IMPORT_FILE_EXTENSIONS = [
  ".txt",
  ".md",
  ".markdown",
  ".html",
  ".htm",
  ".docx",
] as const;

/** The message for a source over MAX_IMPORT_BYTES, the same in the browser and on the server. */
export function tooLargeMessage(what: "The file" | "The pasted text", bytes: number): string {
  return `${what} is ${formatBytes(bytes)}; the limit is ${formatBytes(MAX_IMPORT_BYTES)}.`;
}

/**
 * "2 MB": sizes as people read them (binary units, one decimal below 10), rounded up so that a
 * size just over a limit never reads as the limit itself.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? Math.ceil(value * 10) / 10 : Math.ceil(value)} ${units[unit]}`;
}

/**
 * The message for an article whose text is `length` characters (or at least that many, when
 * counted before the conversion ends), over `limit`.
 */
export function textTooLongMessage(length: number, limit: number, atLeast = false): string {
  return (
    `The article's text is ${atLeast ? "at least " : ""}${length.toLocaleString("en")} characters long; ` +
    `the limit is ${limit.toLocaleString("en")}.`
  );
}
