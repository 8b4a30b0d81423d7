import { describe, expect, it } from "vitest";
import {
  clientIpFrom,
  LoginRateLimiter,
  parseRateLimitedError,
  positiveIntFromEnv,
  rateLimitedError,
  rateLimitMessage,
  retryAfterMinutes,
} from "../../lib/auth/login-rate-limit";

const MINUTE = 60_000;

/** A limiter on a clock the test moves by hand. */
function limiterAt(options: Partial<ConstructorParameters<typeof LoginRateLimiter>[0]> = {}) {
  const clock = { t: 1_000_000 };
  const limiter = new LoginRateLimiter(
    { windowMs: 15 * MINUTE, maxPerAccount: 5, maxPerIp: 20, ...options },
    () => clock.t,
  );
  return { limiter, clock };
}

describe("LoginRateLimiter", () => {
  it("locks an account after 5 failures in 15 minutes, for any IP, until the first ages out", () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < 4; i++) {
      limiter.recordFailure("ada@example.org", `10.0.0.${i}`);
      clock.t += MINUTE;
    }
    expect(limiter.retryAfterMs("ada@example.org", "10.0.0.9")).toBe(0);
    limiter.recordFailure("ada@example.org", "10.0.0.4");
    // The first failure was 4 minutes ago: it leaves the window in 11 minutes.
    expect(limiter.retryAfterMs("ada@example.org", "10.0.0.9")).toBe(11 * MINUTE);
    expect(limiter.retryAfterMs(" ADA@example.org ", null)).toBe(11 * MINUTE);
    expect(limiter.retryAfterMs("bob@example.org", "10.0.0.9")).toBe(0);
    clock.t += 11 * MINUTE;
    expect(limiter.retryAfterMs("ada@example.org", "10.0.0.9")).toBe(0);
  });

  it("locks an IP after 20 failures spread over many accounts", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 19; i++) limiter.recordFailure(`user${i}@example.org`, "203.0.113.7");
    expect(limiter.retryAfterMs("new@example.org", "203.0.113.7")).toBe(0);
    limiter.recordFailure("user19@example.org", "203.0.113.7");
    expect(limiter.retryAfterMs("new@example.org", "203.0.113.7")).toBe(15 * MINUTE);
    expect(limiter.retryAfterMs("new@example.org", "198.51.100.1")).toBe(0);
  });

  it("clears an account's failures on success but keeps the IP's", () => {
    const { limiter } = limiterAt({ maxPerIp: 6 });
    for (let i = 0; i < 4; i++) limiter.recordFailure("ada@example.org", "10.0.0.1");
    limiter.recordSuccess("ada@example.org");
    for (let i = 0; i < 2; i++) limiter.recordFailure("ada@example.org", "10.0.0.1");
    expect(limiter.retryAfterMs("ada@example.org", "10.0.0.2")).toBe(0);
    expect(limiter.retryAfterMs("ada@example.org", "10.0.0.1")).toBe(15 * MINUTE);
  });

  it("treats a made-up e-mail exactly like a real one (the limiter never looks accounts up)", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.recordFailure("nobody@example.org", null);
    expect(limiter.retryAfterMs("nobody@example.org", null)).toBe(15 * MINUTE);
  });

  it("stays within its key budget under a flood of new e-mails, forgetting the oldest", () => {
    const { limiter } = limiterAt({ maxKeys: 100, maxPerAccount: 1, maxPerIp: 1_000_000 });
    for (let i = 0; i < 1000; i++) limiter.recordFailure(`flood${i}@example.org`, "10.0.0.1");
    expect(limiter.retryAfterMs("flood0@example.org", null)).toBe(0);
    expect(limiter.retryAfterMs("flood999@example.org", null)).toBe(15 * MINUTE);
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
