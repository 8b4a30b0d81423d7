/**
 * Sign-in throttling, lock-outs and the end of sessions, through the real credentials check and
 * the real per-request actor on a real database.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { parseRateLimitedError, rateLimitMessage } from "../../lib/core/auth/login-rate-limit";
import { verifyCredentials } from "../../lib/server/auth/credentials";
import { actorForSession } from "../../lib/server/auth/current-actor";
import { LoginRateLimiter } from "../../lib/server/auth/login-throttle";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, TEST_PASSWORD } from "../helpers/fixtures";

const t = freshDatabasePerTest();
const MINUTE = 60_000;

function limiter() {
  const clock = { t: 1_800_000_000_000 };
  const l = new LoginRateLimiter(
    { windowMs: 15 * MINUTE, maxPerAccount: 5, maxPerIp: 20 },
    () => new Date(clock.t),
  );
  return { l, clock };
}

/** What a token issued now for `userId` carries: the id and the user's current version. */
const sessionOf = async (userId: string) => {
  const [row] = await t.db.select().from(users).where(eq(users.id, userId));
  return { userId, sessionVersion: row?.sessionVersion ?? -1 };
};

/** The rate-limit answer as the person sees it, or "refused"/"signed in". */
async function attempt(
  l: LoginRateLimiter,
  email: string,
  password: string,
  ip: string | null = "10.0.0.1",
) {
  try {
    const user = await verifyCredentials(t.db, { email, password }, ip, l);
    return user ? "signed in" : "refused";
  } catch (err) {
    const minutes = parseRateLimitedError(err instanceof Error ? err.message : null);
    if (minutes === null) throw err;
    return rateLimitMessage(minutes);
  }
}

describe("sign-in", () => {
  it("locks an account after 5 wrong passwords, even for the right one, then lets it in", async () => {
    const { l, clock } = limiter();
    const user = await createActor(t.db, "reviewer");
    expect(await attempt(l, user.email, TEST_PASSWORD)).toBe("signed in");
    for (let i = 0; i < 5; i++)
      expect(await attempt(l, user.email, "wrong password")).toBe("refused");
    expect(await attempt(l, user.email, TEST_PASSWORD, "10.9.9.9")).toBe(
      "Too many attempts; try again in 15 minutes.",
    );
    clock.t += 15 * MINUTE;
    expect(await attempt(l, user.email.toUpperCase(), TEST_PASSWORD)).toBe("signed in");
  });

  it("answers a made-up e-mail exactly as a real one", async () => {
    const { l } = limiter();
    const real = await createActor(t.db, "viewer");
    const answers = async (email: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) out.push(await attempt(l, email, "wrong password", null));
      return out;
    };
    expect(await answers("no.such.person@example.org")).toEqual(await answers(real.email));
  });

  it("locks an IP after 20 failures across accounts, but not other addresses", async () => {
    const { l } = limiter();
    const user = await createActor(t.db, "editor");
    for (let i = 0; i < 20; i++) {
      expect(await attempt(l, `guess${i}@example.org`, "wrong password", "203.0.113.5")).toBe(
        "refused",
      );
    }
    expect(await attempt(l, user.email, TEST_PASSWORD, "203.0.113.5")).toMatch(/Too many attempts/);
    expect(await attempt(l, user.email, TEST_PASSWORD, "198.51.100.2")).toBe("signed in");
  });

  it("refuses a disabled user at sign-in and drops their existing session on the next request", async () => {
    const { l } = limiter();
    const user = await createActor(t.db, "editor");
    const session = await sessionOf(user.id);
    expect(await actorForSession(t.db, session)).toMatchObject({ id: user.id, role: "editor" });
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    // A JWT issued before still names the user: the per-request lookup no longer finds an actor.
    expect(await actorForSession(t.db, session)).toBeNull();
    expect(await attempt(l, user.email, TEST_PASSWORD)).toBe("refused");
  });

  it("reads a role change on the next request", async () => {
    const user = await createActor(t.db, "editor");
    const session = await sessionOf(user.id);
    await t.db.update(users).set({ role: "viewer" }).where(eq(users.id, user.id));
    expect(await actorForSession(t.db, session)).toMatchObject({ role: "viewer" });
  });

  it("signs in with the user's session version, and refuses a token of another version", async () => {
    const { l } = limiter();
    const user = await createActor(t.db, "reviewer");
    await t.db.update(users).set({ sessionVersion: 7 }).where(eq(users.id, user.id));
    const signedIn = await verifyCredentials(
      t.db,
      { email: user.email, password: TEST_PASSWORD },
      "10.0.0.1",
      l,
    );
    expect(signedIn).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      sessionVersion: 7,
    });
    expect(await actorForSession(t.db, { userId: user.id, sessionVersion: 7 })).toMatchObject({
      id: user.id,
    });
    for (const sessionVersion of [6, 8, 0]) {
      expect(await actorForSession(t.db, { userId: user.id, sessionVersion })).toBeNull();
    }
    expect(
      await actorForSession(t.db, {
        userId: "6f1c2b7e-8d2a-4c1e-9b1a-0a1b2c3d4e5f",
        sessionVersion: 0,
      }),
    ).toBeNull();
  });
});
