/**
 * Where an exported article is read publicly, for the exports that point at it (W3C targets,
 * ClaimReview `url`s): a published article's page is `/p/<slug>` (its latest publication) and
 * each publication stays at `/p/<slug>/v/<n>`, under the workspace's public base URL
 * (`publicBaseUrl` below). A caller that knows better (a publication's version, a test) passes
 * `sourceUrl` explicitly.
 */
import type { EvidenceUpdate } from "./evidence-updates";
import type { ExportModel } from "./model";

/** Options every renderer accepts. */
export interface ExportOptions {
  /**
   * The article's public URL, without a fragment.
   * @default publicArticleUrl(model): `<public base URL>/p/<slug>`, else `/p/<slug>`
   */
  sourceUrl?: string;
  /**
   * A publication's dated evidence updates (lib/core/export/evidence-updates.ts), read beside
   * its snapshot; shown by the HTML and Markdown exports. @default none
   */
  evidenceUpdates?: readonly EvidenceUpdate[];
}

/**
 * THE public base URL, the one place every absolute URL of an export, of the public page and of
 * the CLI's export comes from: the workspace setting `public_base_url` when set, else
 * `NEXTAUTH_URL` (where this server is reached), as an origin plus optional path without a
 * trailing slash. Only http(s) URLs count; null when neither is usable, and the exports then use
 * site-relative paths (and a URN for W3C) rather than invent a host. The organization's own
 * URL is its homepage, not where Claimdesk serves pages, so it is never used here.
 */
export function publicBaseUrl(
  configured: string | null | undefined,
  env: string | undefined = process.env.NEXTAUTH_URL,
): string | null {
  for (const candidate of [configured, env]) {
    const value = candidate?.trim();
    if (!value || !/^https?:\/\//i.test(value) || !URL.canParse(value)) continue;
    const url = new URL(value);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  }
  return null;
}

/** The base URL of a model: frozen in it at build time; older snapshots get the current one. */
export function baseOf(model: Pick<ExportModel, "publicBaseUrl">): string | null {
  return model.publicBaseUrl === undefined ? publicBaseUrl(null) : model.publicBaseUrl;
}

/** `<public base URL>/p/<slug>`, else the relative `/p/<slug>`. */
export function publicArticleUrl(model: ExportModel): string {
  const path = `/p/${encodeURIComponent(model.article.slug)}`;
  const base = baseOf(model);
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
