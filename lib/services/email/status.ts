/** The e-mail outbox at a glance for admins (the settings page) and the CLI. */
import "server-only";
import type { Db } from "@/db/client";
import { type OutboxStatus, readOutboxStatus } from "@/db/queries/email-outbox";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { emailStatusNote } from "./settings";

export interface EmailStatus {
  note: string;
  outbox: OutboxStatus;
}

/** For the admin's settings page: whether e-mail is on, and the outbox's counts. */
export async function readEmailStatusForAdmin(db: Db, actor: Actor | null): Promise<EmailStatus> {
  authorize(actor, "settings:manage");
  return { note: emailStatusNote(), outbox: await readOutboxStatus(db) };
}
