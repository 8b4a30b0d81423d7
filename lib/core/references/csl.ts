/**
 * From a CSL-JSON item (what citation-js gives for RIS and BibTeX, and what Zotero's and
 * Mendeley's CSL-JSON export holds) to a reference's fields. Pure.
 */
import { bareDoi } from "@/lib/core/validation/identifier";
import type { ReferenceMetadata } from "./metadata";

/** The most characters of a cited author list (evidence's `authors` holds 1,000). */
const MAX_AUTHORS = 1000;

/**
 * "Smith J, Doe AB" from the list; shortened to what fits with "et al." (a consortium paper
 * can list hundreds, and the citation only ever shows the first few).
 */
export function citedAuthors(list: readonly string[]): string {
  const names = list.map((n) => n.trim()).filter(Boolean);
  const all = names.join(", ");
  if (all.length <= MAX_AUTHORS) return all;
  let out = "";
  for (const name of names) {
    const next = out ? `${out}, ${name}` : name;
    if (next.length > MAX_AUTHORS - ", et al.".length) break;
    out = next;
  }
  return `${out}, et al.`;
}

const str = (v: unknown): string =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";

/** Without markup: CSL titles may carry <i>, <sub> (rich text), and BibTeX braces may survive. */
const plain = (v: unknown) =>
  str(v)
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** One CSL name as cited: family name and initials ("Smith J"), or a literal ("WHO"). */
function citedName(name: unknown): string {
  if (!name || typeof name !== "object") return "";
  const n = name as Record<string, unknown>;
  const literal = plain(n.literal);
  if (literal) return literal;
  const family = [plain(n["non-dropping-particle"]), plain(n.family)].filter(Boolean).join(" ");
  const initials = plain(n.given)
    .split(/[\s.-]+/)
    .filter(Boolean)
    .map((g) => g[0]?.toUpperCase() ?? "")
    .join("");
  return [family, initials].filter(Boolean).join(" ");
}

function yearOf(issued: unknown): number | null {
  if (!issued || typeof issued !== "object") return null;
  const d = issued as Record<string, unknown>;
  const parts = d["date-parts"];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? parts[0][0] : undefined;
  const fromParts = Number(first);
  if (Number.isInteger(fromParts) && fromParts > 0) return fromParts;
  const raw = /\b(\d{4})\b/.exec(str(d.raw) || str(d.literal))?.[1];
  return raw ? Number(raw) : null;
}

/** A PMID or PMCID as some exporters write them in `note`/`extra` ("PMID: 123"). */
function fromNote(note: string, label: "PMID" | "PMCID"): string | null {
  const m = new RegExp(`\\b${label}:\\s*(\\S+)`, "i").exec(note);
  return m?.[1] ?? null;
}

/** A CSL item's fields, before the importer's checks; `authorList` is joined by the caller. */
export function cslToMetadata(
  item: Record<string, unknown>,
): Omit<ReferenceMetadata, "authors"> & { authorList: string[] } {
  const note = [str(item.note), str(item.extra)].join("\n");
  const doi = str(item.DOI);
  const url = str(item.URL);
  const pmcid = str(item.PMCID) || fromNote(note, "PMCID");
  return {
    doi: doi ? bareDoi(doi).toLowerCase() : null,
    pmid: str(item.PMID) || fromNote(note, "PMID"),
    pmcid: pmcid ? (/^\d+$/.test(pmcid) ? `PMC${pmcid}` : pmcid.toUpperCase()) : null,
    title: plain(item.title),
    authorList: (Array.isArray(item.author) ? item.author : []).map(citedName),
    journal: plain(item["container-title"]) || plain(item["container-title-short"]),
    year: yearOf(item.issued),
    volume: str(item.volume),
    issue: str(item.issue),
    pages: str(item.page),
    // Only a web link: an EndNote "internal-pdf://" path means nothing here.
    url: /^https?:\/\//i.test(url) ? url : null,
    publicationTypes: [],
    abstract: plain(item.abstract),
    source: "import",
    suggestedDesign: null,
  };
}
