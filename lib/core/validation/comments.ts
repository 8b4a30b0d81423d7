import { z } from "zod";
import { MAX_MENTIONS } from "@/lib/core/comments/mentions";
import { id, text } from "./common";

export const MAX_COMMENT = 10_000;

/** Markdown, trimmed; rendered safely on the server (lib/core/markdown/render.ts). */
const body = () => text(MAX_COMMENT, 1, "Comment");

/**
 * The people picked in the composer (their `@Name` is in the body as typed); the server checks
 * each one and turns their `@Name` into the stored mention (lib/core/comments/mentions.ts).
 */
const mentions = () =>
  z
    .array(id(), { message: "Mentions must be a list of people." })
    .max(MAX_MENTIONS, `A comment can mention at most ${MAX_MENTIONS} people.`)
    .default([]);

export const addCommentSchema = z.object({
  claimId: id(),
  body: body(),
  mentions: mentions(),
});

export const editCommentSchema = z.object({
  commentId: id(),
  body: body(),
  mentions: mentions(),
});

export const deleteCommentSchema = z.object({
  commentId: id(),
});
