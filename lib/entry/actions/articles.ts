"use server";

import { runAction } from "@/lib/server/run-action";
import { importArticleDocument, transitionArticle } from "@/lib/services/articles/service";

/** Takes the import form's FormData (pasted text or an uploaded file). */
export async function importArticleDocumentAction(input: unknown) {
  return runAction(importArticleDocument, input);
}

export async function transitionArticleAction(input: unknown) {
  return runAction(transitionArticle, input);
}
