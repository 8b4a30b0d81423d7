"use server";

import { runAction } from "@/lib/server/run-action";
import { changeOwnPassword } from "@/lib/users/passwords";
import { updateOwnProfile } from "@/lib/users/profile";

export async function changeOwnPasswordAction(input: unknown) {
  return runAction(changeOwnPassword, input);
}

export async function updateOwnProfileAction(input: unknown) {
  return runAction(updateOwnProfile, input);
}
