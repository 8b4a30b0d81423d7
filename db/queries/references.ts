import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Db } from "../client";
import {
  articles,
  type BibReference,
  bibReferences,
  claims,
  evidence,
  referenceNotices,
} from "../schema";
import { atVersion, nextVersion } from "./versioned-rows";

/**
 * The workspace's reference list (lib/services/references): references by number ("R12"),
 * DOI (stored lower-cased and bare) and PMID, each unique; and the evidence items that cite one,
 * whose citation fields are a copy of the reference's.
 */

export type ReferenceRow = BibReference;

/** What a reference is written from (by hand, by an import, or for an evidence item). */
export type NewReference = Pick<
  BibReference,
  | "doi"
  | "pmid"
  | "pmcid"
  | "title"
  | "authors"
  | "journal"
  | "year"
  | "volume"
  | "issue"
  | "pages"
  | "url"
  | "publicationTypes"
  | "abstract"
  | "source"
> & { createdById: string | null };

/** The fields a correction may change. */
export type ReferenceChanges = Partial<Omit<NewReference, "source" | "createdById">>;

/**
 * Takes the reference list's numbering lock until the transaction ends (an advisory lock): the
 * writers of new references queue here, so two at the same moment never compute one number, and
 * one that looks again for its DOI or PMID after the lock sees the other's committed row.
 */
export async function lockReferenceNumbering(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7250301629)`);
}

/**
 * A new reference with the next number; the caller holds `lockReferenceNumbering`. The unique
 * indexes still refuse a second reference with one number, DOI or PMID.
 */
export async function insertReference(db: Db, values: NewReference): Promise<ReferenceRow> {
  await lockReferenceNumbering(db);
  const [row] = await db
    .insert(bibReferences)
    .values({
      ...values,
      number: sql`(SELECT coalesce(max(${bibReferences.number}), 0) + 1 FROM ${bibReferences})`,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findReferenceById(db: Db, id: string): Promise<ReferenceRow | null> {
  const [row] = await db.select().from(bibReferences).where(eq(bibReferences.id, id));
  return row ?? null;
}

export async function findReferenceByNumber(db: Db, number: number): Promise<ReferenceRow | null> {
  const [row] = await db.select().from(bibReferences).where(eq(bibReferences.number, number));
  return row ?? null;
}

/** The reference with this DOI (compared lower-cased), else the one with this PMID. */
export async function findReferenceByIdentifier(
  db: Db,
  { doi, pmid }: { doi: string | null; pmid: string | null },
): Promise<ReferenceRow | null> {
  const conditions: SQL[] = [];
  if (doi) conditions.push(eq(bibReferences.doi, doi.toLowerCase()));
  if (pmid) conditions.push(eq(bibReferences.pmid, pmid));
  if (conditions.length === 0) return null;
  const rows = await db
    .select()
    .from(bibReferences)
    .where(or(...conditions));
  const lower = doi?.toLowerCase();
  return rows.find((r) => lower && r.doi === lower) ?? rows[0] ?? null;
}

/** The other reference, if any, that already has this DOI or PMID (for a correction's check). */
export async function findOtherReferenceWithIdentifier(
  db: Db,
  id: string,
  { doi, pmid }: { doi: string | null; pmid: string | null },
): Promise<{ number: number; doi: string | null; pmid: string | null } | null> {
  const conditions: SQL[] = [];
  if (doi) conditions.push(eq(bibReferences.doi, doi));
  if (pmid) conditions.push(eq(bibReferences.pmid, pmid));
  if (conditions.length === 0) return null;
  const [row] = await db
    .select({ number: bibReferences.number, doi: bibReferences.doi, pmid: bibReferences.pmid })
    .from(bibReferences)
    .where(and(or(...conditions), sql`${bibReferences.id} <> ${id}`))
    .limit(1);
  return row ?? null;
}

/** Which of these DOIs and PMIDs the list already has, and the number of the reference that does. */
export async function findReferenceNumbersByIdentifiers(
  db: Db,
  dois: readonly string[],
  pmids: readonly string[],
): Promise<{ dois: Map<string, number>; pmids: Map<string, number> }> {
  const out = { dois: new Map<string, number>(), pmids: new Map<string, number>() };
  const SLICE = 1000;
  for (let i = 0; i < dois.length; i += SLICE) {
    const rows = await db
      .select({ doi: bibReferences.doi, number: bibReferences.number })
      .from(bibReferences)
      .where(inArray(bibReferences.doi, dois.slice(i, i + SLICE)));
    for (const r of rows) if (r.doi) out.dois.set(r.doi, r.number);
  }
  for (let i = 0; i < pmids.length; i += SLICE) {
    const rows = await db
      .select({ pmid: bibReferences.pmid, number: bibReferences.number })
      .from(bibReferences)
      .where(inArray(bibReferences.pmid, pmids.slice(i, i + SLICE)));
    for (const r of rows) if (r.pmid) out.pmids.set(r.pmid, r.number);
  }
  return out;
}

export async function updateReferenceIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: ReferenceChanges,
): Promise<ReferenceRow | null> {
  const [row] = await db
    .update(bibReferences)
    .set({ ...changes, ...nextVersion(bibReferences) })
    .where(atVersion(bibReferences, id, version))
    .returning();
  return row ?? null;
}

/** The citation fields an evidence item copies from its reference. */
export type EvidenceCitation = {
  title: string;
  authors: string;
  publisher: string;
  year: number | null;
  doi: string | null;
  pmid: string | null;
  url: string | null;
};

/** A reference's fields as an evidence item's citation (its journal is the item's publisher). */
export function citationOfReference(r: ReferenceRow): EvidenceCitation {
  return {
    title: r.title,
    authors: r.authors,
    publisher: r.journal,
    year: r.year,
    doi: r.doi,
    pmid: r.pmid,
    url: r.url,
  };
}

/** The evidence items citing a reference, locked, with what the correction's audit needs. */
export function lockEvidenceCitingReference(db: Db, referenceId: string) {
  return db
    .select({
      id: evidence.id,
      claimId: evidence.claimId,
      articleId: claims.articleId,
      title: evidence.title,
      authors: evidence.authors,
      publisher: evidence.publisher,
      year: evidence.year,
      doi: evidence.doi,
      pmid: evidence.pmid,
      url: evidence.url,
    })
    .from(evidence)
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .where(eq(evidence.referenceId, referenceId))
    .orderBy(asc(evidence.createdAt))
    .for("update", { of: evidence });
}

/** Rewrites one evidence item's citation from its reference, bumping its version. */
export async function setEvidenceCitation(
  db: Db,
  evidenceId: string,
  citation: Partial<EvidenceCitation>,
): Promise<void> {
  await db
    .update(evidence)
    .set({ ...citation, ...nextVersion(evidence) })
    .where(eq(evidence.id, evidenceId));
}

/** The list page: references with how many evidence items cite each, newest number first. */
export function listReferences(
  db: Db,
  { q, flagged, limit = 200 }: { q: string; flagged: boolean; limit?: number },
) {
  const conditions: SQL[] = [];
  if (flagged) conditions.push(isNotNull(bibReferences.flag));
  const term = q.trim();
  if (term) {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const bare = term
      .replace(/^(https?:\/\/((dx|www)\.)?doi\.org\/|doi:\s*|pmid:?\s*)/i, "")
      .toLowerCase();
    const byId = or(eq(bibReferences.doi, bare), eq(bibReferences.pmid, bare));
    conditions.push(or(ilike(bibReferences.title, pattern), byId) as SQL);
  }
  const citing = db
    .select({ referenceId: evidence.referenceId, n: count().as("n") })
    .from(evidence)
    .where(isNotNull(evidence.referenceId))
    .groupBy(evidence.referenceId)
    .as("citing");
  return db
    .select({
      id: bibReferences.id,
      number: bibReferences.number,
      title: bibReferences.title,
      authors: bibReferences.authors,
      journal: bibReferences.journal,
      year: bibReferences.year,
      doi: bibReferences.doi,
      pmid: bibReferences.pmid,
      flag: bibReferences.flag,
      evidenceCount: sql<number>`coalesce(${citing.n}, 0)::int`,
    })
    .from(bibReferences)
    .leftJoin(citing, eq(citing.referenceId, bibReferences.id))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(bibReferences.number))
    .limit(limit);
}

export async function countReferences(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(bibReferences);
  return row?.n ?? 0;
}

/** Every evidence item citing a reference, with its claim and article, for the reference page. */
export function listEvidenceCitingReference(db: Db, referenceId: string) {
  return db
    .select({
      id: evidence.id,
      title: evidence.title,
      stance: evidence.stance,
      studyDesign: evidence.studyDesign,
      excerpt: evidence.excerpt,
      claimId: claims.id,
      claimNumber: claims.number,
      claimStatus: claims.status,
      articleTitle: articles.title,
      articleSlug: articles.slug,
    })
    .from(evidence)
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(eq(evidence.referenceId, referenceId), sql`${claims.deletedAt} IS NULL`))
    .orderBy(asc(articles.title), asc(claims.number));
}

export function listReferenceNotices(db: Db, referenceId: string) {
  return db
    .select({
      id: referenceNotices.id,
      kind: referenceNotices.kind,
      origin: referenceNotices.origin,
      noticeDoi: referenceNotices.noticeDoi,
      noticePmid: referenceNotices.noticePmid,
      noticeDate: referenceNotices.noticeDate,
      label: referenceNotices.label,
      foundAt: referenceNotices.foundAt,
    })
    .from(referenceNotices)
    .where(eq(referenceNotices.referenceId, referenceId))
    .orderBy(desc(referenceNotices.foundAt));
}
