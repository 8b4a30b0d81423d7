import { z } from "zod";
import { EMAIL_CADENCES, NOTIFICATION_KINDS } from "@/lib/core/desk-vocabulary";
import { text } from "./common";

/** Notifications to mark read: some by id, or (`ids: null`) every unread one. */
export const markNotificationsReadSchema = z.strictObject({
  ids: z
    .array(z.number().int().positive(), { message: "Not a list of notifications." })
    .min(1, "Name at least one notification.")
    .max(500, "At most 500 notifications at once.")
    .nullable(),
});

const preference = z.strictObject({
  inApp: z.boolean(),
  email: z.boolean(),
  cadence: z.enum(EMAIL_CADENCES, { message: "Choose at once or a daily digest." }),
});

/** One's choices, per kind (kinds left out keep theirs). */
export const saveNotificationPreferencesSchema = z.strictObject({
  preferences: z.partialRecord(z.enum(NOTIFICATION_KINDS), preference),
});

/** The member picker's search: the text after the `@`. */
export const memberSearchSchema = z.strictObject({
  q: text(100).default(""),
});
