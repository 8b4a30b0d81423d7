/**
 * The e-mail outbox's worker as a scheduled job (lib/services/jobs/runner.ts), listed in
 * lib/entry/jobs.ts: every CLAIMDESK_EMAIL_POLL_MS (10 s) while SMTP_URL is set, off without it.
 * The job's lease makes it run on one instance at a time; the rows' own `FOR UPDATE SKIP LOCKED`
 * claim (db/queries/email-outbox.ts) would keep two runs apart as well.
 */
import "server-only";
import { emailConfig } from "@/lib/core/email/config";
import { appSecret } from "@/lib/server/session-secret";
import type { JobDefinition } from "@/lib/services/jobs/runner";
import { deliverOutbox } from "./deliver";
import { appBaseUrl, emailPollMs, messageIdHost } from "./settings";

export const EMAIL_JOB = "email-outbox";

/**
 * Renewed after every e-mail (one takes at most ~50 s with nodemailer's time-outs above); a
 * crashed worker's `sending` rows are taken again once this has passed.
 */
const LEASE_MS = 5 * 60_000;

export const emailOutboxJob: JobDefinition = {
  name: EMAIL_JOB,
  intervalMs: () => (emailConfig(process.env) ? emailPollMs() : null),
  leaseMs: LEASE_MS,
  run: async (ctx) => {
    const config = emailConfig(process.env);
    if (!config) return { off: 1 };
    // The run's clock starts at the runner's `now` (tests step it) and goes on in real time.
    const started = Date.now();
    const now = () => new Date(ctx.now.getTime() + (Date.now() - started));
    return deliverOutbox(ctx.db, {
      config,
      now,
      baseUrl: appBaseUrl(),
      host: messageIdHost(config),
      secret: appSecret(),
      sendingMs: LEASE_MS,
      heartbeat: () => ctx.heartbeat(),
    });
  },
  idle: (summary) => Object.values(summary).every((n) => n === 0),
};
