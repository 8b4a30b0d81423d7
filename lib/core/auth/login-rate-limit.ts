/**
 * Brute-force defence for the sign-in form (ASVS 6.3.1): failed attempts are counted per account
 * (the e-mail as typed, whether or not such an account exists, so the answer never tells) and
 * per client IP, in a sliding window. Once a key has too many failures in the window, every
 * attempt on it is refused — even with the right password — until the oldest failure that
 * keeps it locked ages out.
 *
 * This file holds the rules and the messages, pure and free of server-only imports (the sign-in
 * form shares the messages). The counts live in the database (`login_failures`), so every app
 * instance and a restarted one see the same: lib/server/auth/login-throttle.ts.
 */

export interface LoginRateLimitOptions {
  /** Length of the sliding window. */
  windowMs: number;
  /** Failures per account (e-mail) within the window before it is locked. */
  maxPerAccount: number;
  /** Failures per client IP within the window before it is locked. */
  maxPerIp: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = {
  windowMs: 15 * 60 * 1000,
  maxPerAccount: 5,
  maxPerIp: 20,
};

/** The limits with the environment's overrides (test servers sign in often from one address). */
export function loginRateLimitFromEnv(
  env: Record<string, string | undefined> = process.env,
): LoginRateLimitOptions {
  return {
    ...DEFAULT_LOGIN_RATE_LIMIT,
    maxPerAccount: positiveIntFromEnv(
      env.CLAIMDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      DEFAULT_LOGIN_RATE_LIMIT.maxPerAccount,
    ),
    maxPerIp: positiveIntFromEnv(
      env.CLAIMDESK_LOGIN_MAX_FAILURES_PER_IP,
      DEFAULT_LOGIN_RATE_LIMIT.maxPerIp,
    ),
  };
}

/** Longest key part kept: an e-mail is at most 254 characters, an IPv6 address 45. */
const MAX_KEY_PART = 256;

/** The throttling key of an account: the e-mail as typed, trimmed and lower-cased. */
export const accountKey = (email: string) =>
  `account:${email.trim().toLowerCase().slice(0, MAX_KEY_PART)}`;
/** The throttling key of a client address (bounded: without a proxy the client writes it). */
export const ipKey = (ip: string) => `ip:${ip.slice(0, MAX_KEY_PART)}`;

/**
 * How long (ms) a key must wait, given the time of its `max`-th most recent failure in the
 * window (null when it has fewer): it may try again once that failure leaves the window and the
 * count drops below `max`. 0 when it may try now; at least 1 otherwise.
 */
export function retryAfterMs(maxthRecentFailure: Date | null, windowMs: number, now: Date): number {
  if (!maxthRecentFailure) return 0;
  return Math.max(1, maxthRecentFailure.getTime() + windowMs - now.getTime());
}

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
