/**
 * Brute-force defence for the sign-in form (ASVS 6.3.1): failed attempts are counted per account
 * (the e-mail as typed, whether or not such an account exists, so the answer never tells) and
 * per client IP, in a sliding window. Once a key has too many failures in the window, every
 * attempt on it is refused — even with the right password — until the oldest failure ages out.
 *
 * State lives in this process's memory. TODO: with several instances each one counts alone
 * (an attacker spreading attempts over N instances gets N times the budget), and a restart
 * forgets. No existing table fits (audit_events is append-only and keyed by entity, users has
 * no counter); the fix is a `login_failures(key, at)` table, counted and pruned in SQL.
 *
 * Pure apart from the clock, which is injectable for tests. The message helpers are shared
 * with the sign-in form, so this file must stay free of server-only imports.
 */

export interface LoginRateLimitOptions {
  /** Length of the sliding window. */
  windowMs: number;
  /** Failures per account (e-mail) within the window before it is locked. */
  maxPerAccount: number;
  /** Failures per client IP within the window before it is locked. */
  maxPerIp: number;
  /** Upper bound on remembered keys, so a flood of made-up e-mails cannot exhaust memory. */
  maxKeys?: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = {
  windowMs: 15 * 60 * 1000,
  maxPerAccount: 5,
  maxPerIp: 20,
  maxKeys: 50_000,
};

export class LoginRateLimiter {
  /** Failure times (ms, ascending) per key: `account:<email>` or `ip:<address>`. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly options: LoginRateLimitOptions = DEFAULT_LOGIN_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long (ms) this account or IP must wait before the next attempt; 0 when it may try. */
  retryAfterMs(account: string, ip: string | null): number {
    const t = this.now();
    let wait = this.waitFor(accountKey(account), this.options.maxPerAccount, t);
    if (ip) wait = Math.max(wait, this.waitFor(ipKey(ip), this.options.maxPerIp, t));
    return wait;
  }

  recordFailure(account: string, ip: string | null): void {
    const t = this.now();
    this.push(accountKey(account), t);
    if (ip) this.push(ipKey(ip), t);
  }

  /** A correct password clears the account's failures (not the IP's: it may be shared). */
  recordSuccess(account: string): void {
    this.failures.delete(accountKey(account));
  }

  private recent(key: string, t: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const from = t - this.options.windowMs;
    const kept = times.filter((at) => at > from);
    if (kept.length === 0) this.failures.delete(key);
    else if (kept.length !== times.length) this.failures.set(key, kept);
    return kept;
  }

  private waitFor(key: string, max: number, t: number): number {
    const times = this.recent(key, t);
    if (times.length < max) return 0;
    // Allowed again once enough failures have left the window to bring the count below max.
    const freeing = times[times.length - max] ?? t;
    return Math.max(1, freeing + this.options.windowMs - t);
  }

  private push(key: string, t: number): void {
    const times = this.recent(key, t);
    // Only the last `max` failures matter for the decision; keep the array bounded.
    const keep = Math.max(this.options.maxPerAccount, this.options.maxPerIp);
    // Delete first so the key moves to the end of the Map's order: eviction drops stale keys.
    this.failures.delete(key);
    this.failures.set(key, [...times, t].slice(-keep));
    this.evictIfFull(t);
  }

  private evictIfFull(t: number): void {
    const maxKeys = this.options.maxKeys ?? Number.POSITIVE_INFINITY;
    if (this.failures.size <= maxKeys) return;
    for (const key of [...this.failures.keys()]) this.recent(key, t);
    // Still full of live keys: forget the least recently failed ones (first in the Map's order).
    for (const key of this.failures.keys()) {
      if (this.failures.size <= maxKeys) break;
      this.failures.delete(key);
    }
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * The client address: the right-most `X-Forwarded-For` entry, i.e. the one added by the nearest
 * proxy (Next fills the header with the socket address when no proxy set it). Entries further
 * left are whatever the client claimed. Without a reverse proxy a client can send its own header
 * and pick its "IP"; the per-account limit still holds then.
 */
export function clientIpFrom(forwardedFor: string | string[] | undefined | null): string | null {
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const last = raw?.split(",").at(-1)?.trim();
  return last ? last : null;
}

/** Whole minutes, rounded up, at least 1. */
export function retryAfterMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** next-auth passes a thrown error's message to the client as `error`; this is its shape. */
const RATE_LIMITED_PREFIX = "RateLimited:";

export function rateLimitedError(retryAfterMs: number): Error {
  return new Error(`${RATE_LIMITED_PREFIX}${retryAfterMinutes(retryAfterMs)}`);
}

/** The minutes to wait from a sign-in `error`, or null when it is not a rate-limit refusal. */
export function parseRateLimitedError(error: string | null | undefined): number | null {
  if (!error?.startsWith(RATE_LIMITED_PREFIX)) return null;
  const minutes = Number(error.slice(RATE_LIMITED_PREFIX.length));
  return Number.isInteger(minutes) && minutes > 0 ? minutes : null;
}

export function rateLimitMessage(minutes: number): string {
  return `Too many attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Reads a positive whole number from the environment, or the default. */
export function positiveIntFromEnv(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : fallback;
}
