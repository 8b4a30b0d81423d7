import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type Comment, comments, users } from "../schema";

/** A comment as every query here returns it: the whole row. */
export type CommentRow = Comment;

export async function insertComment(
  db: Db,
  values: { claimId: string; authorId: string; body: string; mentions?: string[] },
): Promise<CommentRow> {
  const [row] = await db.insert(comments).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** One comment, deleted or not (the caller decides what a deleted one means). */
export async function findCommentById(db: Db, id: string): Promise<CommentRow | null> {
  const [row] = await db.select().from(comments).where(eq(comments.id, id));
  return row ?? null;
}

/**
 * Replaces the body of a comment that is not deleted; null when it is (or was deleted by
 * someone else meanwhile: the condition is checked again after waiting for their row lock).
 * `now()` is the database's clock, the one `created_at` came from, so "edited" compares alike.
 */
export async function updateCommentBody(
  db: Db,
  id: string,
  body: string,
  mentions: string[] = [],
): Promise<CommentRow | null> {
  const [row] = await db
    .update(comments)
    .set({ body, mentions, updatedAt: sql`now()` })
    .where(and(eq(comments.id, id), isNull(comments.deletedAt)))
    .returning();
  return row ?? null;
}

/** Marks a comment deleted (the row stays, for the record); null when it already was. */
export async function softDeleteComment(db: Db, id: string): Promise<CommentRow | null> {
  const [row] = await db
    .update(comments)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(comments.id, id), isNull(comments.deletedAt)))
    .returning();
  return row ?? null;
}

type CommentListRow = Omit<Comment, "deletedAt"> & { authorName: string };

/** The comments of some claims that are not deleted, with their authors' names, oldest first. */
export async function listCommentsForClaims(db: Db, claimIds: string[]): Promise<CommentListRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .select({
      id: comments.id,
      claimId: comments.claimId,
      authorId: comments.authorId,
      authorName: users.name,
      body: comments.body,
      mentions: comments.mentions,
      createdAt: comments.createdAt,
      updatedAt: comments.updatedAt,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(inArray(comments.claimId, claimIds), isNull(comments.deletedAt)))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}
