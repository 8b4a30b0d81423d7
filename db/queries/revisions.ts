import "server-only";
import { aliasedTable, and, asc, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { DocRoot } from "@/lib/core/document/schema";
import type { Db } from "../client";
import { articles, type Revision, revisions, users } from "../schema";
import { nextNumberInArticle } from "./versioned-rows";

/** A revision as every query here returns it: the whole row. */
export type RevisionRow = Revision;

export async function findRevisionById(db: Db, id: string): Promise<RevisionRow | null> {
  const [row] = await db.select().from(revisions).where(eq(revisions.id, id));
  return row ?? null;
}

export async function findRevisionByNumber(
  db: Db,
  articleId: string,
  number: number,
): Promise<RevisionRow | null> {
  const [row] = await db
    .select()
    .from(revisions)
    .where(and(eq(revisions.articleId, articleId), eq(revisions.number, number)));
  return row ?? null;
}

/** The newest approved revision of an article, if any. */
export async function findLatestApprovedRevision(
  db: Db,
  articleId: string,
): Promise<RevisionRow | null> {
  const [row] = await db
    .select()
    .from(revisions)
    .where(and(eq(revisions.articleId, articleId), isNotNull(revisions.approvedAt)))
    .orderBy(desc(revisions.number))
    .limit(1);
  return row ?? null;
}

/** Inserts the next revision of an article (call with the article row locked). */
export async function insertRevision(
  db: Db,
  values: {
    articleId: string;
    doc: DocRoot;
    plainText: string;
    summary: string;
    authorId: string;
    parentId: string | null;
  },
): Promise<RevisionRow> {
  const [row] = await db
    .insert(revisions)
    .values({
      ...values,
      number: nextNumberInArticle(revisions, values.articleId),
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function markRevisionApproved(
  db: Db,
  revisionId: string,
  approvedById: string,
): Promise<void> {
  await db
    .update(revisions)
    .set({ approvedById, approvedAt: new Date() })
    .where(eq(revisions.id, revisionId));
}

const approvers = aliasedTable(users, "approver");

/** Every revision of an article, oldest first, without the (large) document and text. */
export function listRevisionsOfArticle(db: Db, articleId: string) {
  return db
    .select({
      id: revisions.id,
      number: revisions.number,
      summary: revisions.summary,
      createdAt: revisions.createdAt,
      authorName: users.name,
      approvedAt: revisions.approvedAt,
      approvedByName: approvers.name,
      characters: sql<number>`length(${revisions.plainText})`,
    })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.authorId))
    .leftJoin(approvers, eq(approvers.id, revisions.approvedById))
    .where(eq(revisions.articleId, articleId))
    .orderBy(asc(revisions.number));
}

/**
 * The article that a re-import of `sourceUrl` revises: the newest one imported from exactly
 * that URL that is not retracted (a retracted article stays closed; its source starts anew).
 * Here rather than in articles.ts because only the revision service asks it.
 */
export async function findArticleBySourceUrl(
  db: Db,
  sourceUrl: string,
): Promise<{ id: string; slug: string; title: string } | null> {
  const [row] = await db
    .select({ id: articles.id, slug: articles.slug, title: articles.title })
    .from(articles)
    .where(and(eq(articles.sourceUrl, sourceUrl), ne(articles.state, "retracted")))
    .orderBy(desc(articles.createdAt))
    .limit(1);
  return row ?? null;
}

/** Writes the editor's "reviewed, no claims needed" record on one revision. */
export async function setRevisionNoClaims(
  db: Db,
  revisionId: string,
  record: { note: string; byId: string; at: Date },
): Promise<void> {
  await db
    .update(revisions)
    .set({ noClaimsNote: record.note, noClaimsById: record.byId, noClaimsAt: record.at })
    .where(eq(revisions.id, revisionId));
}
