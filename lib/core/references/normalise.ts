/**
 * Crossref's and PubMed's answers, turned into the one `ReferenceMetadata` shape. Pure: the
 * look-up service (lib/services/references/lookup.ts) fetches, these read.
 *
 * - Authors are written as medical citations write them: "Family GI" (initials of the given
 *   names, no dots), joined by ", "; a group author ("C8 Science Panel") as it is.
 * - Crossref's abstract is a JATS XML snippet: its section titles become "Background: …" and its
 *   paragraphs are separated by a blank line; every other tag is dropped.
 * - PubMed's structured abstracts carry a label per section ("OBJECTIVES", "RESULTS"): each
 *   section is one paragraph starting with its label, as PubMed's own page shows them.
 */
import { XMLParser } from "fast-xml-parser";
import { suggestDesign } from "./design";
import type { ReferenceMetadata } from "./metadata";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Decodes the XML/HTML entities left in raw markup (named basics and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1]?.toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Markup (inline HTML, MathML) out, entities decoded, whitespace collapsed to single spaces. */
export function plainText(markup: string): string {
  const noMath = markup.replace(/<mml:math[\s\S]*?<\/mml:math>/gi, (m) =>
    m.replace(/<[^>]+>/g, "").replace(/\s+/g, ""),
  );
  return decodeEntities(noMath.replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** "Hila Marie" → "HM"; "E. A." → "EA"; "Jean-Pierre" → "JP". */
export function initialsOf(given: string): string {
  return given
    .split(/[\s.\-‐]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
}

/** One author as cited: "Family GI", or the family name alone when there are no given names. */
export function citedAuthor(family: string, given: string): string {
  const f = family.trim();
  const initials = initialsOf(given);
  return initials ? `${f} ${initials}` : f;
}

/** A JATS abstract (Crossref's) as paragraphs of text. */
export function jatsToText(jats: string): string {
  const text = jats
    .replace(/<jats:title>\s*abstract\s*<\/jats:title>/gi, "")
    .replace(
      /<jats:title[^>]*>([\s\S]*?)<\/jats:title>/gi,
      (_, t: string) => `\uE000${plainText(t)}: `,
    )
    .replace(/<\/jats:(p|sec)>/gi, "\uE001");
  return text
    .split(/[\uE000\uE001]/)
    .map((part) => plainText(part))
    .filter((part) => part !== "")
    .reduce<string[]>((paras, part) => {
      // A section title ("Background: ") joins the paragraph that follows it.
      const last = paras.at(-1);
      if (last?.endsWith(":")) paras[paras.length - 1] = `${last} ${part}`;
      else paras.push(part);
      return paras;
    }, [])
    .join("\n\n");
}

type Json = Record<string, unknown>;
const str = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
const first = (v: unknown): string => (Array.isArray(v) ? str(v[0]) : str(v));
const asArray = <T>(v: T | T[] | undefined | null): T[] =>
  v == null ? [] : Array.isArray(v) ? v : [v];

function crossrefYear(work: Json): number | null {
  for (const key of ["issued", "published-print", "published-online", "published", "created"]) {
    const parts = (work[key] as { "date-parts"?: unknown[][] } | undefined)?.["date-parts"];
    const year = Number(parts?.[0]?.[0]);
    if (Number.isInteger(year) && year > 0) return year;
  }
  return null;
}

/** Crossref's `message` for one work (GET /works/{doi}) as metadata; null when it is not one. */
export function crossrefToMetadata(message: unknown): ReferenceMetadata | null {
  if (typeof message !== "object" || message === null) return null;
  const work = message as Json;
  const doi = str(work.DOI).toLowerCase();
  const title = plainText(first(work.title));
  if (!doi || !title) return null;
  const subtitle = plainText(first(work.subtitle));
  const authors = asArray(work.author as Json[] | undefined)
    .map((a) => (a.family ? citedAuthor(str(a.family), str(a.given)) : str(a.name).trim()))
    .filter(Boolean);
  const type = str(work.type);
  return {
    doi,
    pmid: null,
    pmcid: null,
    title: subtitle ? `${title}: ${subtitle}` : title,
    authors: authors.join(", "),
    journal: plainText(first(work["container-title"])) || plainText(str(work.publisher)),
    year: crossrefYear(work),
    volume: str(work.volume),
    issue: str(work.issue),
    pages: str(work.page),
    url: `https://doi.org/${doi}`,
    publicationTypes: type ? [type] : [],
    abstract: work.abstract ? jatsToText(str(work.abstract)) : "",
    source: "crossref",
    suggestedDesign: null,
  };
}

const pubmedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Titles and abstracts carry inline markup (<i>, <sup>, MathML): kept raw, then made plain text,
  // so the words stay in order.
  stopNodes: ["*.ArticleTitle", "*.AbstractText", "*.VernacularTitle"],
  isArray: (name) =>
    [
      "PubmedArticle",
      "Author",
      "AbstractText",
      "PublicationType",
      "ArticleId",
      "ELocationID",
    ].includes(name),
  htmlEntities: true,
  parseTagValue: false,
  processEntities: true,
});

/** The text of a parsed node: a string, or an element's "#text" (it has attributes). */
const textOf = (v: unknown): string =>
  typeof v === "object" && v !== null ? str((v as Json)["#text"]) : str(v);
const attr = (v: unknown, name: string): string =>
  typeof v === "object" && v !== null ? str((v as Json)[`@_${name}`]) : "";

function pubmedAbstract(abstract: Json | undefined): string {
  return asArray(abstract?.AbstractText as unknown[] | undefined)
    .map((section) => {
      const text = plainText(textOf(section));
      const label = attr(section, "Label").trim();
      return label && text ? `${label}: ${text}` : text;
    })
    .filter(Boolean)
    .join("\n\n");
}

function pubmedYear(article: Json): number | null {
  const pubDate = ((article.Journal as Json | undefined)?.JournalIssue as Json | undefined)
    ?.PubDate as Json | undefined;
  const candidates = [
    textOf(pubDate?.Year),
    textOf(pubDate?.MedlineDate),
    textOf((article.ArticleDate as Json | undefined)?.Year),
  ];
  for (const c of candidates) {
    const m = /\b(1[89]\d\d|2\d\d\d)\b/.exec(c);
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * An E-utilities efetch answer (db=pubmed, retmode=xml) as metadata for its first article, with
 * the design its publication types suggest; null when it holds no article (no such PMID).
 * Throws on text that is not XML, for the caller to report as a failed answer.
 */
export function pubmedXmlToMetadata(xml: string): ReferenceMetadata | null {
  const parsed = pubmedParser.parse(xml) as Json;
  const set = parsed.PubmedArticleSet as Json | undefined;
  const record = asArray(set?.PubmedArticle as Json[] | undefined)[0];
  if (!record) return null;
  const citation = record.MedlineCitation as Json;
  const article = (citation?.Article ?? {}) as Json;
  const pmid = textOf(citation?.PMID);
  if (!pmid) return null;
  const ids = asArray(
    ((record.PubmedData as Json | undefined)?.ArticleIdList as Json | undefined)?.ArticleId,
  );
  const idOf = (type: string) => textOf(ids.find((i) => attr(i, "IdType") === type)).trim();
  const elocDoi = textOf(
    asArray(article.ELocationID as unknown[] | undefined).find((e) => attr(e, "EIdType") === "doi"),
  );
  const doi = (idOf("doi") || elocDoi).trim().toLowerCase() || null;
  const pmc = idOf("pmc");
  const authors = asArray((article.AuthorList as Json | undefined)?.Author as Json[] | undefined)
    .map((a) =>
      a.LastName
        ? `${textOf(a.LastName).trim()}${a.Initials ? ` ${textOf(a.Initials).trim()}` : a.ForeName ? ` ${initialsOf(textOf(a.ForeName))}` : ""}`
        : plainText(textOf(a.CollectiveName)),
    )
    .filter(Boolean);
  const journal = (article.Journal ?? {}) as Json;
  const issue = (journal.JournalIssue ?? {}) as Json;
  const pagination = (article.Pagination ?? {}) as Json;
  const pages =
    textOf(pagination.MedlinePgn) ||
    [textOf(pagination.StartPage), textOf(pagination.EndPage)].filter(Boolean).join("-");
  const publicationTypes = asArray(
    (article.PublicationTypeList as Json | undefined)?.PublicationType as unknown[] | undefined,
  )
    .map((t) => textOf(t).trim())
    .filter(Boolean);
  // NLM titles end with a full stop, and "[Title in English]." when translated: citations drop both.
  const title = plainText(textOf(article.ArticleTitle))
    .replace(/^\[(.*)\]\.?$/, "$1")
    .replace(/\.$/, "");
  return {
    doi,
    pmid,
    pmcid: /^PMC\d+$/.test(pmc) ? pmc : null,
    title: title || plainText(textOf(article.VernacularTitle)),
    authors: authors.join(", "),
    // "Quintessence international (Berlin, Germany : 1985)": the place and year say which of
    // two journals of one name it is; a citation leaves them out.
    journal: textOf(journal.Title)
      .replace(/\s*\([^)]*\)\s*$/, "")
      .trim(),
    year: pubmedYear(article),
    volume: textOf(issue.Volume),
    issue: textOf(issue.Issue),
    pages,
    url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`,
    publicationTypes,
    abstract: pubmedAbstract(article.Abstract as Json | undefined),
    source: "pubmed",
    suggestedDesign: suggestDesign(publicationTypes)?.design ?? null,
  };
}
