/**
 * The editor's "reviewed, no claims needed" record on a revision: it stands in for the detector
 * suggestions nobody claimed or dismissed at the approval gate (lib/core/articles/workflow.ts), and
 * it is published with the revision, so readers see who made that call, when and why.
 */
import "server-only";
import { lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { findRevisionById, setRevisionNoClaims } from "@/db/queries/revisions";
import { AppError, notFound } from "@/lib/core/errors";
import { recordNoClaimsSchema } from "@/lib/core/validation/revisions";
import { defineAction } from "@/lib/server/action";

export const recordNoClaims = defineAction({
  name: "revision.record_no_claims",
  input: recordNoClaimsSchema,
  // The editor's call that lets approval through, as the editor's note on a claim is.
  permission: "claim:override",
  run: async ({ tx, actor }, input) => {
    // Locked: a save of a newer revision cannot slip in between the check and the write.
    const article = await lockArticle(tx, input.articleId);
    if (!article) throw notFound("The article");
    if (article.currentRevisionId !== input.revisionId) {
      throw new AppError(
        "conflict",
        "The article has a newer revision than the one you reviewed. Reload to review it.",
      );
    }
    // Once approved, the record would change what is (or will be) published without review.
    if (
      article.state === "approved" ||
      article.state === "published" ||
      article.state === "retracted"
    ) {
      throw new AppError(
        "rule",
        `This revision is ${article.state}: record the review before approval.`,
      );
    }
    const revision = await findRevisionById(tx, input.revisionId);
    if (!revision || revision.articleId !== article.id) throw notFound("The revision");
    const at = new Date();
    await setRevisionNoClaims(tx, revision.id, { note: input.note, byId: actor.id, at });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "revision.record_no_claims",
      entityType: "revision",
      entityId: revision.id,
      articleId: article.id,
      before: revision.noClaimsNote === null ? null : { note: revision.noClaimsNote },
      after: { revision: revision.number, note: input.note },
    });
    return { revisionId: revision.id, note: input.note, at: at.toISOString() };
  },
});
