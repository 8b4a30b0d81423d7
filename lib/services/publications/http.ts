/**
 * The public pages' HTTP side. They are route handlers rather than React pages: the page is
 * the standalone HTML of the snapshot (no script, nothing to hydrate) and must carry the
 * ClaimReview JSON-LD in its head. They read one small row and no session, serve the render
 * from lib/services/publications/render-cache.ts (304 when the client has it already), compressed
 * ahead of time for clients that take brotli or gzip, and shared caches may keep them briefly.
 */
import "server-only";
import type { Db } from "@/db/client";
import type { PublicPublication } from "@/db/queries/publications";
import { getWorkspaceSettings } from "@/db/queries/settings";
import { AppError } from "@/lib/core/errors";
import { escapeHtml } from "@/lib/core/html/escape";
import { PUBLIC_PAGE_CSP } from "@/lib/server/content-security-policy";
import { requestContentCoding } from "@/lib/server/negotiated-encoding";
import { type PublicationView, renderPublicationHtml } from "./page";
import { type CachedRender, cachedPublicationRender } from "./render-cache";

/**
 * Browsers and shared caches (a CDN) may keep a page 30 s, and a CDN may serve it 30 s more
 * while it asks again in the background: a retraction, a new version or the public pages being
 * switched off shows within a minute at most, as before stale-while-revalidate, while a CDN
 * under load rarely has a reader wait for this server. A longer max-age would hide a
 * retraction longer; nothing purges a CDN when a publication changes (docs/operations.md).
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=30, s-maxage=30, stale-while-revalidate=30";

/**
 * A cached render as the response, in the coding the request negotiates (the one
 * next.config.mjs labels it with: lib/core/http/content-coding.mjs), or 304 when the client's
 * ETag matches. Each coding is its own representation with its own strong ETag, so that a CDN
 * or a browser never revalidates gzip bytes with the ETag of brotli ones. The route must be
 * wrapped in `withNegotiatedEncoding`, which reads the Content-Encoding set here as "done".
 */
export function cachedRenderResponse(
  request: Request,
  entry: CachedRender,
  headers: Record<string, string>,
): Response {
  const coding = requestContentCoding(request);
  const etag = coding === "identity" ? entry.etag : `${entry.etag.slice(0, -1)}-${coding}"`;
  const common: Record<string, string> = {
    ...headers,
    ETag: etag,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "Content-Security-Policy": PUBLIC_PAGE_CSP,
  };
  const known = request.headers.get("if-none-match");
  if (known?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers: common });
  }
  // As a one-chunk stream: undici copies a Uint8Array body on every Response (3.6 MB for the
  // largest page in bench/public-page.mjs), a stream hands the cached bytes to the socket.
  const body = coding === "identity" ? entry.body : entry[coding];
  if (coding !== "identity") common["Content-Encoding"] = coding;
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    }),
    { headers: common },
  );
}

/**
 * Refuses with `not_found` while an admin has switched the public pages off (Settings): every
 * `/p/**` page and download then answers 404, as if nothing were published. Read per request
 * (one small row), so the switch takes effect at once on every instance.
 */
export async function requirePublicPagesOn(db: Db): Promise<void> {
  const { publicPagesEnabled } = await getWorkspaceSettings(db);
  if (!publicPagesEnabled) throw new AppError("not_found", "There is no public page here.");
}

/** Renders `publication`'s page as bytes (the cache holds bytes). */
const pageBytes = (view: PublicationView) => async (publication: PublicPublication) =>
  new TextEncoder().encode(renderPublicationHtml(publication, view));

/** The page of one publication (`number`) or the latest; a plain 404 page when there is none. */
export async function publicationPageResponse(
  db: Db,
  request: Request,
  slug: string,
  number: number | null,
): Promise<Response> {
  const view: PublicationView = number === null ? "latest" : "version";
  try {
    await requirePublicPagesOn(db);
    const { render } = await cachedPublicationRender(
      db,
      slug,
      number,
      `page:${view}`,
      pageBytes(view),
    );
    return cachedRenderResponse(request, render, {
      "Content-Type": "text/html; charset=utf-8",
    });
  } catch (err) {
    if (!(err instanceof AppError && err.code === "not_found")) throw err;
    // Not cached: the article may be published a moment later.
    return new Response(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1><p>${escapeHtml(err.message)}</p></body></html>`,
      {
        status: 404,
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          "Cache-Control": "no-store",
          "Content-Security-Policy": PUBLIC_PAGE_CSP,
        },
      },
    );
  }
}
