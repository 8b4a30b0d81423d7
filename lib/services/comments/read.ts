/** Comments as the review page shows them: rendered on the server, with what the actor may do. */
import "server-only";
import type { Db } from "@/db/client";
import { listCommentsForClaims } from "@/db/queries/comments";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { canModifyComment } from "@/lib/core/comments/rules";
import { renderMarkdown } from "@/lib/core/markdown/render";

export interface ReviewComment {
  id: string;
  authorId: string;
  authorName: string;
  /** The markdown as written, for the edit box. */
  body: string;
  /** Safe HTML rendered from `body` (lib/core/markdown/render.ts). */
  bodyHtml: string;
  createdAt: Date;
  updatedAt: Date;
  edited: boolean;
  /** Whether the current actor may edit and delete it (its author, or an admin). */
  canEdit: boolean;
}

/** The comments of some claims that are not deleted, oldest first, grouped by claim id. */
export async function commentsByClaim(
  db: Db,
  actor: Actor | null,
  claimIds: string[],
): Promise<Map<string, ReviewComment[]>> {
  authorize(actor, "article:read");
  const rows = await listCommentsForClaims(db, claimIds);
  const out = new Map<string, ReviewComment[]>();
  for (const r of rows) {
    const comment: ReviewComment = {
      id: r.id,
      authorId: r.authorId,
      authorName: r.authorName,
      body: r.body,
      bodyHtml: renderMarkdown(r.body),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      edited: r.updatedAt.getTime() > r.createdAt.getTime(),
      canEdit: canModifyComment(actor, r.authorId),
    };
    const list = out.get(r.claimId);
    if (list) list.push(comment);
    else out.set(r.claimId, [comment]);
  }
  return out;
}
