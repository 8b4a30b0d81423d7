import "server-only";
import { desc, eq, like, sql } from "drizzle-orm";
import type { ArticleState } from "@/lib/core/vocabulary";
import type { Db } from "../client";
import { type Article, articles, claims, revisions } from "../schema";
import { atVersion, nextVersion } from "./versioned-rows";

/** An article as every query here returns it: the whole row. */
export type ArticleRow = Article;

export async function findArticleBySlug(db: Db, slug: string): Promise<ArticleRow | null> {
  const [row] = await db.select().from(articles).where(eq(articles.slug, slug));
  return row ?? null;
}

export async function findArticleById(db: Db, id: string): Promise<ArticleRow | null> {
  const [row] = await db.select().from(articles).where(eq(articles.id, id));
  return row ?? null;
}

/**
 * Locks the article row until the transaction ends. Every write that derives something from
 * the article's current state (claim numbers, transitions, new revisions) takes it first.
 */
export async function lockArticle(db: Db, id: string): Promise<ArticleRow | null> {
  const [row] = await db.select().from(articles).where(eq(articles.id, id)).for("update");
  return row ?? null;
}

/** Slugs starting with `base`, to pick a free one. */
export async function listSlugsLike(db: Db, base: string): Promise<string[]> {
  const escaped = base.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .select({ slug: articles.slug })
    .from(articles)
    .where(like(articles.slug, `${escaped}%`));
  return rows.map((r) => r.slug);
}

export async function insertArticle(
  db: Db,
  values: {
    slug: string;
    title: string;
    sourceUrl: string | null;
    originalAuthor: string | null;
    originalPublishedAt: string | null;
    createdById: string;
  },
): Promise<ArticleRow> {
  const [row] = await db.insert(articles).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function setCurrentRevision(
  db: Db,
  articleId: string,
  revisionId: string,
): Promise<void> {
  await db
    .update(articles)
    .set({ currentRevisionId: revisionId, ...nextVersion(articles) })
    .where(eq(articles.id, articleId));
}

/** Sets the state if the article is still at `version`; returns the new row, or null if stale. */
export async function updateArticleState(
  db: Db,
  articleId: string,
  version: number,
  state: ArticleState,
): Promise<ArticleRow | null> {
  const [row] = await db
    .update(articles)
    .set({ state, ...nextVersion(articles) })
    .where(atVersion(articles, articleId, version))
    .returning();
  return row ?? null;
}

/** The article list: each article with its current revision number and claim counts (deleted claims left out). */
export function listArticlesWithCounts(db: Db) {
  return db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      state: articles.state,
      updatedAt: articles.updatedAt,
      revisionNumber: revisions.number,
      claimCount: sql<number>`(SELECT count(*)::int FROM ${claims} WHERE ${claims.articleId} = ${articles.id} AND ${claims.deletedAt} IS NULL)`,
      openClaimCount: sql<number>`(SELECT count(*)::int FROM ${claims} WHERE ${claims.articleId} = ${articles.id} AND ${claims.status} IN ('open', 'in_review') AND ${claims.deletedAt} IS NULL)`,
    })
    .from(articles)
    .leftJoin(revisions, eq(revisions.id, articles.currentRevisionId))
    .orderBy(desc(articles.updatedAt));
}
