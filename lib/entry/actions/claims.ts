"use server";

import { runAction } from "@/lib/server/run-action";
import { assignClaim } from "@/lib/services/claims/assign";
import { deleteClaim, restoreClaim } from "@/lib/services/claims/delete";
import { setEditorNotes } from "@/lib/services/claims/editor-notes";
import { createClaim, setEditorNote, updateClaim } from "@/lib/services/claims/service";
import { dismissSuggestion, restoreSuggestion } from "@/lib/services/suggestions/service";

export async function createClaimAction(input: unknown) {
  return runAction(createClaim, input);
}

export async function updateClaimAction(input: unknown) {
  return runAction(updateClaim, input);
}

export async function setEditorNoteAction(input: unknown) {
  return runAction(setEditorNote, input);
}

export async function assignClaimAction(input: unknown) {
  return runAction(assignClaim, input);
}

export async function dismissSuggestionAction(input: unknown) {
  return runAction(dismissSuggestion, input);
}

export async function deleteClaimAction(input: unknown) {
  return runAction(deleteClaim, input);
}

export async function restoreClaimAction(input: unknown) {
  return runAction(restoreClaim, input);
}

export async function restoreSuggestionAction(input: unknown) {
  return runAction(restoreSuggestion, input);
}

export async function setEditorNotesAction(input: unknown) {
  return runAction(setEditorNotes, input);
}
