/**
 * Deleting a claim created by mistake, and restoring it (the undo). A soft delete: the claim row
 * gets `deleted_at`/`deleted_by_id` and every list, gate and export leaves it out
 * (db/queries/claims.ts), while its anchors, evidence, comments and audit events stay, because
 * audited facts are never removed. A claim that appears in a publication cannot be deleted:
 * what was published stays on the record (dismissing it as not check-worthy is the way there).
 */
import "server-only";
import type { Db } from "@/db/client";
import { type ArticleRow, lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  type ClaimRowWithDeletion,
  findAnchor,
  findArticleIdOfClaim,
  findLatestAnchorOfClaim,
  insertClaimAnchor,
  lockClaimIncludingDeleted,
  setClaimDeletedIfVersion,
  updateLockedClaim,
} from "@/db/queries/claims";
import { listPublishedClaimNumbers } from "@/db/queries/publications";
import { findRevisionById } from "@/db/queries/revisions";
import type { AuditAfter } from "@/lib/core/audit/events";
import { type Actor, can } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import { reanchorClaims } from "@/lib/core/revisions/reanchor";
import { deleteClaimSchema, restoreClaimSchema } from "@/lib/core/validation/claims";
import { defineAction } from "@/lib/server/action";

/** Whether `actor` may delete or restore a claim created by `createdById` (reviewer+ assumed). */
export function mayDeleteClaim(actor: Actor | null, createdById: string): boolean {
  return (
    actor !== null &&
    can(actor, "claim:create") &&
    (actor.id === createdById || can(actor, "claim:delete_any"))
  );
}

/**
 * The article locked, then the claim (the order a revision save takes its locks in, so the two
 * cannot deadlock), with the object-level checks both actions share.
 */
async function lockForDeletion(
  tx: Db,
  actor: Actor,
  input: { claimId: string; version: number },
): Promise<{ article: ArticleRow; claim: ClaimRowWithDeletion }> {
  const articleId = await findArticleIdOfClaim(tx, input.claimId);
  if (!articleId) throw notFound("The claim");
  const article = await lockArticle(tx, articleId);
  if (!article) throw notFound("The article");
  const claim = await lockClaimIncludingDeleted(tx, input.claimId);
  if (!claim) throw notFound("The claim");
  if (!mayDeleteClaim(actor, claim.createdById)) {
    throw new AppError(
      "forbidden",
      `Only the reviewer who created claim ${claim.number}, or an editor, can delete or restore it.`,
    );
  }
  if (claim.version !== input.version) throw staleError(claim);
  return { article, claim };
}

function staleError(claim: ClaimRowWithDeletion) {
  return new AppError(
    "conflict",
    claim.deletedAt
      ? `Claim ${claim.number} was changed or deleted by someone else after you opened it. Reload to see it.`
      : `Someone else saved claim ${claim.number} after you opened it. Reload to see their version, then decide again.`,
    { details: { current: { version: claim.version, deleted: claim.deletedAt !== null } } },
  );
}

export const deleteClaim = defineAction({
  name: "claim.delete",
  input: deleteClaimSchema,
  permission: "claim:create",
  run: async ({ tx, actor }, input) => {
    const { article, claim } = await lockForDeletion(tx, actor, input);
    if (claim.deletedAt) throw new AppError("rule", `Claim ${claim.number} is already deleted.`);
    // The article row is locked, so no publication can be written until this commits.
    if ((await listPublishedClaimNumbers(tx, article.id)).has(claim.number)) {
      throw new AppError(
        "rule",
        `Claim ${claim.number} appears in a publication of this article, so it can't be deleted: what was published stays on the record. Set its status to “Not check-worthy” instead.`,
      );
    }
    const deleted = await setClaimDeletedIfVersion(tx, claim.id, input.version, actor.id);
    if (!deleted) throw staleError(claim);
    const anchor = article.currentRevisionId
      ? await findAnchor(tx, claim.id, article.currentRevisionId)
      : null;
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.delete",
      entityType: "claim",
      entityId: claim.id,
      articleId: article.id,
      before: { status: claim.status, verdict: claim.verdict },
      after: { number: claim.number, quote: anchor?.exact ?? null },
    });
    return { id: deleted.id, number: deleted.number, version: deleted.version };
  },
});

export const restoreClaim = defineAction({
  name: "claim.restore",
  input: restoreClaimSchema,
  permission: "claim:create",
  run: async ({ tx, actor }, input) => {
    const { article, claim } = await lockForDeletion(tx, actor, input);
    if (!claim.deletedAt) throw new AppError("rule", `Claim ${claim.number} is not deleted.`);
    const restored = await setClaimDeletedIfVersion(tx, claim.id, input.version, null);
    if (!restored) throw staleError(claim);
    let row = restored;
    const after: AuditAfter<"claim.restore"> = { number: claim.number };

    // Revisions saved while the claim was deleted did not re-anchor it: anchor it now in the
    // current revision from its latest anchor, by the same rules a revision save uses.
    const revisionId = article.currentRevisionId;
    if (revisionId && !(await findAnchor(tx, claim.id, revisionId))) {
      const [latest, revision] = await Promise.all([
        findLatestAnchorOfClaim(tx, claim.id),
        findRevisionById(tx, revisionId),
      ]);
      if (latest && revision) {
        const [outcome] = reanchorClaims(revision.plainText, [{ ...restored, anchor: latest }]);
        if (outcome) {
          await insertClaimAnchor(tx, { ...outcome.anchor, claimId: claim.id, revisionId });
          if (outcome.recheck && Object.keys(outcome.recheck).length > 0) {
            row = await updateLockedClaim(tx, claim.id, outcome.recheck);
          }
          Object.assign(after, {
            anchorState: outcome.anchor.state,
            exact: outcome.anchor.exact,
            revision: revision.number,
          });
        }
      }
    }
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.restore",
      entityType: "claim",
      entityId: claim.id,
      articleId: article.id,
      before: { deletedAt: claim.deletedAt.toISOString() },
      after,
    });
    return { id: row.id, number: row.number, version: row.version };
  },
});
