/** Comments as the review page shows them: rendered on the server, with what the actor may do. */
import "server-only";
import type { Db } from "@/db/client";
import { listCommentsForClaims } from "@/db/queries/comments";
import { findMemberNames } from "@/db/queries/members";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { holdMentions, plainMentions, restoreMentions } from "@/lib/core/comments/mentions";
import { canModifyComment } from "@/lib/core/comments/rules";
import { escapeHtml } from "@/lib/core/html/escape";
import { renderMarkdown } from "@/lib/core/markdown/render";

export interface ReviewComment {
  id: string;
  authorId: string;
  authorName: string;
  /** The markdown as written, for the edit box: mentions as the plain `@Name` they show. */
  body: string;
  /** The people it mentions (the edit box sends them back, so that an edit keeps them). */
  mentions: string[];
  /** Safe HTML rendered from `body` (lib/core/markdown/render.ts). */
  bodyHtml: string;
  createdAt: Date;
  updatedAt: Date;
  edited: boolean;
  /** Whether the current actor may edit and delete it (its author, or an admin). */
  canEdit: boolean;
}

/** A comment's HTML, its mentions set aside from markdown and shown as `@Current Name`. */
function renderWithMentions(body: string, names: ReadonlyMap<string, string>): string {
  const { text, held } = holdMentions(body);
  const html = renderMarkdown(text);
  return held.length === 0 ? html : restoreMentions(html, held, names, escapeHtml);
}

/** The comments of some claims that are not deleted, oldest first, grouped by claim id. */
export async function commentsByClaim(
  db: Db,
  actor: Actor | null,
  claimIds: string[],
): Promise<Map<string, ReviewComment[]>> {
  authorize(actor, "article:read");
  const rows = await listCommentsForClaims(db, claimIds);
  // Mentions show the person's current name: one query for everyone mentioned on the page.
  const names = await findMemberNames(db, [...new Set(rows.flatMap((r) => r.mentions))]);
  const out = new Map<string, ReviewComment[]>();
  for (const r of rows) {
    const comment: ReviewComment = {
      id: r.id,
      authorId: r.authorId,
      authorName: r.authorName,
      body: plainMentions(r.body),
      mentions: r.mentions,
      bodyHtml: renderWithMentions(r.body, names),
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
