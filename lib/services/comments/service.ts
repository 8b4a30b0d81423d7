/**
 * Comment mutations: add, edit and delete (a soft delete: the row keeps its body, the page and
 * exports no longer show it). Anyone who may write comments adds them; only the author, or an
 * admin, edits or deletes one — checked here, inside the transaction, not only in the UI.
 */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { findClaimById } from "@/db/queries/claims";
import {
  type CommentRow,
  findCommentById,
  insertComment,
  softDeleteComment,
  updateCommentBody,
} from "@/db/queries/comments";
import { findActiveMembers } from "@/db/queries/members";
import type { Actor } from "@/lib/core/auth/permissions";
import { parseMentions, storeMentions } from "@/lib/core/comments/mentions";
import { canModifyComment } from "@/lib/core/comments/rules";
import { AppError, notFound } from "@/lib/core/errors";
import {
  addCommentSchema,
  deleteCommentSchema,
  editCommentSchema,
} from "@/lib/core/validation/comments";
import { defineAction } from "@/lib/server/action";

const gone = () =>
  new AppError(
    "not_found",
    "This comment was deleted: someone may have removed it. Reload the page.",
  );

/** The comment, if it exists and is not deleted, and the actor may change it. */
async function commentToChange(
  tx: Db,
  actor: Actor,
  commentId: string,
  verb: "edit" | "delete",
): Promise<CommentRow> {
  const comment = await findCommentById(tx, commentId);
  if (!comment || comment.deletedAt) throw gone();
  if (!canModifyComment(actor, comment.authorId)) {
    throw new AppError(
      "forbidden",
      `You can ${verb} only your own comments; an admin can ${verb} anyone's.`,
    );
  }
  return comment;
}

/**
 * The body to store and the people it mentions: the picked people (and any already in stored
 * form) are checked to be active members — every member may read every article — and each
 * one's `@Name` becomes their stored mention. A mention of someone unknown or disabled is
 * refused with a message, rather than stored as a dead reference.
 */
async function withMentions(tx: Db, body: string, picked: readonly string[]) {
  const wanted = [...new Set([...picked, ...parseMentions(body).map((m) => m.userId)])];
  if (wanted.length === 0) return { body, mentions: [] as string[] };
  const people = await findActiveMembers(tx, wanted);
  if (people.length < wanted.length) {
    throw new AppError(
      "validation",
      "Someone this comment mentions is not an active member of the workspace. Remove the mention and try again.",
      { fieldErrors: { body: ["Someone mentioned is not an active member of the workspace."] } },
    );
  }
  return storeMentions(body, people);
}

/** What the client gets back: never the deletion marker, which it has no use for. */
const view = (c: CommentRow) => ({
  id: c.id,
  claimId: c.claimId,
  authorId: c.authorId,
  body: c.body,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const addComment = defineAction({
  name: "comment.add",
  input: addCommentSchema,
  permission: "comment:write",
  run: async ({ tx, actor }, input) => {
    const { claimId } = input;
    const claim = await findClaimById(tx, claimId);
    if (!claim) throw notFound("The claim");
    const { body, mentions } = await withMentions(tx, input.body, input.mentions);
    const row = await insertComment(tx, { claimId, authorId: actor.id, body, mentions });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "comment.add",
      entityType: "comment",
      entityId: row.id,
      articleId: claim.articleId,
      after: { claimId, body, mentions },
    });
    return view(row);
  },
});

export const editComment = defineAction({
  name: "comment.edit",
  input: editCommentSchema,
  permission: "comment:write",
  // Audited when it changes something: a comment saved with the same body changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    const comment = await commentToChange(tx, actor, input.commentId, "edit");
    // The edit box shows mentions as plain `@Name`; the ones kept come back as picked.
    const { body, mentions } = await withMentions(tx, input.body, input.mentions);
    if (comment.body === body) return view(comment);
    const claim = await findClaimById(tx, comment.claimId);
    if (!claim) throw notFound("The claim");
    const updated = await updateCommentBody(tx, comment.id, body, mentions);
    if (!updated) throw gone();
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "comment.edit",
      entityType: "comment",
      entityId: comment.id,
      articleId: claim.articleId,
      before: { claimId: comment.claimId, body: comment.body, mentions: comment.mentions },
      after: { claimId: comment.claimId, body, mentions },
    });
    return view(updated);
  },
});

export const deleteComment = defineAction({
  name: "comment.delete",
  input: deleteCommentSchema,
  permission: "comment:write",
  run: async ({ tx, actor }, { commentId }) => {
    const comment = await commentToChange(tx, actor, commentId, "delete");
    const claim = await findClaimById(tx, comment.claimId);
    if (!claim) throw notFound("The claim");
    const deleted = await softDeleteComment(tx, comment.id);
    if (!deleted) throw gone();
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "comment.delete",
      entityType: "comment",
      entityId: comment.id,
      articleId: claim.articleId,
      before: { claimId: comment.claimId, body: comment.body },
      after: { claimId: comment.claimId, deletedAt: deleted.deletedAt?.toISOString() ?? null },
    });
    return { id: comment.id, claimId: comment.claimId };
  },
});
