/**
 * What a reviewer pastes to look a work up, read as the one identifier it names: a DOI (bare,
 * `doi:`, a doi.org / dx.doi.org link, %-encoded), a PMID (digits, `PMID:`, a PubMed link) or a
 * PMCID (`PMC123`, a PMC article link). Pure, so the form, the evidence schema and the look-up
 * service read identifiers the same way (lib/core/validation/evidence.ts uses the DOI and PMID
 * readers below).
 *
 * Pasted text is messy: whitespace and line breaks from PDFs, a trailing full stop or bracket from
 * a citation, Unicode dashes (‐ ‑ – —) where a DOI has "-", zero-width spaces. These are cleaned;
 * anything still not an identifier gets a message that says what one looks like.
 */

export type IdentifierKind = "doi" | "pmid" | "pmcid";

export interface Identifier {
  kind: IdentifierKind;
  /** DOI bare and lower-cased (10.1000/xyz); PMID digits; PMCID with its prefix (PMC123). */
  value: string;
}

export type IdentifierResult =
  | { ok: true; identifier: Identifier }
  | { ok: false; message: string };

/** Longer than any real DOI or link to one: the rest is not worth reading. */
export const MAX_IDENTIFIER_INPUT = 500;

/** A DOI as Crossref defines it: "10." + registrant + "/" + suffix. */
export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;
export const PMID_PATTERN = /^[1-9]\d{0,8}$/;
const PMCID_PATTERN = /^PMC[1-9]\d{0,9}$/;

export const IDENTIFIER_HELP =
  "Paste a DOI (10.1000/xyz or a doi.org link), a PMID (a number such as 23878845 or a PubMed link) or a PMCID (PMC3261988).";

/** Unicode hyphens and dashes that PDFs and word processors put where a DOI has "-". */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Zero-width and byte-order marks copied along from web pages. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Whitespace inside (a DOI broken across lines), invisible marks and dashes cleaned. */
function tidy(input: string): string {
  return input.normalize("NFKC").replace(INVISIBLE, "").replace(DASHES, "-").trim();
}

/** A citation's punctuation around the identifier: "(doi:10.1/x)." or "<https://…>". */
function stripWrapping(value: string): string {
  let v = value.replace(/^[<([{"'“‘]+/, "");
  // A DOI may end in ")" when it opened one ("10.1016/S0140-6736(24)00001-1"): keep balanced ones.
  for (;;) {
    const last = v.at(-1);
    if (!last) break;
    if (".,;:'\"”’>]}".includes(last)) v = v.slice(0, -1);
    else if (last === ")" && count(v, "(") < count(v, ")")) v = v.slice(0, -1);
    else break;
  }
  return v;
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

function decode(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const DOI_PREFIX =
  /^(?:https?:\/\/)?(?:(?:dx|www)\.)?doi\.org\/|^doi:\s*|^https?:\/\/hdl\.handle\.net\//i;

/**
 * A DOI's bare form, without a doi.org link, a "doi:" prefix or %-encoding; the text unchanged
 * (trimmed) when it carries none of them. Not lower-cased: the evidence form keeps it as typed.
 */
export function bareDoi(value: string): string {
  const cleaned = stripWrapping(tidy(value).replace(/\s+/g, ""));
  const stripped = cleaned.replace(DOI_PREFIX, "");
  return stripped === cleaned ? stripped : decode(stripped);
}

const PUBMED_LINK =
  /^(?:https?:\/\/)?(?:pubmed\.ncbi\.nlm\.nih\.gov\/|(?:www\.)?ncbi\.nlm\.nih\.gov\/pubmed\/)(\d+)\/?(?:[?#].*)?$/i;

/** A PMID's digits, without "PMID:" or a PubMed link around them. */
export function barePmid(value: string): string {
  const cleaned = stripWrapping(tidy(value));
  const link = PUBMED_LINK.exec(cleaned);
  if (link?.[1]) return link[1];
  return cleaned.replace(/^pmid:?\s*/i, "").replace(/\/$/, "");
}

const PMC_LINK =
  /^(?:https?:\/\/)?(?:pmc\.ncbi\.nlm\.nih\.gov\/articles\/|(?:www\.)?ncbi\.nlm\.nih\.gov\/pmc\/articles\/|europepmc\.org\/article\/pmc\/)(PMC\d+)(?:\.\d+)?\/?(?:[?#].*)?$/i;

function barePmcid(value: string): string {
  const cleaned = stripWrapping(tidy(value));
  const link = PMC_LINK.exec(cleaned);
  const id = link?.[1] ?? cleaned.replace(/^pmcid:?\s*/i, "");
  // "PMC3261988.1" names a version of the article; the look-up wants the article.
  return id
    .toUpperCase()
    .replace(/\.\d+$/, "")
    .replace(/^PMC\s+/, "PMC");
}

/** Reads pasted text as a DOI, PMID or PMCID, or says why it is none of them. */
export function parseIdentifier(input: string): IdentifierResult {
  if (input.length > MAX_IDENTIFIER_INPUT) {
    return {
      ok: false,
      message: `That is too long for an identifier (${input.length} characters). ${IDENTIFIER_HELP}`,
    };
  }
  const text = tidy(input);
  if (text === "") return { ok: false, message: IDENTIFIER_HELP };

  const doi = bareDoi(text);
  if (DOI_PATTERN.test(doi))
    return { ok: true, identifier: { kind: "doi", value: doi.toLowerCase() } };
  if (/^(?:https?:\/\/)?(?:(?:dx|www)\.)?doi\.org\/|^doi:|^10\./i.test(text)) {
    return {
      ok: false,
      message: `“${short(text)}” is not a complete DOI: a DOI looks like 10.1000/xyz123.`,
    };
  }
  const pmcid = barePmcid(text);
  if (PMCID_PATTERN.test(pmcid)) return { ok: true, identifier: { kind: "pmcid", value: pmcid } };

  const pmid = barePmid(text);
  if (PMID_PATTERN.test(pmid)) return { ok: true, identifier: { kind: "pmid", value: pmid } };
  if (/^\d+$/.test(pmid)) {
    return {
      ok: false,
      message: "A PMID is a number of 1 to 9 digits that does not start with 0.",
    };
  }
  return { ok: false, message: `“${short(text)}” is not a DOI, PMID or PMCID. ${IDENTIFIER_HELP}` };
}

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** How an identifier is written for people: "DOI 10.1/x", "PMID 123", "PMCID PMC123". */
export function describeIdentifier(id: Identifier): string {
  return `${id.kind === "doi" ? "DOI" : id.kind === "pmid" ? "PMID" : "PMCID"} ${id.value}`;
}
