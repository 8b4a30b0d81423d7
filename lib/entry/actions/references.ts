"use server";

import { runAction } from "@/lib/server/run-action";
import { runWatchNow } from "@/lib/services/references/watch-run";

export async function runWatchNowAction(input: unknown) {
  return runAction(runWatchNow, input);
}
