/**
 * Publications are written only by the `publish` and `retract` workflow transitions
 * (`transitionArticle` in lib/services/articles/service.ts), inside their transaction, so an article is
 * never published without its snapshot nor retracted without its record marked. The snapshot
 * is the export model frozen at that moment: later edits, verdicts or settings never reach it.
 */
import "server-only";
import type { Db } from "@/db/client";
import type { ArticleRow } from "@/db/queries/articles";
import { insertPublication, retractLatestPublication } from "@/db/queries/publications";
import { findRevisionById } from "@/db/queries/revisions";
import { AppError } from "@/lib/core/errors";
import { buildRevisionModel } from "@/lib/services/exports/load";
import { forgetPublicationHeads } from "./render-cache";

/** Freezes the article's current, approved revision as its next publication. */
export async function publishCurrentRevision(tx: Db, article: ArticleRow, publisherId: string) {
  const revision = article.currentRevisionId
    ? await findRevisionById(tx, article.currentRevisionId)
    : null;
  if (!revision?.approvedAt) {
    throw new AppError("rule", "Only an approved revision can be published.");
  }
  const snapshot = await buildRevisionModel(tx, article, revision, new Date());
  const publication = await insertPublication(tx, {
    articleId: article.id,
    revisionId: revision.id,
    snapshot,
    publishedById: publisherId,
  });
  forgetPublicationHeads();
  return { ...publication, revisionNumber: revision.number, claims: snapshot.claims.length };
}

/** Marks the latest publication retracted with the note readers will see; the record stays. */
export async function retractPublication(tx: Db, articleId: string, note: string) {
  if (!note.trim()) {
    throw new AppError("validation", "Say why the article is retracted: readers see this note.", {
      fieldErrors: { note: ["A retraction needs a note."] },
    });
  }
  const retracted = await retractLatestPublication(tx, articleId, note.trim());
  if (!retracted) throw new AppError("rule", "This article has no publication to retract.");
  forgetPublicationHeads();
  return retracted;
}
