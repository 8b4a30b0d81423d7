"use server";

import { importArticleText, transitionArticle } from "@/lib/articles/service";
import { runAction } from "@/lib/server/run-action";

export async function importArticleTextAction(input: unknown) {
  return runAction(importArticleText, input);
}

export async function transitionArticleAction(input: unknown) {
  return runAction(transitionArticle, input);
}
