/**
 * A claim's GRADE assessment of its body of evidence (lib/core/evidence/grade-assessment.ts):
 * the eight judgements, created on the first save and replaced after, under optimistic
 * concurrency on the assessment's own `version` (the claim's review fields keep theirs, so a
 * reviewer grading the evidence does not collide with one editing the rationale). Like
 * `claim.update`, a deleted claim refuses it (it is not found) and nothing else does: a claim
 * in a published article is still reviewed, and its publication stays frozen as it was.
 */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { lockClaimById } from "@/db/queries/claims";
import { listEvidenceForClaims } from "@/db/queries/evidence";
import {
  findGradeAssessment,
  type GradeAssessmentRow,
  insertGradeAssessment,
  updateGradeAssessmentIfVersion,
} from "@/db/queries/grade-assessments";
import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import {
  completeJudgements,
  computeGrade,
  type GradeJudgements,
} from "@/lib/core/evidence/grade-assessment";
import { gradeAssessmentSchema } from "@/lib/core/validation/grade-assessment";
import { defineAction } from "@/lib/server/action";

/** A stale save's conflict carries the assessment as it is now (null: none any more). */
export type GradeAssessmentConflict = { conflict: { current: GradeAssessmentRow | null } };

async function staleError(tx: Db, claimId: string) {
  return new AppError(
    "conflict",
    "Someone else saved this GRADE assessment after you opened it. Their version is shown; your input is kept so you can re-apply it.",
    { details: { current: await findGradeAssessment(tx, claimId) } },
  );
}

/** Whether two sets of judgements say the same; in a fixed key order (jsonb reorders keys). */
const same = (a: GradeJudgements, b: GradeJudgements) =>
  JSON.stringify(completeJudgements(a)) === JSON.stringify(completeJudgements(b));

export const saveGradeAssessment = defineAction({
  name: "claim.grade_assessment",
  input: gradeAssessmentSchema,
  permission: "claim:grade",
  // Audited when it changes something: the same judgements saved again change nothing.
  audit: "when-changed",
  errorDetails: detailsOf<GradeAssessmentConflict>(),
  run: async ({ tx, actor }, { claimId, version, domains, upgrades }) => {
    // Locked, so the first assessment of a claim is written once, and its evidence stays put.
    const claim = await lockClaimById(tx, claimId);
    if (!claim) throw notFound("The claim");
    const existing = await findGradeAssessment(tx, claim.id);
    if ((existing?.version ?? null) !== version) throw await staleError(tx, claim.id);

    const designs = (await listEvidenceForClaims(tx, [claim.id])).map((e) => e.studyDesign);
    const judgements = { domains, upgrades };
    if (existing && same(existing, judgements)) {
      return { assessment: existing, result: computeGrade(designs, existing) };
    }
    const row = existing
      ? await updateGradeAssessmentIfVersion(tx, claim.id, existing.version, {
          ...judgements,
          updatedById: actor.id,
        })
      : await insertGradeAssessment(tx, {
          claimId: claim.id,
          ...judgements,
          updatedById: actor.id,
        });
    if (!row) throw await staleError(tx, claim.id);

    const result = computeGrade(designs, row);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.grade_assessment",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      before: existing
        ? {
            domains: existing.domains,
            upgrades: existing.upgrades,
            certainty: computeGrade(designs, existing).certainty,
          }
        : null,
      after: { domains: row.domains, upgrades: row.upgrades, certainty: result.certainty },
    });
    return { assessment: row, result };
  },
});
