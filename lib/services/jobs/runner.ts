/**
 * Scheduled jobs that run once across all instances on one database, on PGlite and PostgreSQL
 * alike: each job has a lease row in `scheduled_jobs` (db/queries/jobs.ts). A runner takes the
 * lease of a due job, runs it while renewing the lease, then records the outcome and the next
 * run and lets go. Another instance polling at the same moment finds the row locked or leased
 * and skips it; if the holder dies, its lease runs out and the next poll anywhere takes over.
 *
 * A job is a `JobDefinition` (lib/entry/jobs.ts lists them): adding one — the e-mail
 * outbox, say — is one more definition; the runner, the scheduler and the lease are
 * shared. A job must be safe to run again after a crash part-way (the watch is: it writes each
 * batch's results in their own transaction and skips what it already recorded).
 */
import "server-only";
import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { ensureJobRow, finishJobRun, renewJobLease, takeJobLease } from "@/db/queries/jobs";
import { logError, logInfo } from "@/lib/server/logging/log";

export interface JobContext {
  db: Db;
  /** Who asked: null for the schedule, the editor's id for "Run now". */
  actorId: string | null;
  now: Date;
  /** Extends the lease; throws `LeaseLost` if another instance took the job meanwhile. */
  heartbeat(): Promise<void>;
}

export interface JobDefinition {
  name: string;
  /** How often it runs; null turns it off (not polled at all). */
  intervalMs(): number | null;
  /** How long a lease lasts without renewal: longer than the gap between two heartbeats. */
  leaseMs: number;
  /** The work. Its result is stored as the job's `last_summary`. */
  run(ctx: JobContext): Promise<Record<string, unknown>>;
  /**
   * Whether a run with this summary did nothing worth a log line (a job polled every few
   * seconds would otherwise fill the log with "job finished"). @default never
   */
  idle?(summary: Record<string, unknown>): boolean;
}

export class LeaseLost extends Error {
  constructor(job: string) {
    super(`The lease on job "${job}" ran out and another instance took it.`);
    this.name = "LeaseLost";
  }
}

/** This process's name in `locked_by`: host, process id and a random tail (two runners in one process differ). */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

export type JobRunResult =
  | { ran: false }
  | { ran: true; ok: true; summary: Record<string, unknown> }
  | { ran: true; ok: false; error: string };

/**
 * Runs `job` if this holder can take its lease now (due, or `force`); `{ ran: false }` when the
 * job is not due or another instance holds it. Never throws for the job's own failure: it is
 * recorded (`last_outcome` failed, `last_error`) and the next run is scheduled as usual.
 */
export async function runJobOnce(
  db: Db,
  job: JobDefinition,
  holder: string,
  options: { now?: Date; force?: boolean; actorId?: string | null } = {},
): Promise<JobRunResult> {
  const now = options.now ?? new Date();
  const interval = job.intervalMs();
  await ensureJobRow(db, job.name, now);
  const taken = await takeJobLease(db, {
    name: job.name,
    holder,
    now,
    leaseMs: job.leaseMs,
    force: options.force,
  });
  if (!taken) return { ran: false };
  const started = Date.now();
  const ctx: JobContext = {
    db,
    actorId: options.actorId ?? null,
    now,
    heartbeat: async () => {
      const until = new Date(now.getTime() + (Date.now() - started) + job.leaseMs);
      if (!(await renewJobLease(db, job.name, holder, until))) throw new LeaseLost(job.name);
    },
  };
  const finishedAt = () => new Date(now.getTime() + (Date.now() - started));
  // The next run counts from this one's start, so a daily job keeps its hour.
  const nextRunAt = new Date(now.getTime() + (interval ?? 24 * 3600_000));
  try {
    const summary = await job.run(ctx);
    await finishJobRun(db, job.name, holder, {
      ok: true,
      finishedAt: finishedAt(),
      nextRunAt,
      summary,
      error: null,
    });
    if (!job.idle?.(summary)) logInfo("job finished", { job: job.name, holder, ...summary });
    return { ran: true, ok: true, summary };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    logError("job failed", err, { job: job.name, holder });
    if (!(err instanceof LeaseLost)) {
      await finishJobRun(db, job.name, holder, {
        ok: false,
        finishedAt: finishedAt(),
        nextRunAt,
        summary: null,
        error,
      }).catch((e) => logError("job outcome not recorded", e, { job: job.name }));
    }
    return { ran: true, ok: false, error };
  }
}

/** One poll: every job that is on gets its chance, one after another. */
export async function runDueJobs(
  db: Db,
  jobs: readonly JobDefinition[],
  holder: string,
  now?: Date,
): Promise<Record<string, JobRunResult>> {
  const results: Record<string, JobRunResult> = {};
  for (const job of jobs) {
    if (job.intervalMs() === null) continue;
    results[job.name] = await runJobOnce(db, job, holder, { now });
  }
  return results;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * How often the scheduler polls: often enough for the shortest interval among the jobs that are
 * on (the e-mail outbox's seconds), at most a minute, at least a second. A poll only takes the
 * lease of a job that is due, so polling often never runs a daily job more than daily; it costs
 * two small queries per job that is on.
 */
export function schedulerPollMs(jobs: readonly JobDefinition[]): number {
  const intervals = jobs.map((j) => j.intervalMs()).filter((ms): ms is number => ms !== null);
  return Math.max(1000, Math.min(60_000, ...intervals));
}

/**
 * Polls `jobs` every `pollMs` (`schedulerPollMs(jobs)` by default) until stopped. The timer is
 * `unref()`'d, so it never keeps a process alive; `stop()` waits for a poll in progress to end.
 */
export function startScheduler(
  getDb: () => Promise<Db>,
  jobs: readonly JobDefinition[],
  {
    pollMs = schedulerPollMs(jobs),
    firstPollMs = Math.min(15_000, pollMs),
  }: { pollMs?: number; firstPollMs?: number } = {},
): Scheduler {
  const holder = newHolderId();
  let stopped = false;
  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    running = (async () => {
      try {
        await runDueJobs(await getDb(), jobs, holder);
      } catch (err) {
        logError("job poll failed", err, { holder });
      }
    })().finally(() => {
      running = null;
      schedule(pollMs);
    });
  };
  schedule(firstPollMs);
  logInfo("job scheduler started", {
    holder,
    pollMs,
    jobs: jobs.filter((j) => j.intervalMs() !== null).map((j) => j.name),
  });
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
