/**
 * Display name and professional credentials ("MD, nephrologist"): what readers see wherever the
 * person is named, e.g. "Medically reviewed by …". Each person edits their own; an admin edits
 * anyone's. Both audited with before and after.
 */
import "server-only";
import type { Tx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { findUserById, updateUserProfile } from "@/db/queries/users";
import type { Actor } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { type ProfileInput, profileSchema, userProfileSchema } from "@/lib/core/validation/users";
import { defineAction } from "@/lib/server/action";
import { lockedUser } from "./service";

async function saveProfile(
  tx: Tx,
  actor: Actor,
  action: "account.update_profile" | "user.update_profile",
  user: { id: string; name: string; credentials: string },
  input: ProfileInput,
) {
  const changed = user.name !== input.name || user.credentials !== input.credentials;
  if (changed) {
    await updateUserProfile(tx, user.id, input);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action,
      entityType: "user",
      entityId: user.id,
      before: { name: user.name, credentials: user.credentials },
      after: { name: input.name, credentials: input.credentials },
    });
  }
  return { id: user.id, name: input.name, credentials: input.credentials, changed };
}

/** Your own name and credentials. */
export const updateOwnProfile = defineAction({
  name: "account.update_profile",
  input: profileSchema,
  permission: "account:own",
  // Audited when it changes something: a profile saved unchanged changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    const user = await findUserById(tx, actor.id);
    if (!user) throw notFound("Your account");
    return saveProfile(tx, actor, "account.update_profile", user, input);
  },
});

/** An admin corrects someone's name or credentials. */
export const updateUserProfileByAdmin = defineAction({
  name: "user.update_profile",
  input: userProfileSchema,
  permission: "user:manage",
  // Audited when it changes something: a profile saved unchanged changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    const user = await lockedUser(tx, input.userId);
    return saveProfile(tx, actor, "user.update_profile", user, {
      name: input.name,
      credentials: input.credentials,
    });
  },
});
