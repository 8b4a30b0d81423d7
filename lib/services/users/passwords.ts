/**
 * Passwords and sign-in locks: changing your own password, an admin's reset to a temporary
 * password, and an admin unlocking an account the sign-in throttle refuses. No audit event ever
 * holds a password or a hash; each says only what changed around it.
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { clearLoginFailuresOfKey, lockLoginKeys } from "@/db/queries/login-failures";
import { findPasswordHash, findSessionUser, setUserPassword } from "@/db/queries/users";
import { accountKey } from "@/lib/core/auth/login-rate-limit";
import { AppError, notFound } from "@/lib/core/errors";
import {
  changePasswordSchema,
  resetPasswordSchema,
  userStatusSchema,
} from "@/lib/core/validation/users";
import { defineAction } from "@/lib/server/action";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { reissueSessionCookie } from "@/lib/server/auth/session-cookie";
import { lockedUser } from "./service";

const wrongCurrentPassword = () =>
  new AppError("validation", "That is not your current password.", {
    fieldErrors: { currentPassword: ["That is not your current password."] },
  });

/**
 * Your own password. The current one must be right (a session left open is not enough to take
 * the account over). Every session of the user ends — the version moves on — and then the
 * browser that asked gets its session cookie re-issued with the new version
 * (`afterCommitInRequest`): your other devices are signed out, this one is not. Over the HTTP
 * API the caller's session ends too. Clears a temporary password, so it is the one action a
 * user with one may run.
 */
export const changeOwnPassword = defineAction({
  name: "account.change_password",
  input: changePasswordSchema,
  permission: "account:own",
  whileTemporaryPassword: true,
  run: async ({ tx, actor }, input) => {
    const user = await findSessionUser(tx, actor.id);
    const hash = await findPasswordHash(tx, actor.id);
    if (!user || hash === null) throw notFound("Your account");
    if (!(await verifyPassword(hash, input.currentPassword))) throw wrongCurrentPassword();
    const sessionVersion = await setUserPassword(tx, actor.id, {
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
    });
    if (sessionVersion === null) throw notFound("Your account");
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "account.change_password",
      entityType: "user",
      entityId: actor.id,
      before: { mustChangePassword: user.mustChangePassword, sessionVersion: user.sessionVersion },
      after: { mustChangePassword: false, sessionVersion },
    });
    return { id: actor.id, sessionVersion };
  },
  afterCommitInRequest: async ({ id, sessionVersion }) => {
    await reissueSessionCookie(id, sessionVersion - 1, sessionVersion);
  },
});

/**
 * An admin sets a temporary password for someone who lost theirs: that user's sessions end, and
 * at their next sign-in they must choose a new one before anything else. Your own password is
 * changed on your account page (with the current one), not here.
 */
export const resetUserPassword = defineAction({
  name: "user.reset_password",
  input: resetPasswordSchema,
  permission: "user:manage",
  run: async ({ tx, actor }, input) => {
    const user = await lockedUser(tx, input.userId);
    if (user.id === actor.id) {
      throw new AppError("rule", "Change your own password on your account page.");
    }
    const sessionVersion = await setUserPassword(tx, user.id, {
      passwordHash: await hashPassword(input.temporaryPassword),
      mustChangePassword: true,
    });
    if (sessionVersion === null) throw notFound("The user");
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "user.reset_password",
      entityType: "user",
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword, sessionVersion: sessionVersion - 1 },
      after: { mustChangePassword: true, sessionVersion },
    });
    return { id: user.id, name: user.name, mustChangePassword: true };
  },
});

/**
 * Lifts the sign-in throttle's lock on one account (its e-mail's failures are cleared; failures
 * counted against an IP address stay, as they may be someone else's). Audited even when there
 * was nothing to clear, with how many failures there were.
 */
export const unlockUser = defineAction({
  name: "user.unlock",
  input: userStatusSchema,
  permission: "user:manage",
  run: async ({ tx, actor }, input) => {
    const user = await lockedUser(tx, input.userId);
    const key = accountKey(user.email);
    // The throttle's own lock: an attempt in flight is counted before or after, never lost.
    await lockLoginKeys(tx, [key]);
    const failures = await clearLoginFailuresOfKey(tx, key);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "user.unlock",
      entityType: "user",
      entityId: user.id,
      before: { failedSignIns: failures },
      after: { failedSignIns: 0 },
    });
    return { id: user.id, name: user.name, cleared: failures };
  },
});
