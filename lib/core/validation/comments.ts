import { z } from "zod";
import { id, text } from "./common";

export const MAX_COMMENT = 10_000;

/** Markdown, trimmed; rendered safely on the server (lib/core/markdown/render.ts). */
const body = () => text(MAX_COMMENT, 1, "Comment");

export const addCommentSchema = z.object({
  claimId: id(),
  body: body(),
});

export const editCommentSchema = z.object({
  commentId: id(),
  body: body(),
});

export const deleteCommentSchema = z.object({
  commentId: id(),
});
