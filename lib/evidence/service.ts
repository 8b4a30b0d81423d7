/** Evidence mutations. */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { findClaimById } from "@/db/queries/claims";
import { insertEvidence } from "@/db/queries/evidence";
import { notFound } from "@/lib/errors";
import { defineAction } from "@/lib/server/action";
import { addEvidenceSchema } from "@/lib/validation/evidence";

export const addEvidence = defineAction({
  name: "evidence.add",
  input: addEvidenceSchema,
  permission: "evidence:write",
  run: async ({ tx, actor }, { claimId, ...fields }) => {
    const claim = await findClaimById(tx, claimId);
    if (!claim) throw notFound("The claim");
    const row = await insertEvidence(tx, { ...fields, claimId, addedById: actor.id });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.add",
      entityType: "evidence",
      entityId: row.id,
      articleId: claim.articleId,
      after: {
        claimId,
        title: row.title,
        stance: row.stance,
        studyDesign: row.studyDesign,
        doi: row.doi,
        pmid: row.pmid,
        url: row.url,
      },
    });
    return row;
  },
});
