/**
 * The public pages' HTTP side. They are route handlers rather than React pages: the page is
 * the standalone HTML of the snapshot (no script, nothing to hydrate) and must carry the
 * ClaimReview JSON-LD in its head. They read one row and no session, so shared caches may
 * keep them briefly; a retraction or a new version shows within a minute.
 */
import "server-only";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { escapeHtml } from "@/lib/html/escape";
import { type PublicationView, renderPublicationHtml } from "./page";
import { getPublicPublication } from "./read";

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, s-maxage=60";

/** The page of one publication (`number`) or the latest; a plain 404 page when there is none. */
export async function publicationPageResponse(
  db: Db,
  slug: string,
  number: number | null,
): Promise<Response> {
  const view: PublicationView = number === null ? "latest" : "version";
  try {
    const publication = await getPublicPublication(db, slug, number);
    return new Response(renderPublicationHtml(publication, view), {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": PUBLIC_CACHE_CONTROL,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    if (!(err instanceof AppError && err.code === "not_found")) throw err;
    // Not cached: the article may be published a moment later.
    return new Response(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1><p>${escapeHtml(err.message)}</p></body></html>`,
      {
        status: 404,
        headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
      },
    );
  }
}
