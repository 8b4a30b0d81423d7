/**
 * Reading other fact-checkers' ClaimReview JSON-LD (schema.org) into the facts a library entry
 * keeps of it: the claim, the publisher's rating in its own words, the publisher and the review's
 * URL. Pure: no database. Accepted as they are published: one ClaimReview object; a page's
 * markup (an object with `@graph`, an array mixing types, or the HTML page itself, whose every
 * `<script type="application/ld+json">` block is read); a feed (an array, or a schema.org
 * DataFeed whose `dataFeedElement` items hold the reviews in `item`). Every ClaimReview found
 * anywhere in those values is taken, in document order; one inside another's properties is not.
 *
 * All or nothing: a review that lacks what an entry needs (or carries a `javascript:` URL, or a
 * claim longer than a claim may be) fails the whole parse, with every such review listed by its
 * position, so that a feed is never half imported. Text is kept as text: markup in it ("<b>",
 * "<script>") is stored and shown as the characters it is, never rendered.
 */
import { MAX_QUOTE } from "@/lib/core/limits/claims";
import { parseJsonText } from "./json-text";

export const CLAIMREVIEW_IMPORT_LIMITS = {
  /** The text pasted or uploaded, in UTF-8 bytes (a large fact-checker's whole feed fits). */
  maxBytes: 5 * 1024 * 1024,
  /** Objects and arrays; real markup nests fewer than 10 (DataFeed › item › ClaimReview › Rating). */
  maxDepth: 32,
  maxReviews: 10_000,
  /** The claim, as every claim's quote (`MAX_QUOTE`). */
  maxClaim: MAX_QUOTE,
  /** A rating's words ("Mostly false", "Pants on fire!"): a label, not an essay. */
  maxRating: 300,
  maxPublisher: 300,
  maxUrl: 2048,
} as const;

/** One review, as an external library entry keeps it. */
export interface ImportedClaimReview {
  /** 0-based position among the ClaimReviews found, in document order. */
  index: number;
  claimReviewed: string;
  /** `reviewRating.alternateName`, else "ratingValue/bestRating" (or the value alone). */
  rating: string;
  /** The first author that is an Organization (else the first author, else `publisher`). */
  publisher: string;
  /** The review's page, http(s) only, normalised (`URL.href`). */
  url: string;
  datePublished: string | null;
  /** `itemReviewed.author.name`: who made the claim, when given. */
  claimAuthor: string | null;
  /** `itemReviewed.appearance` (or `firstAppearance`) URL, when given and http(s). */
  appearance: string | null;
}

export interface ReviewProblem {
  index: number;
  message: string;
}

export type ClaimReviewParseResult =
  | { ok: true; reviews: ImportedClaimReview[] }
  | { ok: false; message: string; problems: ReviewProblem[] };

const L = CLAIMREVIEW_IMPORT_LIMITS;

type Json = unknown;
type JsonObject = Record<string, Json>;
const isObject = (v: Json): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** C0/C1 control characters other than tab and line breaks, which no claim text means. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A one-line text as stored: control characters dropped, broken surrogates replaced, spaces collapsed. */
export function cleanText(value: string): string {
  return value.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD").replace(/\s+/g, " ").trim();
}

/** The schema.org names a property or type may be written under. */
const SCHEMA_PREFIX = /^(?:schema:|https?:\/\/(?:www\.)?schema\.org\/)/i;

function isType(value: Json, name: string): boolean {
  const types = Array.isArray(value) ? value : [value];
  return types.some((t) => typeof t === "string" && t.trim().replace(SCHEMA_PREFIX, "") === name);
}

/** A property under its plain or prefixed name (`claimReviewed`, `schema:claimReviewed`, …). */
function prop(obj: JsonObject, name: string): Json {
  if (Object.hasOwn(obj, name)) return obj[name];
  for (const key of Object.keys(obj)) {
    if (key.replace(SCHEMA_PREFIX, "") === name) return obj[key];
  }
  return undefined;
}

const first = (v: Json): Json => (Array.isArray(v) ? v[0] : v);

/** A text value: a string, a number, or a JSON-LD `{"@value": …}`, the first of a list. */
function textOf(v: Json): string | null {
  const value = first(v);
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (isObject(value) && "@value" in value) return textOf(value["@value"]);
  return null;
}

/** A party's name: the string itself, or its `name`. */
function nameOf(v: Json): string | null {
  if (typeof v === "string") return cleanText(v) || null;
  if (isObject(v)) {
    const name = textOf(prop(v, "name"));
    return name ? cleanText(name) || null : null;
  }
  return null;
}

function publisherOf(review: JsonObject): string | null {
  const parties = [prop(review, "author"), prop(review, "publisher")].flatMap((p) =>
    p === undefined || p === null ? [] : Array.isArray(p) ? p : [p],
  );
  const organization = parties.find((p) => isObject(p) && isType(prop(p, "@type"), "Organization"));
  for (const party of [organization, ...parties]) {
    const name = party === undefined ? null : nameOf(party);
    if (name) return name;
  }
  return null;
}

/** An absolute http(s) URL, normalised; null for anything else (relative, `javascript:`, `data:`). */
export function webUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed) || /\s/.test(trimmed) || !URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

function ratingOf(review: JsonObject): string | null {
  const rating = first(prop(review, "reviewRating"));
  if (!isObject(rating)) return null;
  const words = textOf(prop(rating, "alternateName"));
  if (words && cleanText(words)) return cleanText(words);
  const value = textOf(prop(rating, "ratingValue"));
  if (!value || !cleanText(value)) return null;
  const best = textOf(prop(rating, "bestRating"));
  return best && cleanText(best) ? `${cleanText(value)}/${cleanText(best)}` : cleanText(value);
}

const tooLong = (what: string, max: number) =>
  `${what} is longer than ${max.toLocaleString("en")} characters`;

/** One ClaimReview object as an entry's facts, or what it lacks. */
function readReview(review: JsonObject, index: number): ImportedClaimReview | ReviewProblem {
  const problems: string[] = [];
  const claimText = textOf(prop(review, "claimReviewed"));
  const claimReviewed = claimText === null ? "" : cleanText(claimText);
  if (!claimReviewed) problems.push("it has no claimReviewed text");
  else if (claimReviewed.length > L.maxClaim) problems.push(tooLong("claimReviewed", L.maxClaim));

  const rating = ratingOf(review);
  if (!rating) problems.push("it has no reviewRating (alternateName or ratingValue)");
  else if (rating.length > L.maxRating) problems.push(tooLong("the rating", L.maxRating));

  const publisher = publisherOf(review);
  if (!publisher) problems.push("it names no author (the publisher)");
  else if (publisher.length > L.maxPublisher) problems.push(tooLong("the author", L.maxPublisher));

  const urlText = textOf(prop(review, "url"));
  const url = urlText ? webUrl(urlText) : null;
  if (!urlText) problems.push("it has no url");
  else if (urlText.length > L.maxUrl) problems.push(tooLong("its url", L.maxUrl));
  else if (!url) problems.push("its url is not an http:// or https:// address");

  if (problems.length > 0 || !rating || !publisher || !url) {
    return { index, message: problems.join("; ") };
  }
  const date = textOf(prop(review, "datePublished"));
  const item = first(prop(review, "itemReviewed"));
  let claimAuthor: string | null = null;
  let appearance: string | null = null;
  if (isObject(item)) {
    const author = first(prop(item, "author"));
    claimAuthor = author === undefined ? null : nameOf(author);
    const seen = first(prop(item, "appearance")) ?? first(prop(item, "firstAppearance"));
    const seenUrl =
      typeof seen === "string" ? seen : isObject(seen) ? textOf(prop(seen, "url")) : null;
    appearance = seenUrl && seenUrl.length <= L.maxUrl ? webUrl(seenUrl) : null;
  }
  return {
    index,
    claimReviewed,
    rating,
    publisher,
    url,
    datePublished: date ? cleanText(date).slice(0, 64) || null : null,
    claimAuthor: claimAuthor ? claimAuthor.slice(0, L.maxPublisher) : null,
    appearance,
  };
}

/**
 * Every ClaimReview object in `root`, in document order: found in arrays and in any property
 * of other objects (`@graph`, `dataFeedElement`, `item`, `mainEntity`…), never inside a
 * ClaimReview. An explicit stack, not recursion (the depth is bounded before, but a wide value
 * costs a loop either way). Stops once more than `max` are found.
 */
function findClaimReviews(root: Json, max: number): JsonObject[] {
  const found: JsonObject[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0 && found.length <= max) {
    const value = stack.pop();
    let children: Json[] = [];
    if (Array.isArray(value)) children = value;
    else if (isObject(value)) {
      if (isType(prop(value, "@type"), "ClaimReview")) found.push(value);
      else children = Object.values(value);
    }
    // Pushed in reverse, so that popping visits them in order.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (typeof child === "object" && child !== null) stack.push(child);
    }
  }
  return found;
}

/** The contents of every `<script type="application/ld+json">` block of an HTML page. */
export function jsonLdScripts(html: string): string[] {
  const lower = html.toLowerCase();
  const blocks: string[] = [];
  for (let at = lower.indexOf("<script"); at !== -1; at = lower.indexOf("<script", at + 1)) {
    const open = lower.indexOf(">", at);
    if (open === -1) break;
    const close = lower.indexOf("</script", open);
    if (close === -1) break;
    const attributes = lower.slice(at + "<script".length, open);
    if (/\btype\s*=\s*["']?\s*application\/ld\+json\b/.test(attributes)) {
      blocks.push(html.slice(open + 1, close));
    }
    at = close;
  }
  return blocks;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

const NO_REVIEWS =
  "No ClaimReview was found: expected a ClaimReview object, a page's JSON-LD (with @graph, or an array), an HTML page with application/ld+json scripts, or a feed (an array or a DataFeed).";

const failure = (message: string, problems: ReviewProblem[] = []): ClaimReviewParseResult => ({
  ok: false,
  message,
  problems,
});

/** Reads `text` (JSON-LD or an HTML page holding it) into its reviews; see the module comment. */
export function parseClaimReviews(text: string): ClaimReviewParseResult {
  // Characters first: a string longer than the limit in characters is longer in bytes too.
  if (text.length > L.maxBytes || utf8Length(text) > L.maxBytes) {
    return failure(`The text is larger than ${L.maxBytes / 1024 / 1024} MB.`);
  }
  const source = text.replace(/^\uFEFF/, "");
  const isHtml = source.trimStart().startsWith("<");
  const blocks = isHtml ? jsonLdScripts(source) : [source];
  if (isHtml && blocks.length === 0) {
    return failure('This HTML page has no <script type="application/ld+json"> block.');
  }
  const reviews: JsonObject[] = [];
  for (const [n, block] of blocks.entries()) {
    const what = isHtml ? `Script block ${n + 1} (application/ld+json)` : "The text";
    const parsed = parseJsonText(block, L.maxDepth, what);
    if (!parsed.ok) return failure(parsed.message);
    reviews.push(...findClaimReviews(parsed.value, L.maxReviews - reviews.length));
    if (reviews.length > L.maxReviews) {
      return failure(
        `The text holds more than ${L.maxReviews.toLocaleString("en")} ClaimReviews; split it into smaller files.`,
      );
    }
  }
  if (reviews.length === 0) return failure(NO_REVIEWS);
  const read = reviews.map((review, index) => readReview(review, index));
  const problems = read.filter((r): r is ReviewProblem => !("claimReviewed" in r));
  if (problems.length > 0) {
    const listed = problems
      .slice(0, 10)
      .map((p) => `ClaimReview ${p.index + 1}: ${p.message}`)
      .join(". ");
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : "";
    return failure(
      `${problems.length} of ${reviews.length} ClaimReview${reviews.length === 1 ? "" : "s"} cannot be imported, so nothing was: ${listed}${more}.`,
      problems,
    );
  }
  return { ok: true, reviews: read as ImportedClaimReview[] };
}

/**
 * Whether a text is ClaimReview markup rather than a library JSON file (for the CLI without
 * `--format`): an HTML page, or JSON naming JSON-LD's `@type` or `@context` anywhere. A library
 * file's texts hold such words only escaped (`\"@type\"`), which this does not match.
 */
export function looksLikeClaimReview(text: string): boolean {
  const source = text.replace(/^\uFEFF/, "").trimStart();
  return source.startsWith("<") || /"@(?:type|context)"\s*:/.test(source);
}
