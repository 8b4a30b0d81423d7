/**
 * Reads of publications. The public ones need no actor on purpose: a publication is what the
 * organization chose to make public, and its frozen snapshot is all they read (never the
 * article's work in progress), so an unknown slug and a never-published article look the same.
 */
import "server-only";
import type { Db } from "@/db/client";
import { findPublicPublication, type PublicPublication } from "@/db/queries/publications";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";

/** The 404 of a public page: "This publication" (the latest) or "Version N". */
export const publicationNotFound = (number: number | null) =>
  notFound(number === null ? "This publication" : `Version ${number}`);

/**
 * A publication with its snapshot, by number, else the latest. (The public pages render it
 * through lib/services/publications/render-cache.ts, which reads the snapshot only when it must.)
 */
export async function getPublicPublication(
  db: Db,
  slug: string,
  number: number | null = null,
): Promise<PublicPublication> {
  const publication = await findPublicPublication(db, slug, number);
  if (!publication) throw publicationNotFound(number);
  return publication;
}

/** The latest publication for an export by a signed-in reader (or the CLI), or null if none. */
export async function findLatestPublicationForExport(
  db: Db,
  actor: Actor | null,
  slug: string,
): Promise<PublicPublication | null> {
  authorize(actor, "article:export");
  return findPublicPublication(db, slug, null);
}
