"use server";

import { runAction } from "@/lib/server/run-action";
import { changeOwnPassword } from "@/lib/services/users/passwords";
import { updateOwnProfile } from "@/lib/services/users/profile";

export async function changeOwnPasswordAction(input: unknown) {
  return runAction(changeOwnPassword, input);
}

export async function updateOwnProfileAction(input: unknown) {
  return runAction(updateOwnProfile, input);
}
