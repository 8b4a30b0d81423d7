/** The library pages' reads, authorized for the actor (`library:read`, viewer and up). */
import "server-only";
import type { Db } from "@/db/client";
import {
  libraryEntryDetail,
  listEntryUsage,
  listLibraryEntries,
  listUnlinkedResolvedClaims,
} from "@/db/queries/library-entry-reads";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import type { LibraryListQuery } from "@/lib/core/validation/library-entries";

/** The library page: one page of entries matching the filters, and how many in all. */
export async function getLibraryList(db: Db, actor: Actor | null, query: LibraryListQuery) {
  authorize(actor, "library:read");
  return listLibraryEntries(db, query);
}

/** An entry's page: the entry, its wordings, evidence, supersessions, history and usage. */
export async function getLibraryEntryPage(db: Db, actor: Actor | null, number: number) {
  authorize(actor, "library:read");
  const entry = await libraryEntryDetail(db, number);
  if (!entry) throw notFound("The library entry");
  return { entry, usage: await listEntryUsage(db, entry.id) };
}

/** The publish page's offer: resolved claims of the latest publication not yet in the library. */
export async function getClaimsToOfferForLibrary(db: Db, actor: Actor | null, articleId: string) {
  authorize(actor, "library:read");
  return listUnlinkedResolvedClaims(db, articleId);
}
