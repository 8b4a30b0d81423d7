"use server";

// A file of its own, not lib/entry/actions/claims.ts: only the claim panel's GRADE section
// (loaded on demand) imports it, so its reference stays out of the review page's first load.
import { runAction } from "@/lib/server/run-action";
import { saveGradeAssessment } from "@/lib/services/claims/grade-assessment";

export async function saveGradeAssessmentAction(input: unknown) {
  return runAction(saveGradeAssessment, input);
}
