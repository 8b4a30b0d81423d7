"use server";

import { runAction } from "@/lib/server/run-action";
import { updateSettings } from "@/lib/services/settings/service";

export async function updateSettingsAction(input: unknown) {
  return runAction(updateSettings, input);
}
