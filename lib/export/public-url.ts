/**
 * Where an exported article is read publicly, for the exports that point at it (W3C targets,
 * ClaimReview `url`s): a published article's page is `/p/<slug>` (its latest publication) and
 * each publication stays at `/p/<slug>/v/<n>`, under the organization's URL when it has one. A
 * caller that knows better (a publication's version, a test) passes `sourceUrl` explicitly.
 */
import type { ExportModel } from "./model";

/** Options every renderer accepts. */
export interface ExportOptions {
  /**
   * The article's public URL, without a fragment.
   * @default publicArticleUrl(model): `<organization url>/p/<slug>`, else `/p/<slug>`
   */
  sourceUrl?: string;
}

/** `<organization url>/p/<slug>` when the organization has a URL, else the relative `/p/<slug>`. */
export function publicArticleUrl(model: ExportModel): string {
  const path = `/p/${encodeURIComponent(model.article.slug)}`;
  const base = model.organization.url?.trim().replace(/\/+$/, "");
  return base ? `${base}${path}` : path;
}

/** The permanent page of one publication of the article: `<public URL>/v/<number>`. */
export function publicationVersionUrl(model: ExportModel, number: number): string {
  return `${publicArticleUrl(model)}/v/${number}`;
}

/**
 * The source URL a renderer uses: the option when given, else the default, without a fragment.
 * An absolute URL is normalised to a URI (an international domain to punycode, other non-ASCII
 * characters percent-encoded), which JSON-LD identifiers must be.
 */
export function sourceUrlOf(model: ExportModel, options: ExportOptions = {}): string {
  const url = (options.sourceUrl ?? publicArticleUrl(model)).trim().replace(/#.*$/s, "");
  if (!isAbsoluteUrl(url)) return url;
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** Whether `url` has a scheme (JSON-LD identifiers must; a bare path does not). */
export function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** The anchor of a claim's highlight on the public page (the HTML export's `id="claim-N"`). */
export function claimAnchorUrl(sourceUrl: string, note: number): string {
  return `${sourceUrl}#claim-${note}`;
}
