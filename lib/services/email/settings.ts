/**
 * What the e-mail worker and the unsubscribe pages need from the environment beyond
 * lib/core/email/config.ts: the app's own address for links (NEXTAUTH_URL, which production
 * sets; the same origin the cross-site check uses), the host named in Message-IDs, how often the
 * worker polls, and the startup and settings-page notes on whether e-mail is on.
 */
import "server-only";
import { type EmailConfig, emailConfig } from "@/lib/core/email/config";
import { configuredOrigin } from "@/lib/server/origin";

/** The app's origin for links in e-mail: NEXTAUTH_URL's, else localhost on PORT. */
export function appBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return configuredOrigin(env) ?? `http://localhost:${env.PORT || 3000}`;
}

/** The host of Message-IDs: the sender's domain (EMAIL_FROM), else the app's host name. */
export function messageIdHost(config: EmailConfig, env: NodeJS.ProcessEnv = process.env): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(config.from)?.[1];
  return domain || new URL(appBaseUrl(env)).hostname;
}

/** CLAIMDESK_EMAIL_POLL_MS: how often the worker looks for due e-mail (default 10 s, ≥ 1 s). */
export function emailPollMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.CLAIMDESK_EMAIL_POLL_MS ?? 10_000);
  return Number.isFinite(ms) && ms >= 1000 ? ms : 10_000;
}

/** One line for the startup log and the admin's settings page. */
export function emailStatusNote(env: NodeJS.ProcessEnv = process.env): string {
  const config = emailConfig(env);
  if (!config) {
    return "E-mail is off (SMTP_URL is not set): notifications are in-app only and no e-mail is queued.";
  }
  let server = "the SMTP server";
  try {
    server = new URL(config.smtpUrl).host;
  } catch {
    // An unparseable URL: nodemailer's own error will say so at the first send.
  }
  return `E-mail is on: sent through ${server} as ${config.from}; daily digests at ${String(config.digestHourUtc).padStart(2, "0")}:00 UTC.`;
}
