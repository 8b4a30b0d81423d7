/** Reads for the workspace pages, each authorized for the actor in the data-access layer. */
import "server-only";
import type { Db } from "@/db/client";
import { listArticlesWithCounts } from "@/db/queries/articles";
import { listAnchorQuotesInRevision, listClaimsInRevision } from "@/db/queries/claims";
import { listEvidenceForClaims } from "@/db/queries/evidence";
import { listGradeAssessmentsForClaims } from "@/db/queries/grade-assessments";
import { listLibraryEntriesByIds } from "@/db/queries/library";
import { listUnlinkedResolvedClaims } from "@/db/queries/library-entry-reads";
import { findMemberNames } from "@/db/queries/members";
import { listPublicationsOfArticle, listPublishedClaimNumbers } from "@/db/queries/publications";
import { findRevisionById } from "@/db/queries/revisions";
import { listAssignableUsers } from "@/db/queries/users";
import { type Actor, authorize, can } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { renderMarkdown } from "@/lib/core/markdown/render";
import { SUGGESTIONS_PER_PAGE, sentenceKey, suggestionsPage } from "@/lib/core/suggestions/select";
import { mayDeleteClaim } from "@/lib/services/claims/delete";
import { commentsByClaim } from "@/lib/services/comments/read";
import { knownClaimsInRevision } from "@/lib/services/library/read";
import { type EvidenceFlag, evidenceFlagsById } from "@/lib/services/references/evidence-flags";
import { requireCurrentArticle, revisionForPage } from "@/lib/services/revisions/read";
import { loadApprovalGate } from "./gate";

export async function listArticlesForActor(db: Db, actor: Actor | null) {
  authorize(actor, "article:read");
  return listArticlesWithCounts(db);
}

/** The article of `slug`, its current revision and the claims anchored in it; not authorized. */
async function currentRevisionWithClaims(db: Db, slug: string) {
  const article = await requireCurrentArticle(db, slug);
  const revision = await findRevisionById(db, article.currentRevisionId);
  if (!revision) throw notFound("The article's revision");
  return { article, revision, claims: await listClaimsInRevision(db, revision.id) };
}

/** Everything the review page shows: the current revision, its claims with evidence, the gate. */
export async function getReviewData(
  db: Db,
  actor: Actor | null,
  slug: string,
  /** Which page of the suggestions to send (0-based; `?suggestions=` on the page). */
  options: { suggestionsPage?: number } = {},
) {
  authorize(actor, "article:read");
  const { article, revision, claims } = await currentRevisionWithClaims(db, slug);
  const claimIds = claims.map((c) => c.id);
  const mayClaim = can(actor, "claim:create");
  const linkedEntries = [...new Set(claims.flatMap((c) => c.libraryEntryId ?? []))];
  // The revision's author, approver and "no claims" recorder: often one person, one query.
  const people = [revision.authorId, revision.approvedById, revision.noClaimsById].flatMap(
    (id) => id ?? [],
  );
  // One round for everything that needs only the revision and its claims: these reads are
  // independent, and run one after the other they made a page ~13 round trips long (on
  // PostgreSQL each waits for a pooled connection and the network; PGlite queues them itself).
  const [
    gate,
    evidence,
    grades,
    comments,
    published,
    anchorsBefore,
    entryNumbers,
    names,
    publications,
    knownClaims,
    libraryOffer,
    assignableUsers,
  ] = await Promise.all([
    loadApprovalGate(db, article.id, revision, claims),
    // The retraction watch's flag of each item's reference: a badge beside the citation.
    listEvidenceForClaims(db, claimIds).then(async (items) => ({
      items,
      flags: await evidenceFlagsById(
        db,
        items.map((e) => e.id),
      ),
    })),
    listGradeAssessmentsForClaims(db, claimIds),
    commentsByClaim(db, actor, claimIds),
    // Only those who may claim may delete one, so only they need the published numbers.
    mayClaim ? listPublishedClaimNumbers(db, article.id) : new Set<number>(),
    // The claims' anchors in the revision this one replaced: the old wording beside a changed one.
    revision.parentId
      ? listAnchorQuotesInRevision(db, revision.parentId).then(
          (rows) => new Map(rows.map((a) => [a.claimId, a])),
        )
      : new Map<string, Awaited<ReturnType<typeof listAnchorQuotesInRevision>>[number]>(),
    listLibraryEntriesByIds(db, linkedEntries).then(
      (rows) => new Map(rows.map((e) => [e.id, e.number])),
    ),
    findMemberNames(db, [...new Set(people)]),
    listPublicationsOfArticle(db, article.id),
    knownClaimsInRevision(db, actor, revision.id),
    can(actor, "library:write") ? listUnlinkedResolvedClaims(db, article.id) : [],
    can(actor, "claim:assign") ? listAssignableUsers(db) : [],
  ]);
  const { detected, dismissals, untriaged, blockers } = gate;
  const evidenceByClaim = new Map<
    string,
    ((typeof evidence.items)[number] & { flagBadge?: EvidenceFlag | null })[]
  >();
  for (const e of evidence.items) {
    const list = evidenceByClaim.get(e.claimId) ?? [];
    list.push({ ...e, flagBadge: evidence.flags.get(e.id) ?? null });
    evidenceByClaim.set(e.claimId, list);
  }
  const shownSuggestions = suggestionsPage(mayClaim ? untriaged : [], options.suggestionsPage ?? 0);
  const detectedKeys = new Set(detected.map((s) => sentenceKey(s.text)));
  return {
    article,
    revision: {
      ...revisionForPage(revision, names.get(revision.authorId) ?? "Unknown"),
      authorId: revision.authorId,
      approvedByName: revision.approvedById ? (names.get(revision.approvedById) ?? null) : null,
      /** The editor's "reviewed, no claims needed" record, if any. */
      noClaims:
        revision.noClaimsNote !== null && revision.noClaimsAt
          ? {
              note: revision.noClaimsNote,
              at: revision.noClaimsAt,
              byName: (revision.noClaimsById && names.get(revision.noClaimsById)) || "Unknown",
            }
          : null,
    },
    claims: claims.map((c) => ({
      ...c,
      /** The library entry it was recognised as (its number, for the link), if any. */
      library: c.libraryEntryId ? { number: entryNumbers.get(c.libraryEntryId) ?? 0 } : null,
      evidence: evidenceByClaim.get(c.id) ?? [],
      /** Its GRADE assessment of the body of evidence (the claim panel's GRADE section); null: none. */
      grade: grades.get(c.id) ?? null,
      /** Rendered here: the markdown parser stays out of the browser bundle. */
      rationaleHtml: renderMarkdown(c.rationale),
      comments: comments.get(c.id) ?? [],
      /** Whether the actor may delete it: its creator or an editor, while in no publication. */
      canDelete: mayDeleteClaim(actor, c.createdById) && !published.has(c.number),
      /** Its quote and anchor state in the previous revision; null when it is new in this one. */
      anchorBefore: anchorsBefore.get(c.id) ?? null,
    })),
    blockers,
    /** The article's publications, newest first (the workflow panel links the latest). */
    publications,
    /** The library's matches in this revision ("Known claims"), for those who may read it. */
    knownClaims,
    /**
     * The publication step's offer: resolved claims of the latest publication not yet in the
     * library, for those who may add them.
     */
    libraryOffer,
    /** When this revision was last matched against the library (null: never). */
    libraryCheckedAt: revision.libraryCheckedAt,
    /**
     * Check-worthy sentences not yet claimed or dismissed, one page of them (a 2 MB article has
     * thousands); only for those who may claim.
     */
    suggestions: shownSuggestions.items,
    /** Where that page is: its number (0-based), how many pages, how many suggestions in all. */
    suggestionsPaging: {
      page: shownSuggestions.page,
      pages: shownSuggestions.pages,
      total: shownSuggestions.total,
      perPage: SUGGESTIONS_PER_PAGE,
    },
    /**
     * Dismissed suggestions that the detector still finds in this revision (a dismissal of a
     * sentence no longer in the text would restore nothing visible), newest first.
     */
    dismissedSuggestions: mayClaim ? dismissals.filter((d) => detectedKeys.has(d.sentence)) : [],
    /** Whether the actor may add comments (editing one also needs to be its author or an admin). */
    canComment: can(actor, "comment:write"),
    /** Who claims can be assigned to; only loaded for those who may assign. */
    assignableUsers,
  };
}
export type ReviewData = Awaited<ReturnType<typeof getReviewData>>;
export type ReviewClaim = ReviewData["claims"][number];

/**
 * An article for machine clients (`GET /api/articles/<slug>`): the current revision's plain
 * text (the coordinate space of every claim's `start`/`end`) and its claims' review fields,
 * without the rendered HTML, evidence or comments the page needs.
 */
export async function getArticleForApi(db: Db, actor: Actor | null, slug: string) {
  authorize(actor, "article:read");
  const { article, revision, claims } = await currentRevisionWithClaims(db, slug);
  return {
    article: {
      id: article.id,
      slug: article.slug,
      title: article.title,
      state: article.state,
      version: article.version,
    },
    revision: { id: revision.id, number: revision.number, plainText: revision.plainText },
    claims: claims.map((c) => ({
      id: c.id,
      number: c.number,
      version: c.version,
      status: c.status,
      verdict: c.verdict,
      severity: c.severity,
      rationale: c.rationale,
      assigneeId: c.assigneeId,
      anchor: c.anchor,
    })),
  };
}
