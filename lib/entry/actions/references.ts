"use server";

import { runAction } from "@/lib/server/run-action";
import { importReferences } from "@/lib/services/references/import";
import { createReference, updateReference } from "@/lib/services/references/references";
import { runWatchNow } from "@/lib/services/references/watch-run";

/** The references page's import form: preview a file, then confirm the records picked. */
export async function importReferencesAction(input: unknown) {
  return runAction(importReferences, input);
}

export async function createReferenceAction(input: unknown) {
  return runAction(createReference, input);
}

/** The reference page's edit form: a correction, rewriting every evidence item citing it. */
export async function updateReferenceAction(input: unknown) {
  return runAction(updateReference, input);
}

/** The evidence updates page's "Run the watch now" (editors). */
export async function runWatchNowAction(input: unknown) {
  return runAction(runWatchNow, input);
}
