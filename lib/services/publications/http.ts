/**
 * The public pages' HTTP side. They are route handlers rather than React pages: the page is
 * the standalone HTML of the snapshot (no script, nothing to hydrate) and must carry the
 * ClaimReview JSON-LD in its head. They read one small row and no session, serve the render
 * from lib/services/publications/render-cache.ts (304 when the client has it already), and shared
 * caches may keep them briefly: a retraction or a new version shows within a minute.
 */
import "server-only";
import type { Db } from "@/db/client";
import type { PublicPublication } from "@/db/queries/publications";
import { getWorkspaceSettings } from "@/db/queries/settings";
import { AppError } from "@/lib/core/errors";
import { escapeHtml } from "@/lib/core/html/escape";
import { PUBLIC_PAGE_CSP } from "@/lib/server/content-security-policy";
import { type PublicationView, renderPublicationHtml } from "./page";
import { type CachedRender, cachedPublicationRender } from "./render-cache";

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, s-maxage=60";

/**
 * A cached render as the response, or 304 when the client's ETag matches. Compression is
 * Next's (it gzips per response for clients that take it, and drops a Content-Encoding set
 * here), so the cache holds the plain bytes.
 */
export function cachedRenderResponse(
  request: Request,
  entry: CachedRender,
  headers: Record<string, string>,
): Response {
  const common = {
    ...headers,
    ETag: entry.etag,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "Content-Security-Policy": PUBLIC_PAGE_CSP,
  };
  const known = request.headers.get("if-none-match");
  if (known?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === entry.etag)) {
    return new Response(null, { status: 304, headers: common });
  }
  // As a one-chunk stream: undici copies a Uint8Array body on every Response (3.6 MB for the
  // largest page in bench/public-page.mjs), a stream hands the cached bytes to the socket.
  const body = entry.body;
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
