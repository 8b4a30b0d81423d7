/**
 * "Run the watch now" (editors, on /evidence-updates): the watch in the request, bounded — it
 * stops starting batches after WATCH_NOW_SECONDS and checks at most `maxReferences` (≤ 2,000),
 * oldest first (the rest wait for the next run) — under the same lease as the scheduled job, so
 * it never runs beside it. One transaction, as every action: the job's row stays locked until
 * it commits (another instance's poll skips it), each batch's result is a savepoint, and the
 * actor of the flags, re-checks and publication notices is the editor.
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { ensureJobRow, finishJobRun, lockAndLease } from "@/db/queries/jobs";
import type { WatchRunSummary } from "@/lib/core/audit/events";
import { AppError } from "@/lib/core/errors";
import { runWatchSchema } from "@/lib/core/validation/references-watch";
import { defineAction } from "@/lib/server/action";
import { newHolderId } from "@/lib/services/jobs/runner";
import { WATCH_JOB, watchIntervalMs, watchJob } from "@/lib/services/references/watch-job";
import { runWatch } from "./watch";

export const WATCH_NOW_SECONDS = 20;

export const runWatchNow = defineAction({
  name: "reference.watch_run",
  input: runWatchSchema,
  permission: "reference:watch",
  run: async ({ tx, actor }, input): Promise<WatchRunSummary> => {
    const holder = newHolderId();
    const now = new Date();
    await ensureJobRow(tx, WATCH_JOB, now);
    const taken = await lockAndLease(tx, {
      name: WATCH_JOB,
      holder,
      now,
      leaseMs: watchJob.leaseMs,
      force: true,
    });
    if (!taken) {
      throw new AppError(
        "conflict",
        "The watch is running right now (the scheduled run, or another editor's): look again in a few minutes.",
      );
    }
    const summary = await runWatch(tx, {
      actorId: actor.id,
      deadline: Date.now() + WATCH_NOW_SECONDS * 1000,
      maxReferences: input.maxReferences,
    });
    const finishedAt = new Date();
    await finishJobRun(tx, WATCH_JOB, holder, {
      ok: true,
      finishedAt,
      // The schedule restarts from this run.
      nextRunAt: new Date(now.getTime() + (watchIntervalMs() ?? 24 * 3600_000)),
      summary: { ...summary, by: actor.name },
      error: summary.errors.length > 0 ? summary.errors.join(" ") : null,
    });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "reference.watch_run",
      entityType: "job",
      entityId: WATCH_JOB,
      after: summary,
    });
    return summary;
  },
});
