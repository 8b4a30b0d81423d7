/**
 * Ending sessions: a session token carries the user's session version; sign-out and disabling
 * move the version on, and every request compares (actorForSession). On a real database, with
 * next-auth's own callbacks making the token and the session.
 */
import { eq } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditEvents, users } from "../../db/schema";
import { executeAction } from "../../lib/server/action";
import { verifyCredentials } from "../../lib/server/auth/credentials";
import { actorForSession } from "../../lib/server/auth/current-actor";
import { LoginRateLimiter } from "../../lib/server/auth/login-throttle";
import { authOptions } from "../../lib/server/auth/options";
import { endSessionsOnSignOut, sessionClaimsOf } from "../../lib/server/auth/sessions";
import { disableUser, enableUser } from "../../lib/services/users/service";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, TEST_PASSWORD } from "../helpers/fixtures";

const t = freshDatabasePerTest();

/**
 * Signs in as next-auth does: the credentials check, then the `jwt` callback with the user
 * (what goes into the cookie), then the `session` callback (what getCurrentActor reads).
 */
async function signIn(db: Db, email: string) {
  const user = await verifyCredentials(
    db,
    { email, password: TEST_PASSWORD },
    "10.0.0.1",
    new LoginRateLimiter(),
  );
  if (!user) throw new Error(`${email} could not sign in`);
  const jwt = authOptions.callbacks?.jwt;
  const session = authOptions.callbacks?.session;
  if (!jwt || !session) throw new Error("authOptions lost its callbacks");
  // next-auth sets `sub` from the user's id before calling the callback.
  const token = (await jwt({ token: { sub: user.id }, user, account: null })) as JWT;
  // A later request: next-auth calls the callback with the token alone.
  const refreshed = (await jwt({
    token: { ...token },
    user: undefined as never,
    account: null,
  })) as JWT;
  const read = await session({
    session: { user: { name: user.name }, expires: "" },
    token: refreshed,
    user: undefined as never,
    newSession: undefined,
    trigger: "update",
  });
  const claims = read.user as { id?: string; sessionVersion?: number };
  return {
    token: refreshed,
    claims: { userId: claims.id ?? "", sessionVersion: claims.sessionVersion ?? -1 },
  };
}

const versionOf = async (db: Db, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)))[0]?.sessionVersion;
const signOutEvents = (db: Db) =>
  db.select().from(auditEvents).where(eq(auditEvents.action, "user.signout"));

describe("session tokens", () => {
  it("carry the user id and session version from sign-in through next-auth's callbacks", async () => {
    const user = await createActor(t.db, "reviewer");
    await t.db.update(users).set({ sessionVersion: 3 }).where(eq(users.id, user.id));
    const { token, claims } = await signIn(t.db, user.email);
    expect(token).toMatchObject({ sub: user.id, sv: 3 });
    expect(claims).toEqual({ userId: user.id, sessionVersion: 3 });
    expect(await actorForSession(t.db, claims)).toMatchObject({ id: user.id, role: "reviewer" });
  });

  it("are refused without a version (tokens from before versions existed) or with a bad one", () => {
    expect(sessionClaimsOf({ sub: "u1", sv: 0 })).toEqual({ userId: "u1", sessionVersion: 0 });
    for (const token of [
      { sub: "u1" },
      { sub: "u1", sv: "0" },
      { sub: "u1", sv: 1.5 },
      { sub: "u1", sv: -1 },
      { sub: "", sv: 0 },
      { sv: 0 },
      null,
      "u1",
    ]) {
      expect(sessionClaimsOf(token), JSON.stringify(token)).toBeNull();
    }
  });
});

describe("sign-out", () => {
  it("ends every session of the user, a copied token too, with an audit event", async () => {
    const user = await createActor(t.db, "editor");
    const here = await signIn(t.db, user.email);
    const elsewhere = await signIn(t.db, user.email);
    // A copy of the cookie taken before sign-out, in someone else's browser.
    const stolen = structuredClone(here.token);
    expect(await actorForSession(t.db, elsewhere.claims)).toMatchObject({ id: user.id });

    expect(await endSessionsOnSignOut(t.db, here.token)).toBe(true);

    for (const claims of [here.claims, elsewhere.claims, sessionClaimsOf(stolen)]) {
      expect(claims).not.toBeNull();
      if (claims) expect(await actorForSession(t.db, claims)).toBeNull();
    }
    expect(await versionOf(t.db, user.id)).toBe(1);
    expect(await signOutEvents(t.db)).toMatchObject([
      {
        actorId: user.id,
        entityType: "user",
        entityId: user.id,
        before: { sessionVersion: 0 },
        after: { sessionVersion: 1 },
      },
    ]);
    // Signing in again gives a token for the new version.
    const again = await signIn(t.db, user.email);
    expect(again.claims.sessionVersion).toBe(1);
    expect(await actorForSession(t.db, again.claims)).toMatchObject({ id: user.id });
  });

  it("does nothing for a token that is already void: it cannot end a newer sign-in", async () => {
    const user = await createActor(t.db, "viewer");
    const old = await signIn(t.db, user.email);
    expect(await endSessionsOnSignOut(t.db, old.token)).toBe(true);
    const fresh = await signIn(t.db, user.email);
    // Replaying the old token's sign-out changes nothing and writes no event.
    expect(await endSessionsOnSignOut(t.db, old.token)).toBe(false);
    expect(await actorForSession(t.db, fresh.claims)).toMatchObject({ id: user.id });
    expect(await versionOf(t.db, user.id)).toBe(1);
    expect(await signOutEvents(t.db)).toHaveLength(1);
    // Nor does a token without claims.
    expect(await endSessionsOnSignOut(t.db, { sub: user.id })).toBe(false);
    expect(await endSessionsOnSignOut(t.db, null)).toBe(false);
    expect(await versionOf(t.db, user.id)).toBe(1);
  });
});

describe("disabling an account", () => {
  it("drops its sessions at once, and they stay dropped when it is enabled again", async () => {
    const admin = await createActor(t.db, "admin");
    const user = await createActor(t.db, "reviewer");
    const before = await signIn(t.db, user.email);
    const as = { db: t.db, actor: admin };

    expect(await executeAction(disableUser, as, { userId: user.id })).toEqual({
      ok: true,
      data: { id: user.id, disabled: true },
    });
    expect(await actorForSession(t.db, before.claims)).toBeNull();
    await expect(signIn(t.db, user.email)).rejects.toThrow(/could not sign in/);

    expect(await executeAction(enableUser, as, { userId: user.id })).toEqual({
      ok: true,
      data: { id: user.id, disabled: false },
    });
    // The token from before the disabling does not come back to life.
    expect(await actorForSession(t.db, before.claims)).toBeNull();
    const after = await signIn(t.db, user.email);
    expect(after.claims.sessionVersion).toBe(before.claims.sessionVersion + 1);
    expect(await actorForSession(t.db, after.claims)).toMatchObject({ id: user.id });
  });
});
