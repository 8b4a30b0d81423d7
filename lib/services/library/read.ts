/**
 * The claims library as the review page reads it: the current revision's stored matches with
 * what the "Known claims" panel shows of each entry (its wording with the differing words
 * marked, verdict or external rating, evidence count, reviewer and date, the relation).
 */
import "server-only";
import type { Db } from "@/db/client";
import { listLibraryMatchesInRevision } from "@/db/queries/library";
import { type Actor, can } from "@/lib/core/auth/permissions";
import { wordingRuns } from "@/lib/core/library/differ";

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
