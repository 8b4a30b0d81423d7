"use server";

import { runAction } from "@/lib/server/run-action";
import { updateSettings } from "@/lib/settings/service";

export async function updateSettingsAction(input: unknown) {
  return runAction(updateSettings, input);
}
