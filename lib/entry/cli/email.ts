/**
 * `claimdesk email`: the e-mail outbox's status (waiting, sent, failed, the next due) and, with
 * `--send-now`, one run of the delivery worker through the same lease as the servers' job, so
 * it never runs beside one. Exit code 1 when e-mail is off (`--send-now`), the job is running
 * elsewhere, or an e-mail failed for good in this run.
 */
import { readOutboxStatus } from "@/db/queries/email-outbox";
import { emailConfig } from "@/lib/core/email/config";
import { EMAIL_JOB, emailOutboxJob } from "@/lib/services/email/outbox-job";
import { emailStatusNote } from "@/lib/services/email/settings";
import { newHolderId, runJobOnce } from "@/lib/services/jobs/runner";
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { openCliDatabase } from "./database";

export const emailCommand: Command = {
  name: "email",
  help: [
    "Usage: claimdesk email [--send-now]",
    "",
    "Prints whether e-mail is on (SMTP_URL) and the outbox's counts: waiting, sent, failed.",
    "--send-now runs the delivery worker once, as the servers do every few seconds, and",
    "prints what it sent. Uses DATABASE_URL (else PGlite in CLAIMDESK_DATA_DIR).",
  ].join("\n"),
  run: async (args, io) => {
    const sendNow = args.includes("--send-now");
    const unknown = args.find((a) => a !== "--send-now");
    if (unknown !== undefined) throw new CliError(`unexpected argument ${unknown}`, EXIT_USAGE);
    if (sendNow && !emailConfig(process.env)) {
      throw new CliError("e-mail is off: set SMTP_URL to send (docs/operations.md)");
    }
    const handle = await openCliDatabase();
    try {
      let exit = 0;
      io.stdout(`${emailStatusNote()}\n`);
      if (sendNow) {
        const result = await runJobOnce(handle.db, emailOutboxJob, newHolderId(), { force: true });
        if (!result.ran) {
          throw new CliError(`the ${EMAIL_JOB} job is running on another instance right now`);
        }
        if (!result.ok) throw new CliError(`the worker failed: ${result.error}`);
        const s = result.summary;
        io.stdout(
          `Sent ${s.sent} e-mail(s); ${s.retrying} to retry, ${s.failed} failed, ${s.skipped} skipped, ${s.deleted} old rows deleted.\n`,
        );
        if (Number(s.failed) > 0) exit = EXIT_FAILURE;
      }
      const status = await readOutboxStatus(handle.db);
      const c = status.counts;
      io.stdout(
        [
          `Waiting: ${c.pending + c.sending} (sending: ${c.sending})${status.nextDueAt ? `, next due ${status.nextDueAt.toISOString()}` : ""}`,
          `Sent: ${c.sent}, failed: ${c.failed}, skipped: ${c.skipped} (kept 30 days)`,
          ...status.recentFailures.map(
            (f) => `Failed #${f.id} after ${f.attempts} attempt(s): ${f.lastError ?? ""}`,
          ),
          "",
        ].join("\n"),
      );
      return exit;
    } finally {
      await handle.close();
    }
  },
};
