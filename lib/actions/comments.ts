"use server";

import { addComment, deleteComment, editComment } from "@/lib/comments/service";
import { runAction } from "@/lib/server/run-action";

export async function addCommentAction(input: unknown) {
  return runAction(addComment, input);
}

export async function editCommentAction(input: unknown) {
  return runAction(editComment, input);
}

export async function deleteCommentAction(input: unknown) {
  return runAction(deleteComment, input);
}
