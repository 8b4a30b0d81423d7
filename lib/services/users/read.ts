import "server-only";
import type { Db } from "@/db/client";
import { countRecentLoginFailures } from "@/db/queries/login-failures";
import { findUserById, listUsers } from "@/db/queries/users";
import { accountKey } from "@/lib/core/auth/login-rate-limit";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { loginRateLimiter } from "@/lib/server/auth/credentials";

/**
 * Every user, each with `locked`: whether the sign-in throttle refuses their e-mail right now
 * (as many failures in the window as it allows), which an admin can lift (`user.unlock`).
 */
export async function listUsersForAdmin(db: Db, actor: Actor | null, now = new Date()) {
  authorize(actor, "user:manage");
  const users = await listUsers(db);
  const { windowMs, maxPerAccount } = loginRateLimiter().options;
  const failures = await countRecentLoginFailures(
    db,
    users.map((u) => accountKey(u.email)),
    new Date(now.getTime() - windowMs),
  );
  return users.map((u) => ({
    ...u,
    locked: (failures.get(accountKey(u.email)) ?? 0) >= maxPerAccount,
  }));
}

/** The signed-in user's own account, for the account page. */
export async function readOwnAccount(db: Db, actor: Actor | null) {
  const me = authorize(actor, "account:own");
  const user = await findUserById(db, me.id);
  if (!user) throw notFound("Your account");
  return user;
}
