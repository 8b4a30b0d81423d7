import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { suggestionDismissals } from "../schema";

/** The sentences dismissed on an article (as stored: whitespace collapsed). */
export async function listDismissedSentences(db: Db, articleId: string): Promise<Set<string>> {
  const rows = await db
    .select({ sentence: suggestionDismissals.sentence })
    .from(suggestionDismissals)
    .where(eq(suggestionDismissals.articleId, articleId));
  return new Set(rows.map((r) => r.sentence));
}

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
