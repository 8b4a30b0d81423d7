/**
 * Test data for the e-mail outbox: a notification and its outbox row, written as the
 * notification fan-out writes them (one transaction) — seeding, not a stand-in for our code.
 */
import type { Db } from "../../db/client";
import { emailOutbox, notifications } from "../../db/schema";
import type { EmailCadence, NotificationKind } from "../../lib/core/desk-vocabulary";

export async function seedEmail(
  db: Db,
  row: {
    userId: string;
    kind?: NotificationKind;
    articleId?: string | null;
    claimId?: string | null;
    summary?: string;
    cadence?: EmailCadence;
    deliverAfter?: Date;
  },
): Promise<{ notificationId: number; outboxId: number }> {
  return db.transaction(async (tx) => {
    const kind = row.kind ?? "assigned";
    const [n] = await tx
      .insert(notifications)
      .values({
        userId: row.userId,
        kind,
        articleId: row.articleId ?? null,
        claimId: row.claimId ?? null,
        summary: row.summary ?? "Ada assigned you claim 1",
      })
      .returning({ id: notifications.id });
    if (!n) throw new Error("no notification");
    const [o] = await tx
      .insert(emailOutbox)
      .values({
        userId: row.userId,
        notificationId: n.id,
        articleId: row.articleId ?? null,
        kind,
        cadence: row.cadence ?? "immediate",
        ...(row.deliverAfter ? { deliverAfter: row.deliverAfter } : {}),
      })
      .returning({ id: emailOutbox.id });
    if (!o) throw new Error("no outbox row");
    return { notificationId: n.id, outboxId: o.id };
  });
}
