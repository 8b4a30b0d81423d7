import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Db } from "@/db/client";
import { getDb } from "@/db/instance";
import { findSessionUser } from "@/db/queries/users";
import type { Actor } from "@/lib/core/auth/permissions";
import { authOptions } from "./options";
import type { SessionClaims } from "./sessions";

/**
 * The signed-in user of this request, read from the database (once per request): null when
 * signed out, deleted, disabled or signed out elsewhere. Never trusts a role carried by the client.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: unknown; sessionVersion?: unknown } | undefined;
  if (typeof user?.id !== "string" || typeof user.sessionVersion !== "number") return null;
  return actorForSession(await getDb(), { userId: user.id, sessionVersion: user.sessionVersion });
});

/**
 * The actor for a session token's claims, as stored now: null when the user was deleted or
 * disabled, or when the token's session version is no longer the user's (they signed out, or
 * were disabled, since it was issued) — so a copied or stolen token stops working too.
 */
export async function actorForSession(db: Db, claims: SessionClaims): Promise<Actor | null> {
  const user = await findSessionUser(db, claims.userId);
  if (!user || user.disabledAt || user.sessionVersion !== claims.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Where a user with a temporary password is sent until they choose a new one. */
export const CHOOSE_PASSWORD_PATH = "/choose-password";

/**
 * For pages: the actor, or a redirect to sign-in that comes back to `returnTo`; a user with a
 * temporary password goes to choose a new one first (the reads refuse them anyway).
 */
export async function requireActorOrRedirect(returnTo: string): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (actor.mustChangePassword) redirect(CHOOSE_PASSWORD_PATH);
  return actor;
}
