"use server";

import { runAction } from "@/lib/server/run-action";
import { bulkAssignClaims, bulkSetClaimStatus, bulkTagClaims } from "@/lib/services/queues/bulk";
import { deleteFilter, saveFilter } from "@/lib/services/queues/saved-filters";
import { createTag, deleteTag, renameTag, setArticleTags } from "@/lib/services/tags/service";

export async function bulkAssignClaimsAction(input: unknown) {
  return runAction(bulkAssignClaims, input);
}

export async function bulkTagClaimsAction(input: unknown) {
  return runAction(bulkTagClaims, input);
}

export async function bulkSetClaimStatusAction(input: unknown) {
  return runAction(bulkSetClaimStatus, input);
}

export async function saveFilterAction(input: unknown) {
  return runAction(saveFilter, input);
}

export async function deleteFilterAction(input: unknown) {
  return runAction(deleteFilter, input);
}

export async function createTagAction(input: unknown) {
  return runAction(createTag, input);
}

export async function renameTagAction(input: unknown) {
  return runAction(renameTag, input);
}

export async function deleteTagAction(input: unknown) {
  return runAction(deleteTag, input);
}

export async function setArticleTagsAction(input: unknown) {
  return runAction(setArticleTags, input);
}
