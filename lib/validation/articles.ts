import { z } from "zod";
import { id, optionalHttpUrl, optionalText, text } from "./common";

/** 2 MB of text: a long-form article is 50–100 kB; anything larger is almost surely a mistake. */
export const MAX_ARTICLE_TEXT = 2_000_000;

export const importTextSchema = z.object({
  title: text(300, 0, "Title"),
  text: text(MAX_ARTICLE_TEXT, 1, "Article text"),
  sourceUrl: optionalHttpUrl("Source URL"),
  originalAuthor: optionalText(200, "Original author"),
  originalPublishedAt: optionalText(100, "Original date"),
});
export type ImportTextInput = z.infer<typeof importTextSchema>;

export const ARTICLE_TRANSITIONS = [
  "submit",
  "request_changes",
  "approve",
  "publish",
  "retract",
] as const;

export const transitionArticleSchema = z.object({
  articleId: id(),
  transition: z.enum(ARTICLE_TRANSITIONS),
  note: text(2000, 0, "Note").optional().default(""),
  /** The article version the editor saw, so two decisions cannot cross. */
  version: z.number().int().positive(),
});
export type TransitionArticleInput = z.infer<typeof transitionArticleSchema>;
