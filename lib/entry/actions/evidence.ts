"use server";

import { runAction } from "@/lib/server/run-action";
import { addEvidence, deleteEvidence, updateEvidence } from "@/lib/services/evidence/service";

export async function addEvidenceAction(input: unknown) {
  return runAction(addEvidence, input);
}

export async function updateEvidenceAction(input: unknown) {
  return runAction(updateEvidence, input);
}

export async function deleteEvidenceAction(input: unknown) {
  return runAction(deleteEvidence, input);
}
