"use server";

import { runAction } from "@/lib/server/run-action";
import { unsubscribeByToken } from "@/lib/services/email/unsubscribe";

export async function unsubscribeAction(input: unknown) {
  return runAction(unsubscribeByToken, input);
}
