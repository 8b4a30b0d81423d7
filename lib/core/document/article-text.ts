/**
 * The plain text of a new revision and its checks, the same for every way a revision is made:
 * an import (which reports a problem against the source), a new article, an editor's save and a
 * re-import (which report it against the field the text came from).
 */
import { MAX_ARTICLE_TEXT } from "@/lib/core/limits/articles";
import type { DocRoot } from "./schema";
import { docToPlainText } from "./text-map";

export type ArticleTextProblem = "empty" | "too_long";

export interface ArticleText {
  /** `docToPlainText(doc)`: the coordinate space of every claim anchored in the revision. */
  plainText: string;
  /** Null when the text may be stored; else why not (no text, or over MAX_ARTICLE_TEXT). */
  problem: ArticleTextProblem | null;
}

export function articleText(doc: DocRoot): ArticleText {
  const plainText = docToPlainText(doc);
  if (plainText.trim() === "") return { plainText, problem: "empty" };
  if (plainText.length > MAX_ARTICLE_TEXT) return { plainText, problem: "too_long" };
  return { plainText, problem: null };
}
