import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { LibraryListQuery } from "@/lib/core/validation/library-entries";
import type { Db } from "../client";
import {
  articles,
  auditEvents,
  claimAnchors,
  claims,
  evidence,
  libraryEntries,
  libraryEntryEvidence,
  libraryPhrasings,
  librarySupersessions,
  publications,
  revisions,
  users,
} from "../schema";
import { notDeleted } from "./claims";

/**
 * The library pages' reads (lib/services/library/read.ts): the list with its filters, one
 * entry with its wordings, evidence, supersessions and history, where an entry is used, and the
 * publish page's offer of claims not yet in the library.
 */

/** The revision of the article's latest publication (retracted or not), with its number. */
export async function findLatestPublishedRevision(db: Db, articleId: string) {
  const [row] = await db
    .select({ id: revisions.id, number: revisions.number, publicationId: publications.id })
    .from(publications)
    .innerJoin(revisions, eq(revisions.id, publications.revisionId))
    .where(eq(publications.articleId, articleId))
    .orderBy(desc(publications.number))
    .limit(1);
  return row ?? null;
}

/**
 * The claims of the article's latest published revision that could go into the library: resolved,
 * not linked to an entry, not deleted, with their quote in that revision, in document order.
 * Empty when the article has never been published.
 */
export async function listUnlinkedResolvedClaims(db: Db, articleId: string) {
  const revision = await findLatestPublishedRevision(db, articleId);
  if (!revision) return [];
  return db
    .select({
      id: claims.id,
      number: claims.number,
      version: claims.version,
      verdict: claims.verdict,
      rationale: claims.rationale,
      quote: claimAnchors.exact,
      revisionId: claimAnchors.revisionId,
    })
    .from(claimAnchors)
    .innerJoin(claims, eq(claims.id, claimAnchors.claimId))
    .where(
      and(
        eq(claimAnchors.revisionId, revision.id),
        eq(claims.status, "resolved"),
        isNull(claims.libraryEntryId),
        notDeleted(),
      ),
    )
    .orderBy(sql`${claimAnchors.start} NULLS LAST`, asc(claims.number));
}
export type UnlinkedResolvedClaim = Awaited<ReturnType<typeof listUnlinkedResolvedClaims>>[number];

/** How many claims (not deleted) are linked to each entry: an entry's "usage". */
const usage =
  sql<number>`(SELECT count(*) FROM ${claims} WHERE ${claims.libraryEntryId} = ${libraryEntries.id} AND ${claims.deletedAt} IS NULL)`.mapWith(
    Number,
  );

const reviewers = aliasedTable(users, "reviewer");

/**
 * The library page: entries matching every filter given, one page of them and how many in all.
 * `q` searches every wording of an entry through its stored full-text vector (English stems over
 * `claimdesk_search_text`, the matching's own text function, GIN-indexed), or takes "K12" / "12"
 * as the entry's number.
 */
export async function listLibraryEntries(db: Db, query: LibraryListQuery) {
  const filters: (SQL | undefined)[] = [];
  if (query.q) {
    const byNumber = /^k?(\d{1,9})$/i.exec(query.q.trim());
    const words = sql`EXISTS (SELECT 1 FROM ${libraryPhrasings} WHERE ${libraryPhrasings.entryId} = ${libraryEntries.id}
      AND ${libraryPhrasings.search} @@ plainto_tsquery('english', claimdesk_search_text(${query.q})))`;
    filters.push(byNumber ? or(eq(libraryEntries.number, Number(byNumber[1])), words) : words);
  }
  if (query.tags.length > 0)
    filters.push(sql`${libraryEntries.tags} @> ${sql.param(query.tags)}::text[]`);
  if (query.verdict) filters.push(eq(libraryEntries.verdict, query.verdict));
  if (query.state) filters.push(eq(libraryEntries.state, query.state));
  if (query.dueBefore) filters.push(sql`${libraryEntries.reviewDue} <= ${query.dueBefore}`);
  const where = and(...filters);
  const order = {
    number: [desc(libraryEntries.number)],
    updated: [desc(libraryEntries.updatedAt), desc(libraryEntries.number)],
    due: [sql`${libraryEntries.reviewDue} ASC NULLS LAST`, desc(libraryEntries.number)],
    usage: [desc(usage), desc(libraryEntries.number)],
  }[query.sort];
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: libraryEntries.id,
        number: libraryEntries.number,
        canonicalText: libraryEntries.canonicalText,
        state: libraryEntries.state,
        origin: libraryEntries.origin,
        verdict: libraryEntries.verdict,
        tags: libraryEntries.tags,
        externalPublisher: libraryEntries.externalPublisher,
        externalRating: libraryEntries.externalRating,
        reviewedByName: reviewers.name,
        reviewedAt: libraryEntries.reviewedAt,
        reviewDue: libraryEntries.reviewDue,
        updatedAt: libraryEntries.updatedAt,
        usage: usage.as("usage"),
        evidenceCount:
          sql<number>`(SELECT count(*) FROM ${libraryEntryEvidence} WHERE ${libraryEntryEvidence.entryId} = ${libraryEntries.id})`.mapWith(
            Number,
          ),
      })
      .from(libraryEntries)
      .leftJoin(reviewers, eq(reviewers.id, libraryEntries.reviewedById))
      .where(where)
      .orderBy(...order)
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(libraryEntries)
      .where(where),
  ]);
  return { entries: rows, total: total?.n ?? 0 };
}
export type LibraryListRow = Awaited<ReturnType<typeof listLibraryEntries>>["entries"][number];

const successors = aliasedTable(libraryEntries, "successor");
const sourceClaims = aliasedTable(claims, "source_claim");
const sourceArticles = aliasedTable(articles, "source_article");

/**
 * One entry for its page, by number: the entry with its reviewer's name, its wordings (canonical
 * first, each with the claim it came from), its evidence, the entry that superseded it and those
 * it superseded, and its history (its own audit events, and the merges, splits and supersessions
 * of other entries that name it), oldest first. Null when there is no such entry.
 */
export async function libraryEntryDetail(db: Db, number: number) {
  const [entry] = await db
    .select({
      entry: libraryEntries,
      reviewedByName: reviewers.name,
      reviewedByCredentials: reviewers.credentials,
    })
    .from(libraryEntries)
    .leftJoin(reviewers, eq(reviewers.id, libraryEntries.reviewedById))
    .where(eq(libraryEntries.number, number));
  if (!entry) return null;
  const id = entry.entry.id;
  const [phrasings, linkedEvidence, successor, predecessors, history] = await Promise.all([
    db
      .select({
        id: libraryPhrasings.id,
        text: libraryPhrasings.text,
        canonical: libraryPhrasings.canonical,
        sourceClaimId: libraryPhrasings.sourceClaimId,
        sourceClaimNumber: sourceClaims.number,
        sourceArticleSlug: sourceArticles.slug,
        sourceArticleTitle: sourceArticles.title,
      })
      .from(libraryPhrasings)
      .leftJoin(sourceClaims, eq(sourceClaims.id, libraryPhrasings.sourceClaimId))
      .leftJoin(sourceArticles, eq(sourceArticles.id, sourceClaims.articleId))
      .where(eq(libraryPhrasings.entryId, id))
      .orderBy(desc(libraryPhrasings.canonical), libraryPhrasings.createdAt, libraryPhrasings.id),
    db
      .select({ evidence })
      .from(libraryEntryEvidence)
      .innerJoin(evidence, eq(evidence.id, libraryEntryEvidence.evidenceId))
      .where(eq(libraryEntryEvidence.entryId, id))
      .orderBy(evidence.createdAt, evidence.id)
      .then((rows) => rows.map((r) => r.evidence)),
    db
      .select({
        id: successors.id,
        number: successors.number,
        canonicalText: successors.canonicalText,
        state: successors.state,
        at: librarySupersessions.createdAt,
      })
      .from(librarySupersessions)
      .innerJoin(successors, eq(successors.id, librarySupersessions.successorId))
      .where(eq(librarySupersessions.entryId, id))
      .then((rows) => rows[0] ?? null),
    db
      .select({
        id: libraryEntries.id,
        number: libraryEntries.number,
        canonicalText: libraryEntries.canonicalText,
        at: librarySupersessions.createdAt,
      })
      .from(librarySupersessions)
      .innerJoin(libraryEntries, eq(libraryEntries.id, librarySupersessions.entryId))
      .where(eq(librarySupersessions.successorId, id))
      .orderBy(libraryEntries.number),
    db
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        action: auditEvents.action,
        actorName: users.name,
        before: auditEvents.before,
        after: auditEvents.after,
        note: auditEvents.note,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(
        and(
          eq(auditEvents.entityType, "library_entry"),
          or(
            eq(auditEvents.entityId, id),
            sql`${auditEvents.after}->'mergedIds' @> jsonb_build_array(${id}::text)`,
            sql`${auditEvents.after}->>'newEntryId' = ${id}`,
            sql`${auditEvents.after}->>'successorId' = ${id}`,
          ),
        ),
      )
      .orderBy(asc(auditEvents.id)),
  ]);
  return {
    ...entry.entry,
    reviewedByName: entry.reviewedByName,
    reviewedByCredentials: entry.reviewedByCredentials,
    phrasings,
    evidence: linkedEvidence,
    successor,
    predecessors,
    history,
  };
}
export type LibraryEntryDetail = NonNullable<Awaited<ReturnType<typeof libraryEntryDetail>>>;

/**
 * Where an entry is used: every claim linked to it (not deleted) with its article and whether
 * it is work in progress (anchored in the article's current revision, which is unpublished) —
 * those are the claims a change sends back to re-check; and every publication whose revision
 * holds a linked claim, newest first, marked `latest` when it is its article's latest (the one
 * readers see, which a correction replaces: the entry page's "start a correction" saves a new
 * revision of that article, `revision.save`) and `retracted`.
 */
export async function listEntryUsage(db: Db, entryId: string) {
  const claimRows = await db
    .select({
      claimId: claims.id,
      number: claims.number,
      status: claims.status,
      verdict: claims.verdict,
      relation: claims.libraryRelation,
      recheckReason: claims.recheckReason,
      articleId: articles.id,
      articleSlug: articles.slug,
      articleTitle: articles.title,
      articleState: articles.state,
      currentRevisionId: articles.currentRevisionId,
      inCurrentRevision: sql<boolean>`EXISTS (SELECT 1 FROM ${claimAnchors} WHERE ${claimAnchors.claimId} = ${claims.id} AND ${claimAnchors.revisionId} = ${articles.currentRevisionId})`,
      currentRevisionPublished: sql<boolean>`EXISTS (SELECT 1 FROM ${publications} WHERE ${publications.revisionId} = ${articles.currentRevisionId})`,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(eq(claims.libraryEntryId, entryId), notDeleted()))
    .orderBy(articles.title, articles.id, claims.number);
  const claimIds = claimRows.map((c) => c.claimId);
  const publicationRows =
    claimIds.length === 0
      ? []
      : await db
          .select({
            publicationId: publications.id,
            number: publications.number,
            articleId: publications.articleId,
            articleSlug: articles.slug,
            articleTitle: articles.title,
            revisionNumber: revisions.number,
            publishedAt: publications.publishedAt,
            retracted: sql<boolean>`${publications.retractedAt} IS NOT NULL`,
            latest: sql<boolean>`${publications.number} = (SELECT max(p2.number) FROM ${publications} p2 WHERE p2.article_id = ${publications.articleId})`,
            claimNumbers: sql<number[]>`array_agg(${claims.number} ORDER BY ${claims.number})`,
          })
          .from(publications)
          .innerJoin(articles, eq(articles.id, publications.articleId))
          .innerJoin(revisions, eq(revisions.id, publications.revisionId))
          .innerJoin(claimAnchors, eq(claimAnchors.revisionId, publications.revisionId))
          .innerJoin(claims, eq(claims.id, claimAnchors.claimId))
          .where(inArray(claims.id, claimIds))
          .groupBy(publications.id, articles.id, revisions.id)
          .orderBy(desc(publications.publishedAt), desc(publications.number));
  const claimsOut = claimRows.map(({ inCurrentRevision, currentRevisionPublished, ...c }) => ({
    ...c,
    workInProgress:
      Boolean(inCurrentRevision) &&
      !currentRevisionPublished &&
      c.articleState !== "retracted" &&
      c.status !== "dismissed",
  }));
  return {
    claims: claimsOut,
    publications: publicationRows.map((p) => ({
      ...p,
      claimNumbers: p.claimNumbers.map(Number),
    })),
  };
}
export type LibraryEntryUsage = Awaited<ReturnType<typeof listEntryUsage>>;
