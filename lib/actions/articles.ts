"use server";

import { importArticleDocument, transitionArticle } from "@/lib/articles/service";
import { runAction } from "@/lib/server/run-action";

/** Takes the import form's FormData (pasted text or an uploaded file). */
export async function importArticleDocumentAction(input: unknown) {
  return runAction(importArticleDocument, input);
}

export async function transitionArticleAction(input: unknown) {
  return runAction(transitionArticle, input);
}
