/**
 * Reads of publications. The public ones need no actor on purpose: a publication is what the
 * organization chose to make public, and its frozen snapshot is all they read (never the
 * article's work in progress), so an unknown slug and a never-published article look the same.
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  findPublicPublication,
  listPublicationsOfArticle,
  type PublicationSummary,
  type PublicPublication,
} from "@/db/queries/publications";
import { type Actor, authorize } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

/** A publication for the public pages and downloads: by number, else the latest. */
export async function getPublicPublication(
  db: Db,
  slug: string,
  number: number | null = null,
): Promise<PublicPublication> {
  const publication = await findPublicPublication(db, slug, number);
  if (!publication) throw notFound(number === null ? "This publication" : `Version ${number}`);
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

/** An article's publications for the workspace, newest first. */
export async function listPublicationsForActor(
  db: Db,
  actor: Actor | null,
  articleId: string,
): Promise<PublicationSummary[]> {
  authorize(actor, "article:read");
  return listPublicationsOfArticle(db, articleId);
}
