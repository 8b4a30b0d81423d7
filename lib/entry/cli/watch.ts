/**
 * `claimdesk watch`: runs the retraction watch once (for cron, or with the schedule off:
 * CLAIMDESK_WATCH_INTERVAL_HOURS=0) on the app's database, through the same lease as the
 * scheduled job, so it never runs beside a server's run. Prints the summary; exits 1 when the
 * watch could not run or a request failed (the references it could not check wait for the next
 * run), 0 otherwise.
 */
import type { WatchRunSummary } from "@/lib/core/audit/events";
import { newHolderId, runJobOnce } from "@/lib/services/jobs/runner";
import { WATCH_JOB, watchJob } from "@/lib/services/references/watch-job";
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { openCliDatabase } from "./database";

/** The summary in lines for a person (and a log). */
export function watchSummaryLines(s: WatchRunSummary): string[] {
  return [
    `References checked: ${s.checked}${s.remaining > 0 ? ` (${s.remaining} left for the next run)` : ""}`,
    `Newly flagged: ${s.flagged} (notices found: ${s.notices})`,
    `Claims sent back to re-check: ${s.rechecked}`,
    `Evidence updates added to publications: ${s.publicationNotices}`,
    `Requests made: Crossref ${s.requests.crossref}, NCBI ${s.requests.ncbi}`,
    ...s.errors.map((e) => `Error: ${e}`),
  ];
}

export const watchCommand: Command = {
  name: "watch",
  help: [
    "Usage: claimdesk watch",
    "",
    "Checks every cited reference with a DOI or PMID against Crossref and PubMed for",
    "retractions, withdrawals, expressions of concern and corrections, once, and prints",
    "what it found. Uses DATABASE_URL (else PGlite in CLAIMDESK_DATA_DIR) and the outside",
    "services' variables (CROSSREF_MAILTO, NCBI_API_KEY, …; docs/operations.md).",
    "Exit code 1 when the watch could not run or a request failed.",
  ].join("\n"),
  run: async (args, io) => {
    if (args.length > 0) throw new CliError(`unexpected argument ${args[0]}`, EXIT_USAGE);
    const handle = await openCliDatabase();
    try {
      const result = await runJobOnce(handle.db, watchJob, newHolderId(), { force: true });
      if (!result.ran) {
        throw new CliError(`the ${WATCH_JOB} job is running on another instance right now`);
      }
      if (!result.ok) throw new CliError(`the watch failed: ${result.error}`);
      const summary = result.summary as unknown as WatchRunSummary;
      io.stdout(`${watchSummaryLines(summary).join("\n")}\n`);
      return summary.errors.length > 0 ? EXIT_FAILURE : 0;
    } finally {
      await handle.close();
    }
  },
};
