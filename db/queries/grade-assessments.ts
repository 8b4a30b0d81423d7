import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { GradeJudgements } from "@/lib/core/evidence/grade-assessment";
import type { Db } from "../client";
import { type ClaimGradeAssessment, claimGradeAssessments } from "../schema";
import type { Assert, SameShape } from "./row-shapes";

/** A claim's GRADE assessment of its body of evidence, as every query here returns it. */
export type GradeAssessmentRow = ClaimGradeAssessment;

// The core owns the judgements' shape (lib/core/evidence/grade-assessment.ts): the build stops
// here when the schema and that contract drift apart.
type _JudgementsAsStored = Assert<
  SameShape<Pick<GradeAssessmentRow, "domains" | "upgrades">, Required<GradeJudgements>>
>;

export async function findGradeAssessment(
  db: Db,
  claimId: string,
): Promise<GradeAssessmentRow | null> {
  const [row] = await db
    .select()
    .from(claimGradeAssessments)
    .where(eq(claimGradeAssessments.claimId, claimId));
  return row ?? null;
}

/** The assessments of these claims, by claim id (claims without one are absent). */
export async function listGradeAssessmentsForClaims(
  db: Db,
  claimIds: string[],
): Promise<Map<string, GradeAssessmentRow>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(claimGradeAssessments)
    .where(inArray(claimGradeAssessments.claimId, claimIds));
  return new Map(rows.map((r) => [r.claimId, r]));
}

/**
 * The claim's first assessment; null when someone else wrote one first (the claim's row is
 * the caller's lock, so that cannot happen while it is held, but the key makes sure).
 */
export async function insertGradeAssessment(
  db: Db,
  values: Required<GradeJudgements> & { claimId: string; updatedById: string },
): Promise<GradeAssessmentRow | null> {
  const [row] = await db
    .insert(claimGradeAssessments)
    .values(values)
    .onConflictDoNothing({ target: claimGradeAssessments.claimId })
    .returning();
  return row ?? null;
}

/** Replaces the judgements if the row is still at `version`; null when someone saved first. */
export async function updateGradeAssessmentIfVersion(
  db: Db,
  claimId: string,
  version: number,
  values: Required<GradeJudgements> & { updatedById: string },
): Promise<GradeAssessmentRow | null> {
  const [row] = await db
    .update(claimGradeAssessments)
    .set({
      ...values,
      updatedAt: new Date(),
      version: sql`${claimGradeAssessments.version} + 1`,
    })
    .where(
      and(eq(claimGradeAssessments.claimId, claimId), eq(claimGradeAssessments.version, version)),
    )
    .returning();
  return row ?? null;
}
