/**
 * Reading W3C Web Annotations — and Hypothesis' exports of them — into the quotes that claims
 * are made from. Pure: no database, no anchoring. Every input annotation comes back, in order,
 * either normalized or with the reason it cannot become a claim, so that the import can list
 * what it skipped instead of dropping it. Only a problem with the file as a whole (not JSON,
 * no annotations, too many) fails the parse, and then nothing is imported.
 *
 * Accepted containers: an AnnotationPage (following embedded `next` pages), an
 * AnnotationCollection with its first page embedded, a JSON array, a single annotation, the
 * Hypothesis client's export (`{export_date, annotations: […]}`) and an API search result
 * (`{total, rows: […]}`).
 */
import type { z } from "zod";
import { MAX_IMPORT_ANNOTATIONS, MAX_IMPORT_BODY } from "@/lib/core/limits/annotations";
import {
  type AnnotationJson,
  annotationCollectionSchema,
  annotationPageSchema,
  annotationSchema,
  bodyObjectSchema,
  hasType,
  selectorSchema,
  targetObjectSchema,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
} from "@/lib/core/validation/annotations";
import {
  CLAIM_STATUS_LABELS,
  type ClaimStatus,
  VERDICT_INFO,
  VERDICTS,
  type Verdict,
} from "@/lib/core/vocabulary";

/** What a claim is made from: a TextQuoteSelector, an optional position hint and the note. */
export interface NormalizedAnnotation {
  id?: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** Where the annotation's own copy of the text had the quote: a hint between repeats. */
  start?: number;
  end?: number;
  /** The body's text (TextualBody values, `bodyValue`, Hypothesis `text`), paragraphs apart. */
  bodyText?: string;
  tags?: string[];
  creator?: string;
  created?: string;
  /**
   * The review our own W3C export carries (lib/core/export/w3c.ts: generator "Claimdesk", bodies by
   * purpose), read back so a re-import keeps it; absent for anyone else's annotations.
   */
  review?: ImportedReview;
}

/** A claim's review as our W3C export writes it. */
export interface ImportedReview {
  status: ClaimStatus;
  verdict: Verdict | null;
  rationale: string;
  suggestedCorrection: string;
}

export type ItemProblem = {
  reason: "no_quote" | "malformed";
  message: string;
};

/** One input annotation, at its 0-based position in the file. */
export type ParsedItem =
  | { index: number; id?: string; annotation: NormalizedAnnotation }
  | { index: number; id?: string; problem: ItemProblem };

export type ParseResult =
  | { ok: true; items: ParsedItem[]; notices: string[] }
  | { ok: false; message: string };

const NOT_ANNOTATIONS =
  "This JSON holds no Web Annotations: expected an annotation, a list of them, an AnnotationPage, an AnnotationCollection or a Hypothesis export.";

/** Parses the text of an annotations file. */
export function parseAnnotationsJson(json: string, limit = MAX_IMPORT_ANNOTATIONS): ParseResult {
  let data: unknown;
  try {
    // Editors on some systems save JSON with a byte-order mark, which JSON.parse refuses.
    data = JSON.parse(json.replace(/^\uFEFF/, ""));
  } catch (err) {
    const detail = err instanceof SyntaxError ? ` (${err.message})` : "";
    return { ok: false, message: `This is not valid JSON${detail}. Nothing was imported.` };
  }
  return parseAnnotations(data, limit);
}

/** Normalizes already-parsed JSON. */
export function parseAnnotations(data: unknown, limit = MAX_IMPORT_ANNOTATIONS): ParseResult {
  const listed = listAnnotations(data);
  if ("message" in listed) return { ok: false, message: listed.message };
  const { raw, notices } = listed;
  if (raw.length === 0) return { ok: false, message: "The file holds no annotations." };
  if (raw.length > limit) {
    return {
      ok: false,
      message: `The file holds ${raw.length.toLocaleString("en")} annotations; at most ${limit.toLocaleString("en")} can be imported at once. Split it and import the parts.`,
    };
  }
  return { ok: true, items: raw.map(normalizeItem), notices };
}

type Listed = { raw: unknown[]; notices: string[] } | { message: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function listAnnotations(data: unknown): Listed {
  if (Array.isArray(data)) return { raw: data, notices: [] };
  if (!isObject(data)) return { message: NOT_ANNOTATIONS };
  if (hasType(data.type, "AnnotationCollection")) {
    const collection = annotationCollectionSchema.safeParse(data);
    if (!collection.success)
      return { message: `The AnnotationCollection ${issueText(collection.error)}` };
    const { first, total } = collection.data;
    if (typeof first === "string") {
      return {
        message: `This AnnotationCollection only links to its pages (${first}). Export it with the pages embedded, or import the AnnotationPage files.`,
      };
    }
    if (first === undefined || first === null) {
      return total === 0
        ? { raw: [], notices: [] }
        : { message: "The AnnotationCollection has no first page." };
    }
    return readPages(first);
  }
  if (hasType(data.type, "AnnotationPage")) return readPages(data);
  // Hypothesis: the client's export, and the API's search result.
  if (Array.isArray(data.annotations)) return { raw: data.annotations, notices: [] };
  if (Array.isArray(data.rows)) return { raw: data.rows, notices: [] };
  if (hasType(data.type, "Annotation") || "target" in data) return { raw: [data], notices: [] };
  return { message: NOT_ANNOTATIONS };
}

/** The items of a page and of the pages embedded after it; a linked page cannot be read. */
function readPages(first: unknown): Listed {
  const raw: unknown[] = [];
  const notices: string[] = [];
  // Parsed JSON has no cycles, so the chain of embedded pages ends.
  for (let page = first, n = 1; page !== undefined && page !== null; n++) {
    if (typeof page === "string") {
      notices.push(
        `The annotations after page ${n - 1} are on another page (${page}) that is not in this file; they were not imported.`,
      );
      break;
    }
    const parsed = annotationPageSchema.safeParse(page);
    if (!parsed.success)
      return { message: `Page ${n} is not an AnnotationPage: ${issueText(parsed.error)}` };
    raw.push(...parsed.data.items);
    page = parsed.data.next;
  }
  return { raw, notices };
}

/** The first zod issue as one sentence, with the path of the field it is about. */
function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "is not valid.";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** A problem inside one annotation: caught per item so that the others are still read. */
class Malformed extends Error {}

const asList = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function normalizeItem(raw: unknown, index: number): ParsedItem {
  const id = isObject(raw) && typeof raw.id === "string" ? raw.id : undefined;
  const problem = (reason: ItemProblem["reason"], message: string): ParsedItem => ({
    index,
    ...(id === undefined ? {} : { id }),
    problem: { reason, message },
  });
  if (!isObject(raw)) return problem("malformed", "This item is not an annotation object.");
  const parsed = annotationSchema.safeParse(raw);
  if (!parsed.success) return problem("malformed", issueText(parsed.error));
  const a = parsed.data;
  try {
    const found = findSelectors(a.target);
    if (!found.quote) {
      if (a.references && a.references.length > 0)
        return problem("no_quote", "A reply to another annotation: it quotes no text of its own.");
      return problem(
        "no_quote",
        found.types.length > 0
          ? `It has no TextQuoteSelector (only ${[...new Set(found.types)].join(", ")}).`
          : "It quotes no text (no TextQuoteSelector): a page note, or a target given only by its URL.",
      );
    }
    const annotation: NormalizedAnnotation = { ...trimQuote(found.quote, found.position) };
    if (id !== undefined) annotation.id = id;
    const review = ourReview(raw);
    const body = review ? { text: "", tags: a.tags ?? [] } : readBodies(a);
    if (review) annotation.review = review;
    if (body.text) annotation.bodyText = body.text;
    if (body.tags.length > 0) annotation.tags = body.tags;
    const creator = creatorOf(a);
    if (creator) annotation.creator = creator;
    if (a.created) annotation.created = a.created;
    return { index, ...(id === undefined ? {} : { id }), annotation };
  } catch (err) {
    if (err instanceof Malformed) return problem("malformed", err.message);
    throw err;
  }
}

type Quote = { exact: string; prefix?: string | undefined; suffix?: string | undefined };
type Position = { start: number; end: number };

/**
 * The first TextQuoteSelector among the targets (looking inside `refinedBy` too) and the
 * TextPositionSelector of the same target; `types` names the selectors seen, for the message
 * when there is no quote. A target, quote or position of the wrong JSON type is malformed.
 */
function findSelectors(target: unknown): {
  quote?: Quote;
  position?: Position;
  types: string[];
} {
  const types: string[] = [];
  for (const t of asList(target)) {
    if (typeof t === "string") continue; // a whole resource, by its URL
    const parsed = targetObjectSchema.safeParse(t);
    if (!parsed.success) throw new Malformed(`target: ${issueText(parsed.error)}`);
    let quote: Quote | undefined;
    let position: Position | undefined;
    const visit = (selector: unknown, depth: number, path: string) => {
      if (typeof selector === "string" || depth > 8) return;
      const s = selectorSchema.safeParse(selector);
      if (!s.success) throw new Malformed(`${path}: ${issueText(s.error)}`);
      types.push(s.data.type);
      if (s.data.type === "TextQuoteSelector") {
        const q = textQuoteSelectorSchema.safeParse(selector);
        if (!q.success) throw new Malformed(`${path}: ${issueText(q.error)}`);
        quote ??= q.data;
      } else if (s.data.type === "TextPositionSelector") {
        const p = textPositionSelectorSchema.safeParse(selector);
        if (!p.success) throw new Malformed(`${path}: ${issueText(p.error)}`);
        position ??= p.data;
      }
      for (const inner of asList(s.data.refinedBy)) visit(inner, depth + 1, `${path}.refinedBy`);
    };
    for (const selector of asList(parsed.data.selector)) visit(selector, 0, "selector");
    if (quote) return position ? { quote, position, types } : { quote, types };
  }
  return { types };
}

/**
 * The quote without the white space around it (a highlight that started or ended on a space
 * or a line break); that white space moves into the prefix and suffix, the position follows.
 */
function trimQuote(quote: Quote, position: Position | undefined) {
  const lead = quote.exact.length - quote.exact.trimStart().length;
  const exact = quote.exact.trim();
  if (exact === "") throw new Malformed("The quote (exact) is only white space.");
  const trail = quote.exact.length - lead - exact.length;
  const out: Pick<NormalizedAnnotation, "exact" | "prefix" | "suffix" | "start" | "end"> = {
    exact,
    prefix: (quote.prefix ?? "") + quote.exact.slice(0, lead),
    suffix: quote.exact.slice(lead + exact.length) + (quote.suffix ?? ""),
  };
  if (position && position.end - position.start === quote.exact.length) {
    out.start = position.start + lead;
    out.end = position.end - trail;
  } else if (position) {
    out.start = position.start;
  }
  return out;
}

/** The text of the bodies: W3C TextualBody values (the first of a Choice), bodyValue, Hypothesis `text`; tags apart. */
function readBodies(a: AnnotationJson): { text: string; tags: string[] } {
  const texts: string[] = [];
  const tags: string[] = [...(a.tags ?? [])];
  const read = (body: unknown, depth: number) => {
    if (typeof body === "string" || depth > 4) return; // a URL: nothing to read here
    const parsed = bodyObjectSchema.safeParse(body);
    if (!parsed.success) throw new Malformed(`body: ${issueText(parsed.error)}`);
    const b = parsed.data;
    if (hasType(b.type, "Choice") && b.items) {
      if (b.items.length > 0) read(b.items[0], depth + 1);
      return;
    }
    if (b.value === undefined || b.value.trim() === "") return;
    if (hasType(b.purpose, "tagging")) tags.push(b.value.trim());
    else texts.push(b.format === "text/html" ? htmlToText(b.value) : b.value.trim());
  };
  for (const body of asList(a.body)) read(body, 0);
  if (a.bodyValue?.trim()) texts.push(a.bodyValue.trim());
  if (a.text?.trim()) texts.push(a.text.trim());
  const text = texts.join("\n\n");
  if (text.length > MAX_IMPORT_BODY) {
    throw new Malformed(
      `The annotation's text is longer than ${MAX_IMPORT_BODY.toLocaleString("en")} characters.`,
    );
  }
  return { text, tags: [...new Set(tags.filter((t) => t.trim() !== ""))] };
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  nbsp: " ",
};

/**
 * An HTML body as plain text: the rationale is Markdown rendered with raw HTML off, so tags
 * would show as text. Not a sanitizer (nothing here is rendered as HTML).
 */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|blockquote)>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The creator as one line: a name with its IRI, or either alone; Hypothesis' user otherwise. */
function creatorOf(a: AnnotationJson): string | undefined {
  const [first] = asList(a.creator);
  if (typeof first === "string") return first;
  if (first) {
    const name = first.name ?? first.nickname;
    if (name && first.id) return `${name} (${first.id})`;
    return name ?? first.id;
  }
  const display = a.user_info?.display_name ?? undefined;
  if (display && a.user) return `${display} (${a.user})`;
  return display ?? a.user;
}

const STATUS_BY_LABEL = new Map(
  Object.entries(CLAIM_STATUS_LABELS).map(([status, label]) => [label, status as ClaimStatus]),
);
const VERDICT_BY_LABEL = new Map(VERDICTS.map((v) => [VERDICT_INFO[v].label, v]));

/**
 * The review of an annotation our W3C export wrote: generated by the Software "Claimdesk",
 * motivated `assessing` or `highlighting`, with TextualBodies by purpose (`assessing` the
 * verdict label, `describing` in Markdown the rationale, `editing` the correction,
 * `classifying` the status label). Anything else, or labels we do not know, is read as an
 * ordinary annotation (null). Older files without the `classifying` body: a verdict means
 * "Resolved", none "Unstarted".
 */
function ourReview(raw: Record<string, unknown>): ImportedReview | null {
  const generator = raw.generator;
  if (!isObject(generator) || generator.name !== "Claimdesk") return null;
  if (raw.motivation !== "assessing" && raw.motivation !== "highlighting") return null;
  const bodies = asList(raw.body as unknown).filter(isObject);
  const value = (purpose: string, format = "text/plain") =>
    bodies.find(
      (b) =>
        b.type === "TextualBody" &&
        b.purpose === purpose &&
        b.format === format &&
        typeof b.value === "string",
    )?.value as string | undefined;
  const verdictLabel = value("assessing");
  const verdict = verdictLabel === undefined ? null : VERDICT_BY_LABEL.get(verdictLabel);
  if (verdict === undefined) return null;
  const statusLabel = value("classifying");
  const status =
    statusLabel === undefined ? (verdict ? "resolved" : "open") : STATUS_BY_LABEL.get(statusLabel);
  if (status === undefined || (status === "resolved" && verdict === null)) return null;
  const rationale = value("describing", "text/markdown") ?? "";
  const suggestedCorrection = value("editing") ?? "";
  if (rationale.length > MAX_IMPORT_BODY || suggestedCorrection.length > MAX_IMPORT_BODY) {
    throw new Malformed(
      `The annotation's text is longer than ${MAX_IMPORT_BODY.toLocaleString("en")} characters.`,
    );
  }
  return { status, verdict, rationale, suggestedCorrection };
}
