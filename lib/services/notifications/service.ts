/**
 * The person's own notification actions: marking read (a read receipt about the reader, not
 * audited, like `users.activity_seen_at`) and saving their preferences (audited).
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  listNotificationPreferences,
  markNotificationsRead,
  upsertNotificationPreferences,
} from "@/db/queries/notifications";
import {
  DEFAULT_NOTIFICATION_PREFERENCE,
  NOTIFICATION_KINDS,
  type NotificationPreference,
} from "@/lib/core/desk-vocabulary";
import {
  markNotificationsReadSchema,
  saveNotificationPreferencesSchema,
} from "@/lib/core/validation/notifications";
import { defineAction } from "@/lib/server/action";

export const markNotificationsReadDef = defineAction({
  name: "notification.mark_read",
  input: markNotificationsReadSchema,
  permission: "desk:read",
  audit: "receipt",
  // Only the actor's own: the user id is part of the update's condition.
  run: async ({ tx, actor }, { ids }) => ({
    marked: await markNotificationsRead(tx, actor.id, ids),
  }),
});

type PreferenceValues = Record<string, NotificationPreference>;

export const saveNotificationPreferences = defineAction({
  name: "notification.preferences",
  input: saveNotificationPreferencesSchema,
  permission: "desk:read",
  audit: "when-changed",
  run: async ({ tx, actor }, { preferences }) => {
    const stored = new Map(
      (await listNotificationPreferences(tx, actor.id)).map((p) => [p.kind, p]),
    );
    const before: PreferenceValues = {};
    const after: PreferenceValues = {};
    const rows = [];
    for (const kind of NOTIFICATION_KINDS) {
      const next = preferences[kind];
      if (!next) continue;
      const old = stored.get(kind) ?? DEFAULT_NOTIFICATION_PREFERENCE;
      const same =
        old.inApp === next.inApp && old.email === next.email && old.cadence === next.cadence;
      if (same) continue;
      before[kind] = { inApp: old.inApp, email: old.email, cadence: old.cadence };
      after[kind] = next;
      rows.push({ kind, ...next });
    }
    if (rows.length === 0) return { changed: 0 };
    await upsertNotificationPreferences(tx, actor.id, rows);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "notification.preferences",
      entityType: "user",
      entityId: actor.id,
      before,
      after,
    });
    return { changed: rows.length };
  },
});
