"use server";

import { runAction } from "@/lib/server/run-action";
import { saveChecklist, setReviewDates } from "@/lib/services/review/service";

export async function setReviewDatesAction(input: unknown) {
  return runAction(setReviewDates, input);
}

export async function saveChecklistAction(input: unknown) {
  return runAction(saveChecklist, input);
}
