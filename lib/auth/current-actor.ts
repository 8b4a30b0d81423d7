import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Db } from "@/db/client";
import { getDb } from "@/db/instance";
import { findUserById } from "@/db/queries/users";
import { authOptions } from "./options";
import type { Actor } from "./permissions";

/**
 * The signed-in user of this request, read from the database (once per request): null when
 * signed out, deleted or disabled. Never trusts a role carried by the client.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return actorForSession(await getDb(), id);
});

/**
 * The actor for a session's user id, as stored now: null when the user was deleted or disabled,
 * so a disabled account is locked out on its next request even with a valid JWT.
 */
export async function actorForSession(db: Db, userId: string): Promise<Actor | null> {
  const user = await findUserById(db, userId);
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: the actor, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireActorOrRedirect(returnTo: string): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
