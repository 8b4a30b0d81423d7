/**
 * The retraction watch's reads and writes (lib/services/references/watch.ts): which references
 * to check, their notices and flags, the claims and publications that cite them, and the
 * publications' "Evidence update" notices.
 */
import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { ReferenceFlag } from "@/lib/core/evidence-vocabulary";
import type { Db } from "../client";
import {
  articles,
  bibReferences,
  claimAnchors,
  claims,
  evidence,
  publicationNotices,
  publications,
  referenceNotices,
} from "../schema";
import { notDeleted } from "./claims";
import { rawRows } from "./raw-rows";
import { nextVersion } from "./versioned-rows";

/** A reference is watched when it has a DOI or PMID and evidence of a live claim cites it. */
const watched = () =>
  and(
    or(isNotNull(bibReferences.doi), isNotNull(bibReferences.pmid)),
    sql`EXISTS (SELECT 1 FROM ${evidence} e JOIN ${claims} c ON c.id = e.claim_id
      WHERE e.reference_id = ${bibReferences.id} AND c.deleted_at IS NULL)`,
  );

export interface WatchReference {
  id: string;
  number: number;
  doi: string | null;
  pmid: string | null;
  title: string;
  authors: string;
  year: number | null;
  flag: ReferenceFlag | null;
}

const watchColumns = {
  id: bibReferences.id,
  number: bibReferences.number,
  doi: bibReferences.doi,
  pmid: bibReferences.pmid,
  title: bibReferences.title,
  authors: bibReferences.authors,
  year: bibReferences.year,
  flag: bibReferences.flag,
};

/** The next `limit` references to check: never checked first, then the longest ago. */
export async function listReferencesToWatch(db: Db, limit: number): Promise<WatchReference[]> {
  return db
    .select(watchColumns)
    .from(bibReferences)
    .where(watched())
    .orderBy(sql`${bibReferences.watchedAt} ASC NULLS FIRST`, asc(bibReferences.number))
    .limit(limit);
}

export async function countReferencesToWatch(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bibReferences)
    .where(watched());
  return row?.n ?? 0;
}

/** The reference, its row locked for the rest of the transaction (a batch's result is written under it). */
export async function lockWatchReference(db: Db, id: string): Promise<WatchReference | null> {
  const [row] = await db
    .select(watchColumns)
    .from(bibReferences)
    .where(eq(bibReferences.id, id))
    .for("no key update");
  return row ?? null;
}

export interface NoticeValues {
  kind: ReferenceFlag;
  origin: string;
  noticeDoi: string | null;
  noticePmid: string | null;
  noticeDate: string | null;
  label: string;
}

/** Records notices not yet known (one per reference, kind and origin); returns the new ones. */
export async function insertReferenceNotices(
  db: Db,
  referenceId: string,
  notices: readonly NoticeValues[],
): Promise<NoticeValues[]> {
  if (notices.length === 0) return [];
  const rows = await db
    .insert(referenceNotices)
    .values(notices.map((n) => ({ ...n, referenceId })))
    .onConflictDoNothing()
    .returning({
      kind: referenceNotices.kind,
      origin: referenceNotices.origin,
      noticeDoi: referenceNotices.noticeDoi,
      noticePmid: referenceNotices.noticePmid,
      noticeDate: referenceNotices.noticeDate,
      label: referenceNotices.label,
    });
  return rows;
}

export async function listNoticeKinds(db: Db, referenceId: string): Promise<ReferenceFlag[]> {
  const rows = await db
    .select({ kind: referenceNotices.kind })
    .from(referenceNotices)
    .where(eq(referenceNotices.referenceId, referenceId));
  return rows.map((r) => r.kind);
}

/** A checked reference: its flag (the worst notice), when it was flagged, checked, and no error. */
export async function markReferenceWatched(
  db: Db,
  id: string,
  values: { flag: ReferenceFlag | null; flaggedAt?: Date; watchedAt: Date },
): Promise<void> {
  await db
    .update(bibReferences)
    .set({
      flag: values.flag,
      ...(values.flaggedAt ? { flaggedAt: values.flaggedAt } : {}),
      watchedAt: values.watchedAt,
      watchError: null,
      ...nextVersion(bibReferences),
    })
    .where(eq(bibReferences.id, id));
}

/**
 * Checked references with nothing to record (no notice found, none before): only `watched_at`
 * moves, in one statement for the batch — most of a watch's references, most days. A reference
 * flagged meanwhile (by another writer) is left for `markReferenceWatched`'s path next run.
 */
export async function markReferencesWatchedClean(
  db: Db,
  ids: readonly string[],
  watchedAt: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(bibReferences)
    .set({ watchedAt, watchError: null })
    .where(and(inArray(bibReferences.id, [...ids]), isNull(bibReferences.flag)));
}

/** References a failed request could not check: the error is kept, `watched_at` is not moved. */
export async function markReferencesWatchError(
  db: Db,
  ids: readonly string[],
  error: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(bibReferences)
    .set({ watchError: error.slice(0, 500) })
    .where(inArray(bibReferences.id, [...ids]));
}

/**
 * The claims whose evidence cites the reference in their article's current revision (not
 * dismissed, the article not retracted), locked: those go back to re-check. Unlike a library
 * entry's change, a retraction reopens the claims of a published revision too: the publication
 * keeps its snapshot (and gains its dated notice), and the re-check asks the desk for a new
 * revision. Each claim once.
 */
export async function lockClaimsCiting(db: Db, referenceId: string) {
  return db
    .select({
      id: claims.id,
      number: claims.number,
      articleId: claims.articleId,
      status: claims.status,
      recheckReason: claims.recheckReason,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(
      claimAnchors,
      and(
        eq(claimAnchors.claimId, claims.id),
        eq(claimAnchors.revisionId, articles.currentRevisionId),
      ),
    )
    .where(
      and(
        sql`EXISTS (SELECT 1 FROM ${evidence} e WHERE e.claim_id = ${claims.id} AND e.reference_id = ${referenceId})`,
        notDeleted(),
        ne(claims.status, "dismissed"),
        ne(articles.state, "retracted"),
      ),
    )
    .orderBy(claims.articleId, claims.number)
    .for("no key update", { of: claims });
}

/**
 * Publications not retracted whose snapshot cites the work (its evidence's DOI, compared
 * lower-cased, or PMID), with the numbers of the claims whose evidence cites it. The snapshot is
 * read, never written.
 */
export async function listPublicationsCiting(
  db: Db,
  ids: { doi: string | null; pmid: string | null },
): Promise<{ id: string; articleId: string; claimNumbers: number[] }[]> {
  if (!ids.doi && !ids.pmid) return [];
  const rows = await rawRows<{ id: string; article_id: string; claim_number: string }>(
    db,
    sql`
    SELECT p.id, p.article_id, c->>'number' AS claim_number
    FROM ${publications} p,
      jsonb_array_elements(p.snapshot->'claims') c,
      jsonb_array_elements(c->'evidence') e
    WHERE p.retracted_at IS NULL
      AND ((${ids.doi}::text IS NOT NULL AND lower(e->>'doi') = ${ids.doi})
        OR (${ids.pmid}::text IS NOT NULL AND e->>'pmid' = ${ids.pmid}))
    ORDER BY p.id`,
  );
  const byId = new Map<string, { id: string; articleId: string; claimNumbers: number[] }>();
  for (const r of rows) {
    const known = byId.get(r.id) ?? { id: r.id, articleId: r.article_id, claimNumbers: [] };
    known.claimNumbers.push(Number(r.claim_number));
    byId.set(r.id, known);
  }
  return [...byId.values()];
}

/** Adds a publication's evidence update unless it has one for this reference and kind; the new row's id. */
export async function insertPublicationNotice(
  db: Db,
  values: { publicationId: string; referenceId: string; kind: ReferenceFlag; text: string },
): Promise<string | null> {
  const [row] = await db
    .insert(publicationNotices)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: publicationNotices.id });
  return row?.id ?? null;
}

export interface PublicationNoticeRow {
  kind: ReferenceFlag;
  text: string;
  createdAt: Date;
}

/** A publication's evidence updates, oldest first (read beside its snapshot, never in it). */
export async function listPublicationNotices(
  db: Db,
  publicationId: string,
): Promise<PublicationNoticeRow[]> {
  return db
    .select({
      kind: publicationNotices.kind,
      text: publicationNotices.text,
      createdAt: publicationNotices.createdAt,
    })
    .from(publicationNotices)
    .where(eq(publicationNotices.publicationId, publicationId))
    .orderBy(asc(publicationNotices.createdAt), asc(publicationNotices.id));
}

/** The flagged references, worst first, then the most recently flagged. */
export async function listFlaggedReferences(db: Db, limit = 500) {
  return db
    .select({
      id: bibReferences.id,
      number: bibReferences.number,
      doi: bibReferences.doi,
      pmid: bibReferences.pmid,
      title: bibReferences.title,
      authors: bibReferences.authors,
      journal: bibReferences.journal,
      year: bibReferences.year,
      flag: bibReferences.flag,
      flaggedAt: bibReferences.flaggedAt,
      watchedAt: bibReferences.watchedAt,
    })
    .from(bibReferences)
    .where(isNotNull(bibReferences.flag))
    .orderBy(
      sql`array_position(ARRAY['retracted','withdrawn','expression_of_concern','corrected']::text[], ${bibReferences.flag}::text)`,
      sql`${bibReferences.flaggedAt} DESC NULLS LAST`,
    )
    .limit(limit);
}

export async function listNoticesOfReferences(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      referenceId: referenceNotices.referenceId,
      kind: referenceNotices.kind,
      origin: referenceNotices.origin,
      noticeDoi: referenceNotices.noticeDoi,
      noticePmid: referenceNotices.noticePmid,
      noticeDate: referenceNotices.noticeDate,
      label: referenceNotices.label,
    })
    .from(referenceNotices)
    .where(inArray(referenceNotices.referenceId, [...ids]))
    .orderBy(asc(referenceNotices.noticeDate));
}

/** The live claims whose evidence cites one of the references, with their article. */
export async function listClaimsCitingReferences(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectDistinct({
      referenceId: evidence.referenceId,
      claimId: claims.id,
      number: claims.number,
      status: claims.status,
      recheckReason: claims.recheckReason,
      articleSlug: articles.slug,
      articleTitle: articles.title,
    })
    .from(evidence)
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(inArray(evidence.referenceId, [...ids]), notDeleted()))
    .orderBy(articles.title, claims.number);
}

/** The publications' evidence updates about these references, with their article. */
export async function listPublicationNoticesOfReferences(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      referenceId: publicationNotices.referenceId,
      text: publicationNotices.text,
      createdAt: publicationNotices.createdAt,
      publicationNumber: publications.number,
      articleSlug: articles.slug,
      articleTitle: articles.title,
    })
    .from(publicationNotices)
    .innerJoin(publications, eq(publications.id, publicationNotices.publicationId))
    .innerJoin(articles, eq(articles.id, publications.articleId))
    .where(inArray(publicationNotices.referenceId, [...ids]))
    .orderBy(asc(publicationNotices.createdAt));
}

/** The flags of the references some evidence items cite, by evidence id (the claim panel's badges). */
export async function listEvidenceFlags(db: Db, evidenceIds: readonly string[]) {
  if (evidenceIds.length === 0) return [];
  return db
    .select({
      evidenceId: evidence.id,
      flag: bibReferences.flag,
      flaggedAt: bibReferences.flaggedAt,
      noticeDate: sql<
        string | null
      >`(SELECT min(n.notice_date) FROM ${referenceNotices} n WHERE n.reference_id = ${bibReferences.id} AND n.kind = ${bibReferences.flag})`,
    })
    .from(evidence)
    .innerJoin(bibReferences, eq(bibReferences.id, evidence.referenceId))
    .where(and(inArray(evidence.id, [...evidenceIds]), isNotNull(bibReferences.flag)));
}
