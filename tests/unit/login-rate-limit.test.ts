import { describe, expect, it } from "vitest";
import {
  accountKey,
  clientIpFrom,
  ipKey,
  loginRateLimitFromEnv,
  parseRateLimitedError,
  positiveIntFromEnv,
  rateLimitedError,
  rateLimitMessage,
  retryAfterMinutes,
  retryAfterMs,
} from "../../lib/core/auth/login-rate-limit";

const MINUTE = 60_000;

describe("the sign-in throttle's rules (the counts themselves are in the database)", () => {
  it("waits until the failure that keeps the key locked leaves the window", () => {
    const now = new Date(1_000_000_000);
    const fourMinutesAgo = new Date(now.getTime() - 4 * MINUTE);
    expect(retryAfterMs(null, 15 * MINUTE, now)).toBe(0);
    expect(retryAfterMs(fourMinutesAgo, 15 * MINUTE, now)).toBe(11 * MINUTE);
    expect(retryAfterMs(now, 15 * MINUTE, now)).toBe(15 * MINUTE);
    // Never 0 for a key that is locked, even at the window's edge.
    expect(retryAfterMs(new Date(now.getTime() - 15 * MINUTE), 15 * MINUTE, now)).toBe(1);
  });

  it("keys accounts by the e-mail as typed, trimmed and lower-cased, and bounds both keys", () => {
    expect(accountKey(" ADA@Example.org ")).toBe("account:ada@example.org");
    expect(accountKey("nobody@example.org")).toBe("account:nobody@example.org");
    expect(ipKey("203.0.113.7")).toBe("ip:203.0.113.7");
    expect(ipKey("x".repeat(10_000))).toHaveLength("ip:".length + 256);
    expect(accountKey("y".repeat(10_000))).toHaveLength("account:".length + 256);
  });

  it("reads the limits from the environment: 5 per account and 20 per IP in 15 minutes", () => {
    expect(loginRateLimitFromEnv({})).toEqual({
      windowMs: 15 * MINUTE,
      maxPerAccount: 5,
      maxPerIp: 20,
    });
    expect(
      loginRateLimitFromEnv({
        CLAIMDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT: "3",
        CLAIMDESK_LOGIN_MAX_FAILURES_PER_IP: "1000",
      }),
    ).toEqual({ windowMs: 15 * MINUTE, maxPerAccount: 3, maxPerIp: 1000 });
    expect(loginRateLimitFromEnv({ CLAIMDESK_LOGIN_MAX_FAILURES_PER_IP: "-1" })).toMatchObject({
      maxPerIp: 20,
    });
  });
});

describe("sign-in rate-limit helpers", () => {
  it("reads the client IP from the right-most X-Forwarded-For entry", () => {
    expect(clientIpFrom("198.51.100.9, 10.0.0.1")).toBe("10.0.0.1");
    expect(clientIpFrom("::1")).toBe("::1");
    expect(clientIpFrom(["1.1.1.1", "2.2.2.2"])).toBe("2.2.2.2");
    expect(clientIpFrom(undefined)).toBeNull();
    expect(clientIpFrom(" ")).toBeNull();
  });

  it("round-trips the wait through next-auth's error string, in whole minutes", () => {
    expect(retryAfterMinutes(1)).toBe(1);
    expect(retryAfterMinutes(11 * MINUTE + 1)).toBe(12);
    const error = rateLimitedError(11 * MINUTE).message;
    expect(parseRateLimitedError(error)).toBe(11);
    expect(parseRateLimitedError("CredentialsSignin")).toBeNull();
    expect(parseRateLimitedError("RateLimited:abc")).toBeNull();
    expect(parseRateLimitedError(undefined)).toBeNull();
    expect(rateLimitMessage(11)).toBe("Too many attempts; try again in 11 minutes.");
    expect(rateLimitMessage(1)).toBe("Too many attempts; try again in 1 minute.");
  });

  it("reads positive whole numbers from the environment, else the default", () => {
    expect(positiveIntFromEnv("50", 20)).toBe(50);
    expect(positiveIntFromEnv(undefined, 20)).toBe(20);
    expect(positiveIntFromEnv("0", 20)).toBe(20);
    expect(positiveIntFromEnv("2.5", 20)).toBe(20);
    expect(positiveIntFromEnv("many", 20)).toBe(20);
  });
});
