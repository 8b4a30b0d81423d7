/**
 * Re-attaching an orphaned claim by hand: a reviewer selects the claim's new text in the
 * current revision. The anchor row of that revision is replaced (state `exact`: a person chose
 * the place, score 1); the audit event keeps the old quote and the new one. When the new words
 * differ from the old quote, the claim needs a re-check as after any rewording.
 */
import "server-only";
import { lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  findAnchor,
  findClaimById,
  lockClaimById,
  updateClaimAnchor,
  updateLockedClaim,
} from "@/db/queries/claims";
import { findRevisionById } from "@/db/queries/revisions";
import { type AuditAfter, type AuditBefore, valuesBefore } from "@/lib/core/audit/events";
import { anchorForSelection, assertCurrentRevision } from "@/lib/core/claims/selection";
import { AppError, notFound } from "@/lib/core/errors";
import { recheckChanges } from "@/lib/core/revisions/reanchor";
import { reattachClaimSchema } from "@/lib/core/validation/revisions";
import { defineAction } from "@/lib/server/action";

export const reattachClaim = defineAction({
  name: "claim.reattach",
  input: reattachClaimSchema,
  permission: "claim:update",
  run: async ({ tx, actor }, input) => {
    const found = await findClaimById(tx, input.claimId);
    if (!found) throw notFound("The claim");
    // Article first, then the claim: the order a revision save takes its locks in.
    const article = await lockArticle(tx, found.articleId);
    if (!article) throw notFound("The article");
    if (article.state === "retracted") {
      throw new AppError("rule", "Claims of a retracted article cannot be re-attached.");
    }
    assertCurrentRevision(article, input.revisionId);
    const claim = await lockClaimById(tx, input.claimId);
    if (!claim) throw notFound("The claim");
    if (claim.version !== input.version) {
      throw new AppError(
        "conflict",
        "Someone else changed this claim after you opened the page. Reload to see it.",
        { details: { current: claim } },
      );
    }
    const anchor = await findAnchor(tx, claim.id, input.revisionId);
    if (!anchor) throw notFound("The claim's anchor in this revision");
    if (anchor.state !== "orphaned") {
      throw new AppError(
        "rule",
        `Claim ${claim.number} is not orphaned: its text is already found in this revision.`,
      );
    }
    const revision = await findRevisionById(tx, input.revisionId);
    if (!revision) throw notFound("The revision");
    const quote = anchorForSelection(revision.plainText, input);
    await updateClaimAnchor(tx, claim.id, revision.id, quote);
    const changes =
      quote.exact !== anchor.exact && claim.status !== "dismissed" ? recheckChanges(claim) : {};
    // Always a new version: anyone holding the claim open must see that it moved.
    const updated = await updateLockedClaim(tx, claim.id, changes);
    // The review fields sent back for a re-check, with the values they had.
    const before: AuditBefore<"claim.reattach"> = {
      anchorState: "orphaned",
      exact: anchor.exact,
      ...valuesBefore(claim, changes),
    };
    const after: AuditAfter<"claim.reattach"> = {
      anchorState: "exact",
      exact: quote.exact,
      start: input.start,
      end: input.end,
      revision: revision.number,
      ...changes,
    };
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.reattach",
      entityType: "claim",
      entityId: claim.id,
      articleId: article.id,
      before,
      after,
    });
    return { id: updated.id, number: updated.number, version: updated.version };
  },
});
