import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { suggestionDismissals, users } from "../schema";

/** Records a dismissal; returns false when the sentence was already dismissed. */
export async function insertDismissal(
  db: Db,
  values: { articleId: string; sentence: string; dismissedById: string },
): Promise<boolean> {
  const rows = await db
    .insert(suggestionDismissals)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: suggestionDismissals.id });
  return rows.length > 0;
}

/** The article's dismissals with who dismissed each and when, newest first. */
export function listDismissals(db: Db, articleId: string) {
  return db
    .select({
      sentence: suggestionDismissals.sentence,
      dismissedByName: users.name,
      createdAt: suggestionDismissals.createdAt,
    })
    .from(suggestionDismissals)
    .leftJoin(users, eq(users.id, suggestionDismissals.dismissedById))
    .where(eq(suggestionDismissals.articleId, articleId))
    .orderBy(desc(suggestionDismissals.createdAt), desc(suggestionDismissals.id));
}

/**
 * Removes a dismissal (the suggestion is offered again); returns who dismissed it, or null when
 * it was not dismissed. The audit trail keeps both the dismissal and its restore.
 */
export async function deleteDismissal(
  db: Db,
  articleId: string,
  sentence: string,
): Promise<{ dismissedById: string; createdAt: Date } | null> {
  const [row] = await db
    .delete(suggestionDismissals)
    .where(
      and(
        eq(suggestionDismissals.articleId, articleId),
        eq(suggestionDismissals.sentence, sentence),
      ),
    )
    .returning({
      dismissedById: suggestionDismissals.dismissedById,
      createdAt: suggestionDismissals.createdAt,
    });
  return row ?? null;
}
