"use server";

import { runAction } from "@/lib/server/run-action";
import { resetUserPassword, unlockUser } from "@/lib/services/users/passwords";
import { updateUserProfileByAdmin } from "@/lib/services/users/profile";
import {
  changeUserRole,
  createUser,
  disableUser,
  enableUser,
  setupFirstAdmin,
} from "@/lib/services/users/service";

export async function setupAction(input: unknown) {
  return runAction(setupFirstAdmin, input);
}

export async function createUserAction(input: unknown) {
  return runAction(createUser, input);
}

export async function changeUserRoleAction(input: unknown) {
  return runAction(changeUserRole, input);
}

export async function disableUserAction(input: unknown) {
  return runAction(disableUser, input);
}

export async function enableUserAction(input: unknown) {
  return runAction(enableUser, input);
}

export async function resetUserPasswordAction(input: unknown) {
  return runAction(resetUserPassword, input);
}

export async function unlockUserAction(input: unknown) {
  return runAction(unlockUser, input);
}

export async function updateUserProfileAction(input: unknown) {
  return runAction(updateUserProfileByAdmin, input);
}
