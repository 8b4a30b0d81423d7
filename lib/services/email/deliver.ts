/**
 * The e-mail outbox's delivery (the `email-outbox` job, ./outbox-job.ts): takes due rows one
 * e-mail at a time, sends each through SMTP (nodemailer) and records the outcome.
 *
 * Guarantees (docs/operations.md "E-mail"):
 * - A row's Message-ID is fixed, in the database, before its first attempt: every retry of it
 *   carries the same one.
 * - A row is marked `sent` in its own transaction right after the SMTP server accepted it, before
 *   the next e-mail is taken: a worker killed at any point re-sends nothing it had finished.
 * - The one window: killed (or cut off) after the server accepted the message and before that
 *   commit, the row is still `sending`; once its sender's lease has run out a worker sends it
 *   again, with the same Message-ID (at-least-once in that window only; receivers and mail
 *   clients drop a repeated Message-ID).
 * - A failure is retried with exponential backoff (1, 2, 4, 8, 16 minutes) up to MAX_ATTEMPTS,
 *   then the row is `failed`; a permanent refusal (5xx) fails at once.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import type { Db } from "@/db/client";
import {
  claimNextEmail,
  deleteFinishedEmails,
  loadOutgoingEmail,
  markEmailNotSent,
  markEmailSent,
  markEmailSkipped,
} from "@/db/queries/email-outbox";
import type { NotificationKind } from "@/lib/core/desk-vocabulary";
import type { EmailConfig } from "@/lib/core/email/config";
import { composeEmail, type EmailLinks } from "@/lib/core/email/message";
import { signUnsubscribeToken } from "@/lib/core/email/unsubscribe-token";
import { logError, logInfo } from "@/lib/server/logging/log";

/** Attempts before a row is given up (`failed`). */
export const MAX_ATTEMPTS = 6;
/** Finished rows (sent, failed, skipped) are deleted after this many days. */
export const RETENTION_DAYS = 30;
/** At most this many e-mails per run; the rest wait for the next (seconds later). */
export const MAX_EMAILS_PER_RUN = 200;

/** The wait after failed attempt `attempt` (1-based): 1 min, doubling, at most 6 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * 3600_000);
}

export interface DeliverOptions {
  config: EmailConfig;
  /** The clock (a test steps it past a backoff). */
  now: () => Date;
  baseUrl: string;
  host: string;
  secret: string;
  /** How long a taken row stays `sending` before another worker may take it (the job's lease). */
  sendingMs: number;
  /** Called between e-mails (renews the job's lease). */
  heartbeat: () => Promise<void>;
  maxEmails?: number;
}

export interface DeliverySummary {
  [key: string]: number;
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  deleted: number;
}

function links(options: DeliverOptions, userId: string): EmailLinks {
  const token = (kinds: NotificationKind[]) =>
    encodeURIComponent(signUnsubscribeToken(options.secret, { userId, kinds }, options.now()));
  return {
    baseUrl: options.baseUrl,
    unsubscribePage: (kinds) => `${options.baseUrl}/unsubscribe?token=${token(kinds)}`,
    unsubscribeOneClick: (kinds) => `${options.baseUrl}/api/unsubscribe?token=${token(kinds)}`,
  };
}

function smtpCode(err: unknown): number | null {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" ? code : null;
}

/** Sends what is due; resolves to what happened. SMTP failures are recorded, not thrown. */
export async function deliverOutbox(db: Db, options: DeliverOptions): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, skipped: 0, deleted: 0 };
  summary.deleted = await deleteFinishedEmails(
    db,
    new Date(options.now().getTime() - RETENTION_DAYS * 86_400_000),
  );
  const transport = nodemailer.createTransport({
    url: options.config.smtpUrl,
    // One connection reused for the run's e-mails; bounded waits, so a stalled server cannot
    // hold the job past its lease.
    pool: true,
    maxConnections: 1,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    for (let n = 0; n < (options.maxEmails ?? MAX_EMAILS_PER_RUN); n++) {
      const claimed = await claimNextEmail(db, {
        now: options.now(),
        sendingUntil: new Date(options.now().getTime() + options.sendingMs),
        newMessageId: (row) =>
          `<${row.cadence === "daily" ? "digest" : "n"}-${row.notificationId}.${randomBytes(6).toString("hex")}@${options.host}>`,
      });
      if (!claimed) break;
      const outgoing = await loadOutgoingEmail(db, claimed.userId, claimed.ids);
      const wanted = outgoing?.recipient.disabled
        ? []
        : (outgoing?.rows ?? []).filter((r) => r.stillWanted);
      const unwanted = claimed.ids.filter((id) => !wanted.some((r) => r.id === id));
      if (unwanted.length > 0) {
        await markEmailSkipped(
          db,
          unwanted,
          outgoing?.recipient.disabled ? "account disabled" : "e-mail turned off",
        );
        summary.skipped += unwanted.length;
      }
      if (!outgoing || wanted.length === 0) continue;
      const ids = wanted.map((r) => r.id);
      const composed = composeEmail(wanted, {
        digest: claimed.cadence === "daily",
        host: options.host,
        links: links(options, claimed.userId),
      });
      try {
        await transport.sendMail({
          from: options.config.from,
          to: { name: outgoing.recipient.name, address: outgoing.recipient.email },
          subject: composed.subject,
          text: composed.text,
          html: composed.html,
          messageId: claimed.messageId,
          headers: composed.headers,
        });
        await markEmailSent(db, ids, claimed.messageId, options.now());
        summary.sent++;
      } catch (err) {
        const code = smtpCode(err);
        const permanent = code !== null && code >= 500;
        const last = permanent || claimed.attempt >= MAX_ATTEMPTS;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        await markEmailNotSent(db, ids, {
          error: message,
          retryAt: last ? null : new Date(options.now().getTime() + retryDelayMs(claimed.attempt)),
        });
        if (last) summary.failed++;
        else summary.retrying++;
        // A retry is routine (a greylisting server, a restart); giving up is an error.
        const fields = { outbox: ids, attempt: claimed.attempt, smtpCode: code, error: message };
        if (last) logError("e-mail failed for good", err, fields);
        else logInfo("e-mail not sent, will retry", fields);
      }
      await options.heartbeat();
    }
  } finally {
    transport.close();
  }
  return summary;
}
