/**
 * Reading a reference manager's export — RIS, BibTeX, CSL-JSON or PubMed MEDLINE (.nbib), as
 * Zotero, EndNote, Mendeley and PubMed write them — into records for the reference list. The
 * file is split into records first, so each record parses alone: one broken record is listed
 * with its number and line ("Record 7 (line 61): no title") and the others still import. RIS
 * and BibTeX are parsed by citation-js (its RIS and BibTeX plugins), CSL-JSON is normalized by
 * its core, MEDLINE by our own tag reader (./medline.ts). Pure: no database, no file system.
 */
import { plugins } from "@citation-js/core";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-bibtex";
import { scanJson } from "@/lib/core/library/json-text";
import { bareDoi } from "@/lib/core/validation/identifier";
import { REFERENCE_IMPORT_LIMITS, referenceFieldsSchema } from "@/lib/core/validation/references";
import { citedAuthors, cslToMetadata } from "./csl";
import { medlineToMetadata, readMedlineFields } from "./medline";
import type { ReferenceMetadata } from "./metadata";

export const REFERENCE_FILE_FORMATS = ["ris", "bibtex", "csl-json", "medline"] as const;
export type ReferenceFileFormat = (typeof REFERENCE_FILE_FORMATS)[number];

export const REFERENCE_FORMAT_LABELS: Record<ReferenceFileFormat, string> = {
  ris: "RIS",
  bibtex: "BibTeX",
  "csl-json": "CSL-JSON",
  medline: "PubMed (MEDLINE)",
};

/** One record of the file: its metadata when it is valid, else why not. */
export interface ImportRecord {
  /** From 1, in the file's order. */
  index: number;
  /** The line it starts on (from 1); null for CSL-JSON, whose records are list items. */
  line: number | null;
  metadata: ReferenceMetadata | null;
  errors: string[];
  /** An earlier record of the same file with the same DOI or PMID (its index), if any. */
  duplicateOfRecord: number | null;
}

export type ReferenceFileResult =
  | { ok: true; format: ReferenceFileFormat; records: ImportRecord[] }
  | { ok: false; message: string };

/** Without a UTF-8 byte-order mark, with "\n" line ends (Windows' CRLF and old Macs' CR). */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

const EXTENSIONS: Record<string, ReferenceFileFormat> = {
  ris: "ris",
  bib: "bibtex",
  bibtex: "bibtex",
  json: "csl-json",
  nbib: "medline",
  medline: "medline",
};

/**
 * The format, from the content first (a `.txt` may hold any of them) and the file's extension
 * when the content does not say; null when neither does.
 */
export function detectFormat(text: string, fileName = ""): ReferenceFileFormat | null {
  const head = normalizeText(text).trimStart().slice(0, 5000);
  if (/^(\[|\{)/.test(head)) return "csl-json";
  if (/^TY {2}- /m.test(head)) return "ris";
  if (/^PMID- ?\d/m.test(head)) return "medline";
  if (/^\s*@[a-z]+\s*[{(]/im.test(head)) return "bibtex";
  const ext = /\.([a-z]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext ? (EXTENSIONS[ext] ?? null) : null;
}

/** A record's text and the line it starts on, before parsing. */
interface Chunk {
  line: number;
  text: string;
  /** Why it cannot be a record at all (text outside any record). */
  problem?: string;
}

function splitRis(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let current: { line: number; lines: string[] } | null = null;
  let stray: { line: number; lines: string[] } | null = null;
  const flushStray = () => {
    if (stray) {
      chunks.push({
        line: stray.line,
        text: stray.lines.join("\n"),
        problem: "it does not start with a “TY  - ” line, so it is not a record",
      });
      stray = null;
    }
  };
  text.split("\n").forEach((line, i) => {
    if (/^TY {2}- ?/.test(line)) {
      flushStray();
      if (current) chunks.push({ line: current.line, text: current.lines.join("\n") });
      current = { line: i + 1, lines: [line] };
    } else if (current) {
      current.lines.push(line);
      if (/^ER {2}- ?/.test(line)) {
        chunks.push({ line: current.line, text: current.lines.join("\n") });
        current = null;
      }
    } else if (line.trim() !== "") {
      stray ??= { line: i + 1, lines: [] };
      stray.lines.push(line);
      // A record whose TY line is missing still ends with ER: one stray chunk per such record.
      if (/^ER {2}- ?/.test(line)) flushStray();
    }
  });
  flushStray();
  const last = current as { line: number; lines: string[] } | null;
  if (last) chunks.push({ line: last.line, text: last.lines.join("\n") });
  return chunks;
}

function splitBibtex(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const strings: string[] = [];
  let current: { line: number; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const body = current.lines.join("\n");
    const kind = /^\s*@([a-z]+)/i.exec(body)?.[1]?.toLowerCase();
    // @string macros apply to every entry after them; @comment and @preamble are not records.
    if (kind === "string") strings.push(body);
    else if (kind !== "comment" && kind !== "preamble")
      chunks.push({ line: current.line, text: body });
    current = null;
  };
  text.split("\n").forEach((line, i) => {
    if (/^\s*@[a-z]+\s*[{(]/i.test(line)) {
      flush();
      current = { line: i + 1, lines: [line] };
    } else if (current) current.lines.push(line);
  });
  flush();
  if (strings.length === 0) return chunks;
  return chunks.map((c) => ({ ...c, text: `${strings.join("\n")}\n${c.text}` }));
}

function splitMedline(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let current: { line: number; lines: string[] } | null = null;
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") {
      if (current) chunks.push({ line: current.line, text: current.lines.join("\n") });
      current = null;
    } else {
      current ??= { line: i + 1, lines: [] };
      current.lines.push(line);
    }
  });
  const last = current as { line: number; lines: string[] } | null;
  if (last) chunks.push({ line: last.line, text: last.lines.join("\n") });
  return chunks;
}

/** Why a parser gave up, in a few words (citation-js messages can run over many lines). */
const shortReason = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).split("\n")[0]?.slice(0, 200) ?? "";

function parseCitationJs(
  chunk: Chunk,
  type: "@ris/file" | "@bibtex/text",
): Record<string, unknown> {
  const items = plugins.input.chain(chunk.text, { forceType: type, generateGraph: false });
  const [item] = items;
  if (!item || items.length !== 1) throw new Error("it holds no record");
  return item;
}

/** A parsed record's metadata, checked as a reference is: the messages, or the metadata. */
function checked(raw: Omit<ReferenceMetadata, "authors"> & { authorList: string[] }) {
  if (!raw.title.trim()) return { errors: ["no title"], metadata: null };
  const { authorList, ...rest } = raw;
  // A malformed PMCID (EndNote puts whatever was typed in C2/C3) is dropped, not fatal: the
  // DOI and PMID are what a reference is known by.
  const pmcid = rest.pmcid && /^PMC\d{1,10}$/.test(rest.pmcid) ? rest.pmcid : null;
  const candidate = { ...rest, pmcid, authors: citedAuthors(authorList) };
  const parsed = referenceFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((i) => i.message.replace(/\.$/, "")),
      metadata: null,
    };
  }
  const metadata: ReferenceMetadata = {
    ...candidate,
    ...parsed.data,
    source: "import",
    suggestedDesign: null,
  };
  return { errors: [], metadata };
}

function parseChunk(chunk: Chunk, format: ReferenceFileFormat) {
  if (chunk.problem) return { errors: [chunk.problem], metadata: null };
  if (chunk.text.length > REFERENCE_IMPORT_LIMITS.maxRecordChars) {
    return {
      errors: [
        `the record is longer than ${REFERENCE_IMPORT_LIMITS.maxRecordChars.toLocaleString("en")} characters`,
      ],
      metadata: null,
    };
  }
  try {
    if (format === "medline") {
      const { fields } = readMedlineFields(chunk.text);
      if (!fields.has("PMID") && !fields.has("TI")) {
        return {
          errors: ["it has no “PMID- ” or “TI  - ” line, so it is not a record"],
          metadata: null,
        };
      }
      return checked(medlineToMetadata(fields));
    }
    const item = parseCitationJs(chunk, format === "ris" ? "@ris/file" : "@bibtex/text");
    const metadata = cslToMetadata(item);
    if (format !== "ris") return checked(metadata);
    // citation-js prefers RIS's translated title (TT) when a record has both, as EndNote's
    // exports do, and drops a DO value that is no DOI; the record's own TI (or the older T1)
    // is its title, and a bad DOI is reported rather than silently lost.
    const tag = (name: string) =>
      new RegExp(`^${name} {2}- ?(.+)$`, "m").exec(chunk.text)?.[1]?.trim();
    const ownTitle = tag("TI") ?? tag("T1");
    const ownDoi = tag("DO");
    return checked({
      ...metadata,
      title: ownTitle || metadata.title,
      doi: metadata.doi ?? (ownDoi ? bareDoi(ownDoi).toLowerCase() : null),
    });
  } catch (err) {
    return { errors: [`it could not be read (${shortReason(err)})`], metadata: null };
  }
}

function cslChunks(text: string): { chunks: unknown[] } | { message: string } {
  const problem = scanJson(text, REFERENCE_IMPORT_LIMITS.maxJsonDepth);
  if (problem) return { message: `The CSL-JSON file is not valid JSON: ${problem.problem}.` };
  const value: unknown = JSON.parse(text);
  if (Array.isArray(value)) return { chunks: value };
  if (value && typeof value === "object") {
    const items = (value as { items?: unknown }).items;
    return { chunks: Array.isArray(items) ? items : [value] };
  }
  return { message: "A CSL-JSON file is a list of records: [{“type”, “title”, …}, …]." };
}

function parseCslItem(item: unknown) {
  if (!item || typeof item !== "object" || Array.isArray(item)) {
    return { errors: ["it is not a CSL-JSON record (an object with a title)"], metadata: null };
  }
  try {
    const [normalized] = plugins.input.chain([item], {
      forceType: "@csl/list+object",
      generateGraph: false,
    });
    return checked(cslToMetadata(normalized ?? (item as Record<string, unknown>)));
  } catch (err) {
    return { errors: [`it could not be read (${shortReason(err)})`], metadata: null };
  }
}

/** Marks each valid record that repeats an earlier one's DOI or PMID. */
function markDuplicates(records: ImportRecord[]) {
  const seen = new Map<string, number>();
  for (const r of records) {
    if (!r.metadata) continue;
    const keys = [
      r.metadata.doi ? `doi:${r.metadata.doi}` : null,
      r.metadata.pmid ? `pmid:${r.metadata.pmid}` : null,
    ].filter((k): k is string => k !== null);
    const earlier = keys.map((k) => seen.get(k)).find((i) => i !== undefined);
    if (earlier !== undefined) r.duplicateOfRecord = earlier;
    else for (const k of keys) seen.set(k, r.index);
  }
}

/**
 * The records of a reference manager's file. Refused as a whole (ok: false, nothing to list)
 * only when it cannot be split into records at all: an unknown format, invalid JSON, no
 * records, or more than the limit.
 */
export function parseReferenceFile(
  input: string,
  options: { format?: ReferenceFileFormat | "auto"; fileName?: string } = {},
): ReferenceFileResult {
  const text = normalizeText(input);
  if (text.trim() === "") return { ok: false, message: "The file is empty." };
  if (text.length > REFERENCE_IMPORT_LIMITS.maxChars) {
    return {
      ok: false,
      message: `The file is larger than ${REFERENCE_IMPORT_LIMITS.maxChars / 1024 / 1024} MB: split it and import the parts.`,
    };
  }
  const format =
    options.format && options.format !== "auto"
      ? options.format
      : detectFormat(text, options.fileName);
  if (!format) {
    return {
      ok: false,
      message:
        "This is not a file Claimdesk can read: export RIS (.ris), BibTeX (.bib), CSL-JSON (.json) or PubMed (.nbib) from your reference manager.",
    };
  }
  let parts: {
    line: number | null;
    parse: () => { errors: string[]; metadata: ReferenceMetadata | null };
  }[];
  if (format === "csl-json") {
    const read = cslChunks(text);
    if ("message" in read) return { ok: false, message: read.message };
    parts = read.chunks.map((item) => ({ line: null, parse: () => parseCslItem(item) }));
  } else {
    const chunks =
      format === "ris"
        ? splitRis(text)
        : format === "bibtex"
          ? splitBibtex(text)
          : splitMedline(text);
    // Only stray text (no record started anywhere): not a file of this format at all.
    if (chunks.every((c) => c.problem)) {
      return {
        ok: false,
        message: `The file holds no ${REFERENCE_FORMAT_LABELS[format]} records.`,
      };
    }
    parts = chunks.map((c) => ({ line: c.line, parse: () => parseChunk(c, format) }));
  }
  if (parts.length === 0) {
    return {
      ok: false,
      message: `The file holds no ${REFERENCE_FORMAT_LABELS[format]} records.`,
    };
  }
  if (parts.length > REFERENCE_IMPORT_LIMITS.maxRecords) {
    return {
      ok: false,
      message: `The file holds ${parts.length.toLocaleString("en")} records; one import takes at most ${REFERENCE_IMPORT_LIMITS.maxRecords.toLocaleString("en")}: split it and import the parts.`,
    };
  }
  const records = parts.map((p, i): ImportRecord => {
    const { errors, metadata } = p.parse();
    return { index: i + 1, line: p.line, metadata, errors, duplicateOfRecord: null };
  });
  markDuplicates(records);
  return { ok: true, format, records };
}

/** "Record 7 (line 61): no title" — a record's errors, as the preview lists them. */
export function describeRecordErrors(record: ImportRecord): string {
  const where =
    record.line === null
      ? `Record ${record.index}`
      : `Record ${record.index} (line ${record.line})`;
  return `${where}: ${record.errors.join("; ")}`;
}
