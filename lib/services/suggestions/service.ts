/** Dismissing suggested claims and restoring them (accepting one is creating a claim on its range). */
import "server-only";
import { findArticleById } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { deleteDismissal, insertDismissal } from "@/db/queries/suggestions";
import { AppError, notFound } from "@/lib/core/errors";
import { sentenceKey } from "@/lib/core/suggestions/select";
import { dismissSuggestionSchema, restoreSuggestionSchema } from "@/lib/core/validation/claims";
import { defineAction } from "@/lib/server/action";

export const dismissSuggestion = defineAction({
  name: "suggestion.dismiss",
  input: dismissSuggestionSchema,
  // Deciding what is check-worthy is the reviewer's call, as creating a claim is.
  permission: "claim:create",
  // Audited when it changes something: a sentence dismissed already stays as it is.
  audit: "when-changed",
  run: async ({ tx, actor }, { articleId, sentence }) => {
    const article = await findArticleById(tx, articleId);
    if (!article) throw notFound("The article");
    const key = sentenceKey(sentence);
    const inserted = await insertDismissal(tx, {
      articleId,
      sentence: key,
      dismissedById: actor.id,
    });
    if (inserted) {
      await insertAuditEvent(tx, {
        actorId: actor.id,
        action: "suggestion.dismiss",
        entityType: "suggestion",
        entityId: articleId,
        articleId,
        after: { sentence: key },
      });
    }
    return { dismissed: true };
  },
});

/**
 * Undoes a dismissal: the sentence is suggested again. The dismissal row goes (it only says
 * "hide this"); the audit trail records the dismissal and this restore, with who and when.
 */
export const restoreSuggestion = defineAction({
  name: "suggestion.restore",
  input: restoreSuggestionSchema,
  permission: "claim:create",
  run: async ({ tx, actor }, { articleId, sentence }) => {
    const article = await findArticleById(tx, articleId);
    if (!article) throw notFound("The article");
    const key = sentenceKey(sentence);
    const removed = await deleteDismissal(tx, articleId, key);
    if (!removed) {
      throw new AppError("rule", "This suggestion is not dismissed (anymore): reload the page.");
    }
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "suggestion.restore",
      entityType: "suggestion",
      entityId: articleId,
      articleId,
      before: {
        sentence: key,
        dismissedById: removed.dismissedById,
        dismissedAt: removed.createdAt.toISOString(),
      },
    });
    return { restored: true };
  },
});
