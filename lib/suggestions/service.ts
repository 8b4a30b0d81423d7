/** Dismissing suggested claims (accepting one is creating a claim on its range). */
import "server-only";
import { findArticleById } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { insertDismissal } from "@/db/queries/suggestions";
import { notFound } from "@/lib/errors";
import { defineAction } from "@/lib/server/action";
import { dismissSuggestionSchema } from "@/lib/validation/claims";
import { sentenceKey } from "./select";

export const dismissSuggestion = defineAction({
  name: "suggestion.dismiss",
  input: dismissSuggestionSchema,
  // Deciding what is check-worthy is the reviewer's call, as creating a claim is.
  permission: "claim:create",
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
