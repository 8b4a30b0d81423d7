/**
 * User mutations: first-run setup, and the admin's user management. Every write here takes the
 * users advisory lock first, so that the "last active admin" checks see every other write.
 */
import "server-only";
import type { Tx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  countActiveAdmins,
  countUsers,
  findUserById,
  findUserCredentialsByEmail,
  insertUser,
  lockUsersForSetup,
  setUserDisabled,
  updateUserRole,
} from "@/db/queries/users";
import { AppError, notFound } from "@/lib/core/errors";
import {
  changeRoleSchema,
  createUserSchema,
  setupSchema,
  userStatusSchema,
} from "@/lib/core/validation/users";
import { defineAction } from "@/lib/server/action";
import { hashPassword } from "@/lib/server/auth/password";

const emailTaken = () =>
  new AppError("validation", "An account with this e-mail already exists.", {
    fieldErrors: { email: ["An account with this e-mail already exists."] },
  });

/** First run only: creates the first admin. Refused as soon as any user exists. */
export const setupFirstAdmin = defineAction({
  name: "user.setup",
  input: setupSchema,
  permission: null,
  run: async ({ tx }, input) => {
    await lockUsersForSetup(tx);
    if ((await countUsers(tx)) > 0) {
      throw new AppError("forbidden", "Setup is already done. Sign in with your account.");
    }
    const user = await insertUser(tx, {
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      role: "admin",
    });
    await insertAuditEvent(tx, {
      actorId: user.id,
      action: "user.setup",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return { id: user.id, email: user.email };
  },
});

export const createUser = defineAction({
  name: "user.create",
  input: createUserSchema,
  permission: "user:manage",
  run: async ({ tx, actor }, input) => {
    // Serialised with other user writes, so that two creations of one e-mail at the same moment
    // end in the clear "already exists" error rather than a unique violation.
    await lockUsersForSetup(tx);
    if (await findUserCredentialsByEmail(tx, input.email)) throw emailTaken();
    const user = await insertUser(tx, {
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      // The admin chose it and shared it: the new user replaces it at first sign-in.
      mustChangePassword: true,
    });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, mustChangePassword: true },
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  },
});

/**
 * The user to change, with every user decision serialised first (the setup lock): "the last
 * active admin" must not be decided by two admins at the same moment.
 */
export async function lockedUser(tx: Tx, userId: string) {
  await lockUsersForSetup(tx);
  const user = await findUserById(tx, userId);
  if (!user) throw notFound("The user");
  return user;
}

export const changeUserRole = defineAction({
  name: "user.change_role",
  input: changeRoleSchema,
  permission: "user:manage",
  // Audited when it changes something: the role the user has already changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    const user = await lockedUser(tx, input.userId);
    if (user.role === input.role) return { id: user.id, role: user.role };
    // A disabled admin is not one of the active admins the workspace cannot lose.
    if (user.role === "admin" && !user.disabledAt && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError("rule", "This is the last admin: make someone else an admin first.");
    }
    await updateUserRole(tx, user.id, input.role);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "user.change_role",
      entityType: "user",
      entityId: user.id,
      before: { role: user.role },
      after: { role: input.role },
    });
    return { id: user.id, role: input.role };
  },
});

/**
 * Disables an account: refused at sign-in from now on, and every session of it ends on its next
 * request (the session version moves on, so re-enabling later does not revive an old token).
 * An admin cannot disable themself, nor the last active admin. Disabling a disabled account
 * changes nothing.
 */
export const disableUser = defineAction({
  name: "user.disable",
  input: userStatusSchema,
  permission: "user:manage",
  // Audited when it changes something: an account disabled already stays as it is.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    const user = await lockedUser(tx, input.userId);
    if (user.disabledAt) return { id: user.id, disabled: true };
    if (user.id === actor.id) {
      throw new AppError("rule", "You cannot disable your own account: ask another admin.");
    }
    if (user.role === "admin" && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError(
        "rule",
        "This is the last active admin: make someone else an admin first.",
      );
    }
    const at = new Date();
    const row = await setUserDisabled(tx, user.id, at);
    if (!row) throw notFound("The user");
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "user.disable",
      entityType: "user",
      entityId: user.id,
      before: { disabledAt: null, sessionVersion: row.sessionVersion - 1 },
      after: { disabledAt: at.toISOString(), sessionVersion: row.sessionVersion },
    });
    return { id: user.id, disabled: true };
  },
});

/**
 * Re-enables an account: its owner can sign in again. Sessions from before the disabling stay
 * ended (disabling moved the version on, and no session can start while disabled), so nothing
 * more needs ending here. Enabling an active account changes nothing.
 */
export const enableUser = defineAction({
  name: "user.enable",
  input: userStatusSchema,
  permission: "user:manage",
  // Audited when it changes something: an account enabled already stays as it is.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    const user = await lockedUser(tx, input.userId);
    if (!user.disabledAt) return { id: user.id, disabled: false };
    await setUserDisabled(tx, user.id, null);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "user.enable",
      entityType: "user",
      entityId: user.id,
      before: { disabledAt: user.disabledAt.toISOString() },
      after: { disabledAt: null },
    });
    return { id: user.id, disabled: false };
  },
});
