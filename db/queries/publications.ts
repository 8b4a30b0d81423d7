import "server-only";
import { aliasedTable, and, desc, eq, isNull, sql } from "drizzle-orm";
import type { EvidenceUpdate } from "@/lib/core/export/evidence-updates";
import type { ExportModel } from "@/lib/core/export/model";
import type { Db } from "../client";
import { articles, publicationNotices, publications, users } from "../schema";
import { nextNumberInArticle } from "./versioned-rows";

/** A publication without its snapshot: what the workspace shows. */
export interface PublicationSummary {
  id: string;
  number: number;
  publishedAt: Date;
  publishedByName: string | null;
  retractedAt: Date | null;
  retractionNote: string | null;
}

/** Inserts the article's next publication (call with the article row locked). */
export async function insertPublication(
  db: Db,
  values: { articleId: string; revisionId: string; snapshot: ExportModel; publishedById: string },
): Promise<{ id: string; number: number; publishedAt: Date }> {
  const [row] = await db
    .insert(publications)
    .values({
      ...values,
      number: nextNumberInArticle(publications, values.articleId),
    })
    .returning({
      id: publications.id,
      number: publications.number,
      publishedAt: publications.publishedAt,
    });
  if (!row) throw new Error("insert into publications returned no row");
  return row;
}

/**
 * Marks the article's latest publication retracted; returns it, or null when there is none or
 * it is already retracted (a retraction is written once).
 */
export async function retractLatestPublication(
  db: Db,
  articleId: string,
  note: string,
): Promise<{ id: string; number: number; retractedAt: Date } | null> {
  const latest = db
    .select({ id: publications.id })
    .from(publications)
    .where(eq(publications.articleId, articleId))
    .orderBy(desc(publications.number))
    .limit(1);
  const [row] = await db
    .update(publications)
    .set({ retractedAt: sql`now()`, retractionNote: note })
    .where(and(eq(publications.id, sql`(${latest})`), isNull(publications.retractedAt)))
    .returning({
      id: publications.id,
      number: publications.number,
      retractedAt: publications.retractedAt,
    });
  return row?.retractedAt ? { id: row.id, number: row.number, retractedAt: row.retractedAt } : null;
}

/** The article's publications, newest first, without their snapshots. */
export function listPublicationsOfArticle(
  db: Db,
  articleId: string,
): Promise<PublicationSummary[]> {
  return db
    .select({
      id: publications.id,
      number: publications.number,
      publishedAt: publications.publishedAt,
      publishedByName: users.name,
      retractedAt: publications.retractedAt,
      retractionNote: publications.retractionNote,
    })
    .from(publications)
    .leftJoin(users, eq(users.id, publications.publishedById))
    .where(eq(publications.articleId, articleId))
    .orderBy(desc(publications.number));
}

export interface PublicPublication {
  number: number;
  publishedAt: Date;
  snapshot: ExportModel;
  /** The article's latest publication, which alone carries a retraction. */
  latest: { number: number; retractedAt: Date | null; retractionNote: string | null };
  /**
   * Its dated evidence updates (publication_notices, the retraction watch's), read beside the
   * snapshot, never part of it. Absent where a caller did not read them.
   */
  evidenceUpdates?: EvidenceUpdate[];
}

/** A public publication without its snapshot: enough to know which render to serve. */
export interface PublicPublicationHead {
  id: string;
  number: number;
  publishedAt: Date;
  latest: PublicPublication["latest"];
  /** How many evidence updates it has: they are only ever added, so the count keys its renders. */
  evidenceUpdateCount: number;
}

/**
 * One publication of the article with this slug, by number, or its latest when `number` is
 * null, together with the latest one's number and retraction, without the snapshot: one small
 * row, read on every request of a public page (the render itself is cached). Nothing about the
 * article's work in progress is read.
 */
export async function findPublicPublicationHead(
  db: Db,
  slug: string,
  number: number | null,
): Promise<PublicPublicationHead | null> {
  const latest = aliasedTable(publications, "latest");
  const newest = sql`(select max(m.number) from ${publications} m where m.article_id = ${publications.articleId})`;
  const [row] = await db
    .select({
      id: publications.id,
      number: publications.number,
      publishedAt: publications.publishedAt,
      latestNumber: latest.number,
      latestRetractedAt: latest.retractedAt,
      latestRetractionNote: latest.retractionNote,
      evidenceUpdateCount: sql<number>`(select count(*)::int from ${publicationNotices} n where n.publication_id = ${publications.id})`,
    })
    .from(publications)
    .innerJoin(articles, eq(articles.id, publications.articleId))
    .innerJoin(latest, and(eq(latest.articleId, publications.articleId), eq(latest.number, newest)))
    .where(
      and(
        eq(articles.slug, slug),
        number === null ? eq(publications.number, latest.number) : eq(publications.number, number),
      ),
    );
  if (!row) return null;
  return {
    id: row.id,
    number: row.number,
    publishedAt: row.publishedAt,
    latest: {
      number: row.latestNumber,
      retractedAt: row.latestRetractedAt,
      retractionNote: row.latestRetractionNote,
    },
    evidenceUpdateCount: Number(row.evidenceUpdateCount),
  };
}

/** A publication's evidence updates, oldest first, as the renderers take them. */
export async function listEvidenceUpdates(
  db: Db,
  publicationId: string,
): Promise<EvidenceUpdate[]> {
  const rows = await db
    .select({
      kind: publicationNotices.kind,
      text: publicationNotices.text,
      createdAt: publicationNotices.createdAt,
    })
    .from(publicationNotices)
    .where(eq(publicationNotices.publicationId, publicationId))
    .orderBy(publicationNotices.createdAt, publicationNotices.id);
  return rows.map((r) => ({ kind: r.kind, text: r.text, at: r.createdAt.toISOString() }));
}

/** A publication's frozen export model. */
export async function findPublicationSnapshot(db: Db, id: string): Promise<ExportModel | null> {
  const [row] = await db
    .select({ snapshot: publications.snapshot })
    .from(publications)
    .where(eq(publications.id, id));
  return row?.snapshot ?? null;
}

/** A publication with its snapshot (head and snapshot, two reads). */
export async function findPublicPublication(
  db: Db,
  slug: string,
  number: number | null,
): Promise<PublicPublication | null> {
  const head = await findPublicPublicationHead(db, slug, number);
  if (!head) return null;
  const { id, evidenceUpdateCount, ...publication } = head;
  const snapshot = await findPublicationSnapshot(db, id);
  if (!snapshot) return null;
  const evidenceUpdates = evidenceUpdateCount > 0 ? await listEvidenceUpdates(db, id) : [];
  return { ...publication, snapshot, evidenceUpdates };
}

/**
 * The claim numbers that appear in any of the article's publication snapshots (retracted ones
 * included: a retracted publication stays readable at its address). Snapshots name claims by
 * their number, which is never reused, so the number identifies the claim.
 */
export async function listPublishedClaimNumbers(db: Db, articleId: string): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({
      number: sql<string>`jsonb_array_elements(${publications.snapshot}->'claims')->>'number'`,
    })
    .from(publications)
    .where(eq(publications.articleId, articleId));
  return new Set(rows.map((r) => Number(r.number)));
}
