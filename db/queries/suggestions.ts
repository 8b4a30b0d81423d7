import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { StoredSuggestion } from "@/lib/core/suggestions/select";
import type { Db } from "../client";
import { revisionSuggestions, suggestionDismissals, users } from "../schema";

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

/** The stored suggestions of a revision for one detector version; null when none are stored. */
export async function findRevisionSuggestions(
  db: Db,
  revisionId: string,
  detectorVersion: number,
): Promise<StoredSuggestion[] | null> {
  const [row] = await db
    .select({ suggestions: revisionSuggestions.suggestions })
    .from(revisionSuggestions)
    .where(
      and(
        eq(revisionSuggestions.revisionId, revisionId),
        eq(revisionSuggestions.detectorVersion, detectorVersion),
      ),
    );
  return row?.suggestions ?? null;
}

/**
 * Stores a revision's suggestions. Two first readers may compute them at once: the second
 * insert does nothing (both computed the same list from the same immutable text).
 */
export async function insertRevisionSuggestions(
  db: Db,
  values: { revisionId: string; detectorVersion: number; suggestions: StoredSuggestion[] },
): Promise<void> {
  await db.insert(revisionSuggestions).values(values).onConflictDoNothing();
}

/** Drops a revision's rows of other detector versions (they are never read again). */
export async function deleteStaleRevisionSuggestions(
  db: Db,
  revisionId: string,
  detectorVersion: number,
): Promise<void> {
  await db
    .delete(revisionSuggestions)
    .where(
      and(
        eq(revisionSuggestions.revisionId, revisionId),
        ne(revisionSuggestions.detectorVersion, detectorVersion),
      ),
    );
}
