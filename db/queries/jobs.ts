/**
 * The lease rows of scheduled jobs (lib/services/jobs). A job runs once across every instance on
 * the database because an instance must first take its row's lease: in one transaction it picks
 * the row with `FOR UPDATE SKIP LOCKED` (a second instance racing for it skips the row instead of
 * waiting) only when the job is due and no lease is current, and writes its name and an expiry
 * into the row. The lease outlives a run and is renewed while the run works; a holder that
 * crashed stops renewing, and once `locked_until` has passed any instance may take the job.
 *
 * Times come from the caller (`now`), so that tests can step past an expiry; instances are
 * expected to keep their clocks in step (NTP), as they already must for sessions.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type ScheduledJob, scheduledJobs } from "../schema";

/** Makes sure the job has its row (due at `firstRunAt`); an existing row is left as it is. */
export async function ensureJobRow(db: Db, name: string, firstRunAt: Date): Promise<void> {
  await db.insert(scheduledJobs).values({ name, nextRunAt: firstRunAt }).onConflictDoNothing();
}

export interface LeaseRequest {
  name: string;
  holder: string;
  now: Date;
  leaseMs: number;
  /** Take it even if it is not due yet ("Run now"); a current lease still wins. */
  force?: boolean;
}

/**
 * Takes the job's lease when it is due (or `force`) and nobody holds a current one; true when
 * this caller now holds it. One transaction: the row lock lasts only until the lease is written.
 */
export async function takeJobLease(db: Db, req: LeaseRequest): Promise<boolean> {
  return db.transaction(async (tx) => lockAndLease(tx, req));
}

/**
 * The same inside a caller's transaction (the "Run the watch now" action, whose whole run is
 * one transaction): the row stays locked until it commits, so other instances skip it.
 */
export async function lockAndLease(tx: Db, req: LeaseRequest): Promise<boolean> {
  const due = req.force ? sql`true` : sql`${scheduledJobs.nextRunAt} <= ${req.now}`;
  const [row] = await tx
    .select({ name: scheduledJobs.name })
    .from(scheduledJobs)
    .where(
      and(
        eq(scheduledJobs.name, req.name),
        due,
        sql`(${scheduledJobs.lockedUntil} IS NULL OR ${scheduledJobs.lockedUntil} <= ${req.now})`,
      ),
    )
    .for("update", { skipLocked: true });
  if (!row) return false;
  await tx
    .update(scheduledJobs)
    .set({
      lockedBy: req.holder,
      lockedUntil: new Date(req.now.getTime() + req.leaseMs),
      lastStartedAt: req.now,
    })
    .where(eq(scheduledJobs.name, req.name));
  return true;
}

/** Extends a held lease; false when it is no longer this holder's (it expired and was taken). */
export async function renewJobLease(
  db: Db,
  name: string,
  holder: string,
  until: Date,
): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({ lockedUntil: until })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.lockedBy, holder)))
    .returning({ name: scheduledJobs.name });
  return rows.length > 0;
}

export interface JobOutcome {
  ok: boolean;
  finishedAt: Date;
  nextRunAt: Date;
  summary: Record<string, unknown> | null;
  error: string | null;
}

/**
 * Records how the run went and when the next one is due, and releases the lease — only if this
 * holder still has it (a run that overstayed an expired lease must not overwrite its successor).
 */
export async function finishJobRun(
  db: Db,
  name: string,
  holder: string,
  outcome: JobOutcome,
): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({
      lockedBy: null,
      lockedUntil: null,
      lastFinishedAt: outcome.finishedAt,
      lastOutcome: outcome.ok ? "ok" : "failed",
      lastSummary: outcome.summary,
      lastError: outcome.error,
      nextRunAt: outcome.nextRunAt,
    })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.lockedBy, holder)))
    .returning({ name: scheduledJobs.name });
  return rows.length > 0;
}

/** A job's row as it stands (the Evidence updates page shows the watch's last run). */
export async function findJob(db: Db, name: string): Promise<ScheduledJob | null> {
  const [row] = await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, name));
  return row ?? null;
}
