/** Assigning claims to reviewers (editors and admins). */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { findClaimById, setClaimAssignee } from "@/db/queries/claims";
import { findUserById } from "@/db/queries/users";
import { AppError, notFound } from "@/lib/core/errors";
import { assignClaimSchema } from "@/lib/core/validation/claims";
import { defineAction } from "@/lib/server/action";

export const assignClaim = defineAction({
  name: "claim.assign",
  input: assignClaimSchema,
  permission: "claim:assign",
  // Audited when it changes something: assigning the claim to whoever holds it changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, { claimId, assigneeId }) => {
    const claim = await findClaimById(tx, claimId);
    if (!claim) throw notFound("The claim");
    let assigneeName: string | null = null;
    if (assigneeId !== null) {
      const assignee = await findUserById(tx, assigneeId);
      if (!assignee || assignee.disabledAt) throw notFound("The assignee");
      if (assignee.role === "viewer") {
        throw new AppError("validation", `${assignee.name} is a viewer and cannot review claims.`, {
          fieldErrors: { assigneeId: ["Choose a reviewer, editor or admin."] },
        });
      }
      assigneeName = assignee.name;
    }
    if (claim.assigneeId === assigneeId) return { assigneeId, assigneeName };
    const previous = claim.assigneeId ? await findUserById(tx, claim.assigneeId) : null;
    await setClaimAssignee(tx, claim.id, assigneeId);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.assign",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      before: { assigneeId: claim.assigneeId, assigneeName: previous?.name ?? null },
      after: { assigneeId, assigneeName },
    });
    return { assigneeId, assigneeName };
  },
});
