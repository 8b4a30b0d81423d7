/**
 * The claims library's reads, authorized for the actor (`library:read`, viewer and up): the
 * library pages (list, entry, the publish step's offer) and the review page's "Known claims"
 * (the current revision's stored matches with what the panel shows of each entry: its wording
 * with the differing words marked, verdict or external rating, evidence count, reviewer and
 * date, the relation).
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  findLibraryCandidates,
  listLibraryEntriesByIds,
  listLibraryMatchesInRevision,
} from "@/db/queries/library";
import {
  libraryEntryDetail,
  listEntryUsage,
  listLibraryEntries,
  listUnlinkedResolvedClaims,
} from "@/db/queries/library-entry-reads";
import { type Actor, authorize, can } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { wordingRuns } from "@/lib/core/library/differ";
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
  return {
    entry,
    usage: await listEntryUsage(db, entry.id),
    similar: entry.state === "current" ? await similarEntries(db, entry) : [],
  };
}

/** The publish page's offer: resolved claims of the latest publication not yet in the library. */
export async function getClaimsToOfferForLibrary(db: Db, actor: Actor | null, articleId: string) {
  authorize(actor, "library:read");
  return listUnlinkedResolvedClaims(db, articleId);
}

export async function knownClaimsInRevision(db: Db, actor: Actor | null, revisionId: string) {
  if (!can(actor, "library:read")) return [];
  const matches = await listLibraryMatchesInRevision(db, revisionId);
  return matches.map((m) => {
    const wording = m.phrasing ?? m.canonicalText;
    return {
      id: m.id,
      entryNumber: m.number,
      start: m.start,
      end: m.end,
      text: m.text,
      claimId: m.claimId,
      relation: m.relation,
      score: m.score,
      wording,
      runs: wordingRuns(wording, m.missingTerms),
      /** Nothing differs: every term of the entry is in the sentence. */
      exact: m.missingTerms.length === 0,
      verdict: m.verdict,
      external:
        m.origin === "external"
          ? { publisher: m.externalPublisher, rating: m.externalRating, url: m.externalUrl }
          : null,
      evidenceCount: m.evidenceCount,
      reviewerName: m.reviewerName,
      reviewedAt: m.reviewedAt,
    };
  });
}
export type KnownClaim = Awaited<ReturnType<typeof knownClaimsInRevision>>[number];

/**
 * Other current entries whose wordings are closest to this one's (the matcher's own retrieval):
 * the likely duplicates an editor may merge into it.
 */
async function similarEntries(db: Db, entry: { id: string; canonicalText: string }) {
  const found = (await findLibraryCandidates(db, entry.canonicalText, { limit: 6 })).filter(
    (c) => c.entryId !== entry.id,
  );
  const rows = new Map(
    (
      await listLibraryEntriesByIds(
        db,
        found.map((c) => c.entryId),
      )
    ).map((e) => [e.id, e]),
  );
  return found.slice(0, 5).flatMap((c) => {
    const e = rows.get(c.entryId);
    return e
      ? [{ id: e.id, number: e.number, version: e.version, canonicalText: e.canonicalText }]
      : [];
  });
}
