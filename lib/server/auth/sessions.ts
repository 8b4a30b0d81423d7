/**
 * Session tokens that can be ended. next-auth's JWT cannot be revoked, so it carries the user's
 * `session_version` from sign-in, and every request compares it with the version stored now
 * (lib/server/auth/current-actor.ts). Bumping the version ends every session of that user at once:
 * sign-out does it (here), and so does disabling an account (lib/services/users/service.ts). Sessions are
 * per user, not per device: signing out on one device signs out the others too.
 */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { bumpSessionVersion } from "@/db/queries/users";

/** The JWT claim that holds the session version (the user id is next-auth's `sub`). */
export const SESSION_VERSION_CLAIM = "sv";

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
}

/**
 * The user id and session version of a decoded token, or null when either is missing (a token
 * from before session versions existed is refused: that user signs in once more).
 */
export function sessionClaimsOf(token: unknown): SessionClaims | null {
  if (typeof token !== "object" || token === null) return null;
  const t = token as Record<string, unknown>;
  const version = t[SESSION_VERSION_CLAIM];
  if (typeof t.sub !== "string" || t.sub === "") return null;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) return null;
  return { userId: t.sub, sessionVersion: version };
}

/**
 * Sign-out, on the server: ends every session of the token's user and writes a `user.signout`
 * audit event, in one transaction. Only a token that is still valid can do it (the version must
 * match), so replaying an old token neither ends a newer sign-in's sessions nor fills the audit
 * log. Returns whether sessions were ended.
 */
export async function endSessionsOnSignOut(db: Db, token: unknown): Promise<boolean> {
  const claims = sessionClaimsOf(token);
  if (!claims) return false;
  return db.transaction(async (tx) => {
    const next = await bumpSessionVersion(tx, claims.userId, claims.sessionVersion);
    if (next === null) return false;
    await insertAuditEvent(tx, {
      actorId: claims.userId,
      action: "user.signout",
      entityType: "user",
      entityId: claims.userId,
      before: { sessionVersion: claims.sessionVersion },
      after: { sessionVersion: next },
    });
    return true;
  });
}
