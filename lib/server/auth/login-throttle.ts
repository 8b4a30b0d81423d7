/**
 * The sign-in throttle's state, in the database (`login_failures`) so that every app instance
 * behind a load balancer, and an instance after a restart, count the same failures. The rules
 * and messages are in lib/core/auth/login-rate-limit.ts.
 *
 * An attempt is counted as a failure *before* its password is checked (the check takes tens of
 * milliseconds of argon2) and the row is removed when it succeeds. Checking and counting run in
 * one transaction under per-key advisory locks, so a burst of parallel attempts on one account
 * gets exactly its budget, not one free try per request in flight.
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  deleteLoginFailuresById,
  deleteLoginFailuresOfKey,
  insertLoginFailures,
  lockLoginKeys,
  pruneLoginFailures,
  recentLoginFailures,
} from "@/db/queries/login-failures";
import {
  accountKey,
  DEFAULT_LOGIN_RATE_LIMIT,
  ipKey,
  type LoginRateLimitOptions,
  retryAfterMs,
} from "@/lib/core/auth/login-rate-limit";

/** Rows past the window removed per attempt: each attempt adds at most two. */
const PRUNE_PER_ATTEMPT = 100;

/** An attempt let through (and counted as failed until `succeeded`), or refused with a wait. */
export type LoginAttempt =
  | { allowed: false; retryAfterMs: number }
  | {
      allowed: true;
      accountKey: string;
      /** This attempt's rows, one per key. */
      failureIds: number[];
      /** The keys that this attempt, if it fails, leaves locked (for the log). */
      locksOnFailure: string[];
    };

export class LoginRateLimiter {
  constructor(
    readonly options: LoginRateLimitOptions = DEFAULT_LOGIN_RATE_LIMIT,
    /** The clock, injectable for tests; app instances' clocks only need to agree to seconds. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Refuses while the account or the IP is locked (without looking at the account, so a
   * made-up e-mail is answered like a real one); otherwise records this attempt as a failure
   * and lets it through.
   */
  async begin(db: Db, account: string, ip: string | null): Promise<LoginAttempt> {
    const { windowMs, maxPerAccount, maxPerIp } = this.options;
    const limits: [string, number][] = [[accountKey(account), maxPerAccount]];
    if (ip) limits.push([ipKey(ip), maxPerIp]);
    const now = this.now();
    const since = new Date(now.getTime() - windowMs);
    return db.transaction(async (tx) => {
      await lockLoginKeys(
        tx,
        limits.map(([key]) => key),
      );
      let wait = 0;
      const locksOnFailure: string[] = [];
      for (const [key, max] of limits) {
        const recent = await recentLoginFailures(tx, key, since, max);
        wait = Math.max(wait, retryAfterMs(recent[max - 1] ?? null, windowMs, now));
        if (recent.length === max - 1) locksOnFailure.push(key);
      }
      if (wait > 0) return { allowed: false, retryAfterMs: wait };
      await pruneLoginFailures(tx, since, PRUNE_PER_ATTEMPT);
      const ids = await insertLoginFailures(
        tx,
        limits.map(([key]) => key),
        now,
      );
      return {
        allowed: true,
        accountKey: limits[0]?.[0] ?? "",
        failureIds: [...ids.values()],
        locksOnFailure,
      };
    });
  }

  /**
   * The password was right: the account's failures are cleared, and this attempt no longer
   * counts against the IP (earlier failures from the IP still do: it may be shared).
   */
  async succeeded(db: Db, attempt: Extract<LoginAttempt, { allowed: true }>): Promise<void> {
    await db.transaction(async (tx) => {
      await deleteLoginFailuresOfKey(tx, attempt.accountKey);
      await deleteLoginFailuresById(tx, attempt.failureIds);
    });
  }
}
