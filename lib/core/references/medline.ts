/**
 * PubMed's MEDLINE format (.nbib, .txt: "Send to › Citation manager" and "Save › PubMed"), read
 * by hand: no citation-js plugin for it works with @citation-js/core 0.8. One record's text is
 * lines of `TAG - value` (the tag left-aligned and padded to four characters), a value going on
 * over lines that start with six spaces. Only the tags a reference needs are read:
 * https://www.nlm.nih.gov/bsd/mms/medlineelements.html. Pure.
 */
import type { ReferenceMetadata } from "./metadata";

/** A record as tag → values, in the file's order (AU, PT and AID repeat). */
export type MedlineFields = Map<string, string[]>;

const TAG_LINE = /^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$/;

/** The tags and values of one record's text; lines that are neither are returned as stray. */
export function readMedlineFields(text: string): { fields: MedlineFields; stray: number[] } {
  const fields: MedlineFields = new Map();
  const stray: number[] = [];
  let last: string[] | null = null;
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const tagged = TAG_LINE.exec(line);
    if (tagged && !line.startsWith(" ")) {
      const [, tag = "", value = ""] = tagged;
      last = fields.get(tag) ?? [];
      fields.set(tag, last);
      last.push(value.trim());
    } else if (line.startsWith("      ") && last && last.length > 0) {
      // A continuation: joined with one space, as PubMed wrapped it at 80 columns.
      last[last.length - 1] = `${last[last.length - 1]} ${line.trim()}`;
    } else stray.push(i);
  });
  return { fields, stray };
}

const first = (f: MedlineFields, tag: string) => f.get(tag)?.[0]?.trim() ?? "";

/** "10.1000/xyz [doi]" among a record's LID and AID values. */
function doiOf(f: MedlineFields): string | null {
  for (const value of [...(f.get("LID") ?? []), ...(f.get("AID") ?? [])]) {
    const m = /^(\S+)\s*\[doi\]$/i.exec(value.trim());
    if (m?.[1]) return m[1];
  }
  return null;
}

/** "Smith J, Doe AB": AU is already in MEDLINE's citation form; FAU ("Smith, John") otherwise. */
function authorsOf(f: MedlineFields): string[] {
  const au = f.get("AU") ?? [];
  if (au.length > 0) return au;
  return (f.get("FAU") ?? []).map((full) => {
    const [family = "", given = ""] = full.split(",").map((s) => s.trim());
    const initials = given
      .split(/[\s-]+/)
      .filter(Boolean)
      .map((g) => g[0]?.toUpperCase() ?? "")
      .join("");
    return initials ? `${family} ${initials}` : family;
  });
}

/**
 * The fields of one MEDLINE record as a reference, before the importer's checks (the title is
 * required, the DOI's form…): `authors` is the list, joined by the importer.
 */
export function medlineToMetadata(
  f: MedlineFields,
): Omit<ReferenceMetadata, "authors"> & { authorList: string[] } {
  const pmc = first(f, "PMC");
  const year = /\b(\d{4})\b/.exec(first(f, "DP"))?.[1];
  // A book chapter has no TI but a BTI/ CTI; a title in brackets is an English translation.
  const title = first(f, "TI") || first(f, "BTI") || first(f, "CTI");
  return {
    doi: doiOf(f),
    pmid: first(f, "PMID") || null,
    pmcid: pmc ? pmc.toUpperCase() : null,
    title,
    authorList: authorsOf(f),
    // The full journal title reads better in a reference list than its abbreviation.
    journal: first(f, "JT") || first(f, "TA"),
    year: year ? Number(year) : null,
    volume: first(f, "VI"),
    issue: first(f, "IP"),
    pages: first(f, "PG"),
    url: null,
    publicationTypes: [...new Set(f.get("PT") ?? [])],
    abstract: (f.get("AB") ?? []).join("\n\n"),
    source: "import",
    suggestedDesign: null,
  };
}
