"use server";

import { runAction } from "@/lib/server/run-action";
import { importLibrary } from "@/lib/services/library/import";

/** The library page's import form: ClaimReview markup or a library JSON file, pasted or read. */
export async function importLibraryAction(input: unknown) {
  return runAction(importLibrary, input);
}
