/**
 * The retraction watch as a scheduled job (lib/services/jobs/runner.ts), listed with the app's
 * other jobs in lib/entry/jobs.ts.
 */
import "server-only";
import type { JobDefinition } from "@/lib/services/jobs/runner";
import { runWatch } from "./watch";

export const WATCH_JOB = "retraction-watch";

/**
 * CLAIMDESK_WATCH_INTERVAL_HOURS: how often the watch runs (default 24; 0 turns the schedule
 * off, `npx claimdesk watch` from cron still works).
 */
export function watchIntervalMs(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.CLAIMDESK_WATCH_INTERVAL_HOURS;
  const hours = raw === undefined || raw.trim() === "" ? 24 : Number(raw);
  if (!Number.isFinite(hours) || hours < 0) return 24 * 3600_000;
  return hours === 0 ? null : hours * 3600_000;
}

export const watchJob: JobDefinition = {
  name: WATCH_JOB,
  intervalMs: () => watchIntervalMs(),
  // Renewed after every batch (a batch takes seconds): ten minutes covers a stalled service's
  // retries, and a crashed holder's lease runs out within ten minutes.
  leaseMs: 10 * 60_000,
  run: async (ctx) => {
    const summary = await runWatch(ctx.db, {
      actorId: ctx.actorId,
      onBatch: () => ctx.heartbeat(),
    });
    return { ...summary };
  },
};
