/**
 * Scheduled jobs run once across instances (lib/services/jobs): two runners race for one due
 * job — on PostgreSQL through two separate pools on one database, as two instances would; on
 * PGlite (one process per database) two runners on one handle — and exactly one runs it. A
 * holder that crashed leaves a lease that runs out, and another runner takes the job over.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase } from "../../db/client";
import { findJob } from "../../db/queries/jobs";
import { scheduledJobs } from "../../db/schema";
import {
  type JobDefinition,
  newHolderId,
  runDueJobs,
  runJobOnce,
} from "../../lib/services/jobs/runner";
import { createTestDatabase, testEngine } from "../helpers/db";

let first: DbHandle;
let second: DbHandle;

beforeAll(async () => {
  first = await createTestDatabase();
  if (testEngine() === "postgres") {
    const rows = (await first.db.execute(sql`SELECT current_database() AS name`)) as unknown as {
      rows: { name: string }[];
    };
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${rows.rows[0]?.name}`;
    second = await openDatabase({ engine: "postgres", url: url.toString() });
  } else {
    second = first;
  }
});

afterAll(async () => {
  if (second !== first) await second.close();
  await first.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job that counts its runs and takes a while, so that the racers overlap. */
function countingJob(name: string, work = 200): JobDefinition & { runs: string[] } {
  const runs: string[] = [];
  return {
    name,
    runs,
    intervalMs: () => 3600_000,
    leaseMs: 60_000,
    run: async (ctx) => {
      runs.push(ctx.now.toISOString());
      await sleep(work);
      await ctx.heartbeat();
      return { runs: runs.length };
    },
  };
}

describe("scheduled jobs", () => {
  it("run once when two instances poll at the same moment; the other skips", async () => {
    const job = countingJob(`race-${Date.now()}`);
    const now = new Date();
    const [a, b] = await Promise.all([
      runDueJobs(first.db, [job], newHolderId(), now),
      runDueJobs(second.db, [job], newHolderId(), now),
    ]);
    expect(job.runs).toHaveLength(1);
    const outcomes = [a[job.name], b[job.name]];
    expect(outcomes.filter((o) => o?.ran)).toHaveLength(1);
    expect(outcomes.filter((o) => o && !o.ran)).toHaveLength(1);

    const row = await findJob(first.db, job.name);
    expect(row).toMatchObject({ lockedBy: null, lockedUntil: null, lastOutcome: "ok" });
    expect(row?.nextRunAt.getTime()).toBe(now.getTime() + 3600_000);

    // Not due again until the interval has passed.
    const again = await runDueJobs(
      second.db,
      [job],
      newHolderId(),
      new Date(now.getTime() + 60_000),
    );
    expect(again[job.name]).toEqual({ ran: false });
    expect(job.runs).toHaveLength(1);
  });

  it("a crashed holder's lease runs out and another instance takes the job over", async () => {
    const job = countingJob(`crash-${Date.now()}`, 0);
    const now = new Date();
    // An instance took the lease and died: the row says so, nobody renews it.
    await first.db.insert(scheduledJobs).values({
      name: job.name,
      nextRunAt: new Date(now.getTime() - 1000),
      lockedBy: "dead-host:1:abc",
      lockedUntil: new Date(now.getTime() + job.leaseMs),
      lastStartedAt: now,
    });
    expect(await runJobOnce(second.db, job, newHolderId(), { now })).toEqual({ ran: false });
    // Forcing ("Run now") does not break a current lease either.
    expect(await runJobOnce(second.db, job, newHolderId(), { now, force: true })).toEqual({
      ran: false,
    });
    expect(job.runs).toHaveLength(0);

    const later = new Date(now.getTime() + job.leaseMs + 1);
    const taken = await runJobOnce(second.db, job, "survivor", { now: later });
    expect(taken).toMatchObject({ ran: true, ok: true });
    expect(job.runs).toHaveLength(1);
    // The dead holder cannot record an outcome over its successor's.
    const row = await findJob(first.db, job.name);
    expect(row).toMatchObject({ lockedBy: null, lastOutcome: "ok" });
  });

  it("records a failed run with its error and schedules the next", async () => {
    const name = `fail-${Date.now()}`;
    const job: JobDefinition = {
      name,
      intervalMs: () => 3600_000,
      leaseMs: 60_000,
      run: async () => {
        throw new Error("Crossref could not be reached (offline, or the service is down).");
      },
    };
    const now = new Date();
    const result = await runJobOnce(first.db, job, newHolderId(), { now });
    expect(result).toMatchObject({ ran: true, ok: false });
    const row = await findJob(first.db, name);
    expect(row).toMatchObject({
      lockedBy: null,
      lastOutcome: "failed",
      lastError: "Crossref could not be reached (offline, or the service is down).",
    });
    expect(row?.nextRunAt.getTime()).toBe(now.getTime() + 3600_000);
  });

  it("a lease taken over mid-run stops the old holder at its next heartbeat", async () => {
    const name = `overstay-${Date.now()}`;
    const now = new Date();
    let heartbeat: (() => Promise<void>) | null = null;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const job: JobDefinition = {
      name,
      intervalMs: () => 3600_000,
      leaseMs: 1_000,
      run: async (ctx) => {
        heartbeat = ctx.heartbeat;
        await gate;
        await ctx.heartbeat();
        return {};
      },
    };
    const slow = runJobOnce(first.db, job, "slow", { now });
    while (!heartbeat) await sleep(10);
    const fast = await runJobOnce(
      second.db,
      { ...job, run: async () => ({ took: true }) },
      "fast",
      {
        now: new Date(now.getTime() + 2_000),
        force: true,
      },
    );
    expect(fast).toMatchObject({ ran: true, ok: true });
    release();
    expect(await slow).toMatchObject({ ran: true, ok: false });
    expect(await findJob(first.db, name)).toMatchObject({
      lastOutcome: "ok",
      lastSummary: { took: true },
    });
  });
});
