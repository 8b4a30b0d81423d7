"use server";

import { runAction } from "@/lib/server/run-action";
import { addComment, deleteComment, editComment } from "@/lib/services/comments/service";

export async function addCommentAction(input: unknown) {
  return runAction(addComment, input);
}

export async function editCommentAction(input: unknown) {
  return runAction(editComment, input);
}

export async function deleteCommentAction(input: unknown) {
  return runAction(deleteComment, input);
}
