/**
 * "I have claim 3 open, and I am typing in it": what a review page says about its person's
 * live connection (POST /api/live/presence), for the others on the page. Not audited, like a
 * read receipt: it changes nothing anyone made.
 */
import "server-only";
import type { Db } from "@/db/client";
import { publishLive } from "@/db/queries/live";
import { updatePresenceFocus } from "@/db/queries/presence";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import type { PresenceMode } from "@/lib/core/desk-vocabulary";

export interface PresenceFocus {
  connectionId: string;
  claimId: string | null;
  mode: PresenceMode;
}

/**
 * Records the focus of one of the actor's own connections; false when there is no such
 * connection (closed, another person's, or the claim is not on its article).
 */
export async function setPresenceFocus(
  db: Db,
  actor: Actor | null,
  focus: PresenceFocus,
): Promise<boolean> {
  const me = authorize(actor, "article:read");
  const articleId = await updatePresenceFocus(db, { ...focus, userId: me.id });
  if (!articleId) return false;
  await publishLive(db, { type: "presence", articleId });
  return true;
}
