"use server";

import { addEvidence, deleteEvidence, updateEvidence } from "@/lib/evidence/service";
import { runAction } from "@/lib/server/run-action";

export async function addEvidenceAction(input: unknown) {
  return runAction(addEvidence, input);
}

export async function updateEvidenceAction(input: unknown) {
  return runAction(updateEvidence, input);
}

export async function deleteEvidenceAction(input: unknown) {
  return runAction(deleteEvidence, input);
}
