/**
 * Turning e-mail off for kinds of notification (the unsubscribe link of an e-mail,
 * lib/services/email/unsubscribe.ts): upserts the person's `notification_preferences` rows,
 * keeping their in-app and cadence choices.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { NotificationKind } from "@/lib/core/desk-vocabulary";
import type { Db } from "../client";
import { notificationPreferences, users } from "../schema";

/** Whether the user exists (a token signed for another installation's user names nobody here). */
export async function userExists(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return row !== undefined;
}

/** Each kind's e-mail setting now (a kind without a row is on: the default). */
export async function readEmailSettings(
  db: Db,
  userId: string,
  kinds: NotificationKind[],
): Promise<Record<string, boolean>> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(
      and(eq(notificationPreferences.userId, userId), inArray(notificationPreferences.kind, kinds)),
    )
    .for("update");
  const out: Record<string, boolean> = {};
  for (const kind of kinds) out[kind] = rows.find((r) => r.kind === kind)?.email ?? true;
  return out;
}

/** E-mail off for `kinds` (rows created with the defaults otherwise). */
export async function turnEmailOff(
  db: Db,
  userId: string,
  kinds: NotificationKind[],
): Promise<void> {
  if (kinds.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(kinds.map((kind) => ({ userId, kind, email: false })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: false, updatedAt: sql`now()` },
    });
}
