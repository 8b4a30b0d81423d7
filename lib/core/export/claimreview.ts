/**
 * schema.org ClaimReview JSON-LD: what search engines and fact-check aggregators (Google's Fact
 * Check Explorer) read. One ClaimReview per claim that carries a final verdict on text that is
 * still in the article; only properties schema.org defines (checked by the tests against
 * `../shared/claimreview/claimreview-vocab.json`).
 *
 * Left out on purpose: claims without a verdict (nothing to rate), verdicts whose text changed
 * since (being re-checked), and claims no longer in the text (the page no longer makes them,
 * and markup must agree with the visible page).
 */
import { VERDICT_INFO } from "@/lib/core/vocabulary";
import type { ExportClaim, ExportModel, ExportPerson } from "./model";
import { baseOf, claimAnchorUrl, type ExportOptions, sourceUrlOf } from "./public-url";

export const CLAIMREVIEW_EXPORT = {
  mediaType: "application/ld+json",
  extension: "claimreview.jsonld",
} as const;

/** Only web addresses are published as URLs. */
const WEB_URL = /^https?:\/\//i;

/**
 * Google suggests a claim summary under 75 characters; `shortenClaim` makes one for places that
 * need it. `claimReviewed` itself carries the whole claim: a cut quote ("…") misstates what
 * was checked, and the visible page shows the whole quote.
 */
export const CLAIM_REVIEWED_MAX = 75;

/**
 * A person or organization. A person's credentials go in `description` (a Thing property, so
 * every consumer knows it), as "MD, nephrologist".
 */
type Party = {
  "@type": "Person" | "Organization";
  name: string;
  url?: string;
  description?: string;
};

type Appearance = { "@type": "CreativeWork"; url: string; headline: string };

export interface ClaimReviewJson {
  "@context": "https://schema.org";
  "@type": "ClaimReview";
  url: string;
  claimReviewed: string;
  reviewRating: {
    "@type": "Rating";
    ratingValue: number;
    bestRating: 5;
    worstRating: 1;
    alternateName: string;
  };
  reviewBody?: string;
  /** The organization, followed by the medical reviewer who gave the verdict when known. */
  author: Party | Party[];
  /** The editor who approved the revision. */
  editor?: Party;
  datePublished: string;
  itemReviewed: {
    "@type": "Claim";
    text: string;
    author?: Party;
    datePublished?: string;
    appearance?: Appearance;
    firstAppearance?: Appearance;
  };
}

function person(p: Pick<ExportPerson, "name" | "credentials">): Party {
  const credentials = p.credentials.trim();
  return credentials
    ? { "@type": "Person", name: p.name, description: credentials }
    : { "@type": "Person", name: p.name };
}

/** Collapses white space and cuts at a word boundary, with an ellipsis, to `max` characters. */
export function shortenClaim(text: string, max = CLAIM_REVIEWED_MAX): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat); // code points, so an emoji is never cut in half
  if (chars.length <= max) return flat;
  const head = chars.slice(0, max - 1).join("");
  const cut = head.lastIndexOf(" ");
  // A single long word (or a cut that would keep almost nothing) is cut mid-word instead.
  const kept = cut >= max / 2 ? head.slice(0, cut) : head;
  return `${kept.replace(/[\s,;:.]+$/, "")}…`;
}

const MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split(" ");
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

function ymd(year: string, month: number, day?: string): string | undefined {
  const d = day === undefined ? undefined : Number(day);
  if (month < 1 || month > 12 || (d !== undefined && (d < 1 || d > 31))) return undefined;
  const mm = String(month).padStart(2, "0");
  return d === undefined ? `${year}-${mm}` : `${year}-${mm}-${String(d).padStart(2, "0")}`;
}

/**
 * The original date as an ISO 8601 date, when the free text the editor typed is plainly one:
 * "2016", "2016-04", "2016-04-02", "2016/04/02", "2 April 2016" (or "2. April 2016"),
 * "April 2, 2016", "April 2016".
 * Anything else ("Spring 2016", "16/04/2016": day or month first?) is left out rather than
 * guessed; `Date` would turn "Spring 2016" into 1 January.
 */
export function isoDate(text: string | null): string | undefined {
  const value = text?.trim().replace(/\s+/g, " ");
  if (!value) return undefined;
  const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  let m = /^(\d{4})(?:[-/](\d{2})(?:[-/](\d{2}))?)?$/.exec(value);
  if (m?.[1]) return m[2] ? ymd(m[1], Number(m[2]), m[3]) : m[1];
  m = new RegExp(`^(\\d{1,2})\\.? ${MONTH},? (\\d{4})$`, "i").exec(value);
  if (m?.[1] && m[2] && m[3]) return ymd(m[3], month(m[2]), m[1]);
  m = new RegExp(`^${MONTH} (\\d{1,2}),? (\\d{4})$`, "i").exec(value);
  if (m?.[1] && m[2] && m[3]) return ymd(m[3], month(m[1]), m[2]);
  m = new RegExp(`^${MONTH},? (\\d{4})$`, "i").exec(value);
  if (m?.[1] && m[2]) return ymd(m[2], month(m[1]));
  return undefined;
}

/** Names that read as an organization rather than a person (the model has only a name). */
const ORGANIZATION_NAME =
  /\b(clinic|hospital|cent(er|re)|institute|university|college|foundation|association|society|organi[sz]ation|council|ministry|department|agency|services?|company|group|inc|ltd|llc|gmbh|news|magazine|journal|press|media|team|staff)\b/i;

function originalAuthor(name: string | null): Party | undefined {
  const value = name?.trim();
  if (!value) return undefined;
  return { "@type": ORGANIZATION_NAME.test(value) ? "Organization" : "Person", name: value };
}

/** Whether a claim gets a ClaimReview (see the module comment). */
export function isReviewable(claim: ExportClaim): boolean {
  return (
    claim.status === "resolved" &&
    claim.verdict !== null &&
    !claim.verdictStale &&
    claim.position !== null
  );
}

export function buildClaimReviews(
  model: ExportModel,
  options: ExportOptions = {},
): ClaimReviewJson[] {
  const source = sourceUrlOf(model, options);
  const { organization, article } = model;
  // The organization's homepage, else the site that publishes its fact-checks.
  const orgUrl =
    organization.url && WEB_URL.test(organization.url) ? organization.url : baseOf(model);
  const publisher: Party = orgUrl
    ? { "@type": "Organization", name: organization.name, url: orgUrl }
    : { "@type": "Organization", name: organization.name };
  const approver = model.revision.approver;
  const appearance: Appearance | null =
    article.sourceUrl && WEB_URL.test(article.sourceUrl)
      ? { "@type": "CreativeWork", url: article.sourceUrl, headline: article.title }
      : null;
  const claimAuthor = originalAuthor(article.originalAuthor);
  const claimDate = isoDate(article.originalPublishedAt);
  return model.claims.flatMap((claim) => {
    if (!claim.verdict || !isReviewable(claim)) return [];
    const verdict = VERDICT_INFO[claim.verdict];
    const review: ClaimReviewJson = {
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: claimAnchorUrl(source, claim.note),
      claimReviewed: claim.quote.exact.replace(/\s+/g, " ").trim(),
      reviewRating: {
        "@type": "Rating",
        ratingValue: verdict.rating,
        bestRating: 5,
        worstRating: 1,
        alternateName: verdict.label,
      },
      author: claim.verdictBy ? [publisher, person(claim.verdictBy)] : publisher,
      ...(approver ? { editor: person(approver) } : {}),
      datePublished: model.revision.approvedAt ?? model.generatedAt,
      itemReviewed: {
        "@type": "Claim",
        text: claim.quote.exact.replace(/\s+/g, " ").trim(),
        ...(claimAuthor ? { author: claimAuthor } : {}),
        ...(claimDate ? { datePublished: claimDate } : {}),
        // The article we checked is where the claim was made, as far as we know the first place.
        ...(appearance ? { appearance, firstAppearance: appearance } : {}),
      },
    };
    if (claim.rationale.trim()) review.reviewBody = claim.rationale.trim();
    return [review];
  });
}

/** The export file: a JSON array of ClaimReviews (several on one page are allowed). */
export function renderClaimReviewExport(model: ExportModel, options: ExportOptions = {}): string {
  return `${JSON.stringify(buildClaimReviews(model, options), null, 2)}\n`;
}
