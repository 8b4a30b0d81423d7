import { z } from "zod";
import { MAX_IMPORT_BYTES, tooLargeMessage } from "@/lib/core/import/limits";
import { MAX_ARTICLE_TEXT } from "@/lib/core/limits/articles";
import { id, optionalHttpUrl, optionalText, text } from "./common";

/** What an import records about the article besides its body. */
const articleDetails = {
  title: text(300, 0, "Title"),
  sourceUrl: optionalHttpUrl("Source URL"),
  originalAuthor: optionalText(200, "Original author"),
  originalPublishedAt: optionalText(100, "Original date"),
};

export const importTextSchema = z.object({
  ...articleDetails,
  text: text(MAX_ARTICLE_TEXT, 1, "Article text"),
});

export const PASTE_FORMATS = ["text", "markdown", "html"] as const;

/**
 * The import form: text pasted in a chosen format, or one uploaded file. Accepts the form's
 * FormData as it is (a File for the upload) or the same fields as an object (the CLI). Sizes
 * are bounded here; types and content are checked by the import pipeline (lib/import), which
 * knows the formats.
 */
export const importDocumentSchema = z.preprocess(
  (raw) => (raw instanceof FormData ? Object.fromEntries(raw) : raw),
  z.discriminatedUnion(
    "source",
    [
      z.object({
        ...articleDetails,
        source: z.literal("paste"),
        format: z.enum(PASTE_FORMATS, { message: "Choose the format of the pasted text." }),
        // Bounded here too, so an oversized body is refused before anything else runs; the
        // pipeline checks the exact UTF-8 size (never smaller than the length in characters).
        text: z.string({ message: "Paste the article's text." }).max(MAX_IMPORT_BYTES, {
          error: (issue) =>
            tooLargeMessage(
              "The pasted text",
              typeof issue.input === "string" ? new TextEncoder().encode(issue.input).length : 0,
            ),
        }),
      }),
      z.object({
        ...articleDetails,
        source: z.literal("file"),
        // A form whose file field was left empty still sends a nameless, empty File.
        file: z
          .file({ message: "Choose a file to import." })
          .max(MAX_IMPORT_BYTES, {
            error: (issue) =>
              tooLargeMessage("The file", issue.input instanceof File ? issue.input.size : 0),
          })
          .refine((f) => f.name !== "" || f.size > 0, "Choose a file to import."),
      }),
    ],
    { message: "Choose whether to paste the text or upload a file." },
  ),
);

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
