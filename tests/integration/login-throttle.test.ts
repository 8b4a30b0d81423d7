/**
 * The sign-in throttle's counts in the database (login_failures): the window and the limits,
 * shared by several app instances and kept across a restart, pruned in SQL, and exact under a
 * burst of parallel attempts.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { deleteLoginFailuresById } from "../../db/queries/login-failures";
import { loginFailures } from "../../db/schema";
import { parseRateLimitedError } from "../../lib/core/auth/login-rate-limit";
import { verifyCredentials } from "../../lib/server/auth/credentials";
import { LoginRateLimiter } from "../../lib/server/auth/login-throttle";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, TEST_PASSWORD } from "../helpers/fixtures";

const t = freshDatabasePerTest();
const MINUTE = 60_000;

/** A clock the test moves by hand, shared by every limiter ("app instance") made from it. */
function clock() {
  const c = { t: 1_800_000_000_000 };
  const limiter = (over: Partial<ConstructorParameters<typeof LoginRateLimiter>[0]> = {}) =>
    new LoginRateLimiter(
      { windowMs: 15 * MINUTE, maxPerAccount: 5, maxPerIp: 20, ...over },
      () => new Date(c.t),
    );
  return { c, limiter };
}

/** An attempt that then fails (the password was wrong): nothing more to tell the limiter. */
async function fail(l: LoginRateLimiter, account: string, ip: string | null) {
  const attempt = await l.begin(t.db, account, ip);
  expect(attempt.allowed, `${account} from ${ip} should be let through`).toBe(true);
  return attempt;
}

const wait = async (l: LoginRateLimiter, account: string, ip: string | null) => {
  const attempt = await l.begin(t.db, account, ip);
  if (!attempt.allowed) return attempt.retryAfterMs;
  // Let through: remove the rows this attempt wrote, so that asking changes nothing.
  await deleteLoginFailuresById(t.db, attempt.failureIds);
  return 0;
};

const rowsOf = async (db: Db, key?: string) =>
  (await db.select().from(loginFailures)).filter((r) => key === undefined || r.key === key);

describe("the sign-in throttle, in the database", () => {
  it("locks an account after 5 failures in 15 minutes, for any IP, until the first ages out", async () => {
    const { c, limiter } = clock();
    const l = limiter();
    for (let i = 0; i < 4; i++) {
      await fail(l, "ada@example.org", `10.0.0.${i}`);
      c.t += MINUTE;
    }
    // The fifth attempt is let through (and counted); the sixth waits.
    await fail(l, "ada@example.org", "10.0.0.4");
    // The first failure was 4 minutes ago: it leaves the window in 11 minutes.
    expect(await l.begin(t.db, "ada@example.org", "10.0.0.9")).toEqual({
      allowed: false,
      retryAfterMs: 11 * MINUTE,
    });
    expect(await wait(l, " ADA@example.org ", null)).toBe(11 * MINUTE);
    expect(await wait(l, "bob@example.org", "10.0.0.9")).toBe(0);
    c.t += 11 * MINUTE;
    expect(await wait(l, "ada@example.org", "10.0.0.9")).toBe(0);
  });

  it("locks an IP after 20 failures spread over many accounts, and only that IP", async () => {
    const { limiter } = clock();
    const l = limiter();
    for (let i = 0; i < 19; i++) await fail(l, `user${i}@example.org`, "203.0.113.7");
    expect(await wait(l, "new@example.org", "203.0.113.7")).toBe(0);
    await fail(l, "user19@example.org", "203.0.113.7");
    expect(await wait(l, "new@example.org", "203.0.113.7")).toBe(15 * MINUTE);
    expect(await wait(l, "new@example.org", "198.51.100.1")).toBe(0);
  });

  it("clears an account's failures on success but keeps the IP's earlier ones", async () => {
    const { limiter } = clock();
    const l = limiter({ maxPerIp: 6 });
    for (let i = 0; i < 4; i++) await fail(l, "ada@example.org", "10.0.0.1");
    const right = await fail(l, "ada@example.org", "10.0.0.1");
    if (!right.allowed) throw new Error("unreachable: fail() checked it");
    await l.succeeded(t.db, right);
    expect(await rowsOf(t.db, "account:ada@example.org")).toEqual([]);
    // The successful attempt itself does not count against the IP; the 4 failures do.
    expect(await rowsOf(t.db, "ip:10.0.0.1")).toHaveLength(4);
    for (let i = 0; i < 2; i++) await fail(l, "ada@example.org", "10.0.0.1");
    expect(await wait(l, "ada@example.org", "10.0.0.2")).toBe(0);
    expect(await wait(l, "ada@example.org", "10.0.0.1")).toBe(15 * MINUTE);
  });

  it("is shared by every app instance on the database, and outlives a restart", async () => {
    const { limiter } = clock();
    // Two instances behind a load balancer: the attacker alternates between them.
    const [a, b] = [limiter(), limiter()];
    for (let i = 0; i < 5; i++) await fail(i % 2 ? a : b, "ada@example.org", "10.0.0.1");
    expect(await wait(a, "ada@example.org", "10.0.0.2")).toBe(15 * MINUTE);
    expect(await wait(b, "ada@example.org", "10.0.0.3")).toBe(15 * MINUTE);
    // A restarted instance keeps no memory of its own: it reads the same rows.
    expect(await wait(limiter(), "ada@example.org", null)).toBe(15 * MINUTE);
  });

  it("prunes failures that left the window, in SQL, as new attempts come in", async () => {
    const { c, limiter } = clock();
    const l = limiter();
    for (let i = 0; i < 30; i++) await fail(l, `flood${i}@example.org`, `192.0.2.${i}`);
    expect(await rowsOf(t.db)).toHaveLength(60);
    c.t += 15 * MINUTE;
    await fail(l, "later@example.org", "10.0.0.1");
    expect((await rowsOf(t.db)).map((r) => r.key).sort()).toEqual([
      "account:later@example.org",
      "ip:10.0.0.1",
    ]);
  });

  it("gives a burst of parallel wrong passwords on one account exactly its 5 tries", async () => {
    const { limiter } = clock();
    const l = limiter();
    const user = await createActor(t.db, "reviewer");
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        try {
          const ok = await verifyCredentials(
            t.db,
            { email: user.email, password: `wrong ${i}` },
            `10.1.0.${i}`,
            l,
          );
          return ok ? "signed in" : "refused";
        } catch (err) {
          if (parseRateLimitedError(err instanceof Error ? err.message : null) === null) throw err;
          return "locked";
        }
      }),
    );
    expect(answers.filter((a) => a === "refused")).toHaveLength(5);
    expect(answers.filter((a) => a === "locked")).toHaveLength(7);
    expect(await rowsOf(t.db, `account:${user.email}`)).toHaveLength(5);
    // The right password is refused too while locked.
    await expect(
      verifyCredentials(t.db, { email: user.email, password: TEST_PASSWORD }, "10.2.0.1", l),
    ).rejects.toThrow(/^RateLimited:15$/);
  });

  it("writes nothing for a malformed sign-in body", async () => {
    const { limiter } = clock();
    expect(await verifyCredentials(t.db, { email: ["x"] }, "10.0.0.1", limiter())).toBeNull();
    expect(
      await t.db.select().from(loginFailures).where(eq(loginFailures.key, "ip:10.0.0.1")),
    ).toEqual([]);
  });
});
