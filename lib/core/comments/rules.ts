/** Who may change a comment. Pure: used by the service (to refuse) and by reads (to offer). */
import { type Actor, can, roleAtLeast } from "@/lib/core/auth/permissions";

/**
 * Whether `actor` may edit or delete a comment written by `authorId`: its author, or an admin
 * (who moderates), and only while they may write comments at all.
 */
export function canModifyComment(actor: Actor | null, authorId: string): boolean {
  if (!actor || !can(actor, "comment:write")) return false;
  return actor.id === authorId || roleAtLeast(actor.role, "admin");
}
