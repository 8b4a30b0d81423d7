"use server";

import { runAction } from "@/lib/server/run-action";
import {
  markNotificationsReadDef,
  saveNotificationPreferences,
} from "@/lib/services/notifications/service";

export async function markNotificationsReadAction(input: unknown) {
  return runAction(markNotificationsReadDef, input);
}

export async function saveNotificationPreferencesAction(input: unknown) {
  return runAction(saveNotificationPreferences, input);
}
