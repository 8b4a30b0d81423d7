/**
 * Accounts on a real database: changing your own password, an admin's reset to a temporary
 * password (and the server refusing everything else until it is replaced), unlocking an account
 * the sign-in throttle refuses, and editing names and credentials — each audited.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { auditEvents, users } from "../../db/schema";
import { type Actor, PASSWORD_CHANGE_REQUIRED_MESSAGE } from "../../lib/core/auth/permissions";
import { type ActionDefinition, executeAction } from "../../lib/server/action";
import { verifyCredentials } from "../../lib/server/auth/credentials";
import { actorForSession } from "../../lib/server/auth/current-actor";
import { LoginRateLimiter } from "../../lib/server/auth/login-throttle";
import { verifyPassword } from "../../lib/server/auth/password";
import { getArticleForApi } from "../../lib/services/articles/read";
import { addComment } from "../../lib/services/comments/service";
import {
  changeOwnPassword,
  resetUserPassword,
  unlockUser,
} from "../../lib/services/users/passwords";
import { updateOwnProfile, updateUserProfileByAdmin } from "../../lib/services/users/profile";
import { listUsersForAdmin } from "../../lib/services/users/read";
import { createUser } from "../../lib/services/users/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle, ok, TEST_PASSWORD } from "../helpers/fixtures";

const t = freshDatabasePerTest();
const run = <R>(def: ActionDefinition<z.ZodType, R>, actor: Actor | null, input: unknown) =>
  executeAction(def, { db: t.db, actor }, input);

const row = async (id: string) => {
  const [u] = await t.db.select().from(users).where(eq(users.id, id));
  if (!u) throw new Error("no such user");
  return u;
};
const eventsOf = (action: string, entityId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

/** The actor as a request with a token of `sessionVersion` would see it (null: refused). */
const asSession = (userId: string, sessionVersion: number) =>
  actorForSession(t.db, { userId, sessionVersion });

const NEW_PASSWORD = "a brand new password";
const change = (current: string, next = NEW_PASSWORD) => ({
  currentPassword: current,
  newPassword: next,
  confirmPassword: next,
});

describe("changing your own password", () => {
  it("needs the current password, ends every older session and is audited without secrets", async () => {
    const me = await createActor(t.db, "reviewer");
    const before = await row(me.id);
    expect(await asSession(me.id, before.sessionVersion)).not.toBeNull();

    const result = await ok(run(changeOwnPassword, me, change(TEST_PASSWORD)));
    expect(result).toEqual({ id: me.id, sessionVersion: before.sessionVersion + 1 });

    const after = await row(me.id);
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash, TEST_PASSWORD)).toBe(false);
    // Every token issued before (the other devices) is refused from now on; the browser that
    // asked gets the new version (lib/server/auth/session-cookie.ts), which is accepted.
    expect(await asSession(me.id, before.sessionVersion)).toBeNull();
    expect(await asSession(me.id, result.sessionVersion)).toMatchObject({ id: me.id });

    const [event, ...more] = await eventsOf("account.change_password", me.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorId: me.id,
      entityType: "user",
      before: { sessionVersion: before.sessionVersion },
      after: { sessionVersion: before.sessionVersion + 1, mustChangePassword: false },
    });
    expect(JSON.stringify(event)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(event)).not.toContain("argon2");
  });

  it("refuses a wrong current password next to its field, changing nothing", async () => {
    const me = await createActor(t.db, "viewer");
    const before = await row(me.id);
    const result = await run(changeOwnPassword, me, change("not my password"));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: { currentPassword: ["That is not your current password."] },
      },
    });
    expect(await row(me.id)).toEqual(before);
    expect(await eventsOf("account.change_password", me.id)).toEqual([]);
  });

  it("refuses a short new password, two that differ, or the same one again", async () => {
    const me = await createActor(t.db, "viewer");
    const fields = async (input: unknown) => {
      const r = await run(changeOwnPassword, me, input);
      return r.ok ? null : Object.keys(r.error.fieldErrors ?? {});
    };
    expect(await fields(change(TEST_PASSWORD, "short"))).toContain("newPassword");
    expect(
      await fields({ ...change(TEST_PASSWORD), confirmPassword: "something else entirely" }),
    ).toEqual(["confirmPassword"]);
    expect(await fields(change(TEST_PASSWORD, TEST_PASSWORD))).toEqual(["newPassword"]);
    expect(await verifyPassword((await row(me.id)).passwordHash, TEST_PASSWORD)).toBe(true);
  });
});

describe("temporary passwords", () => {
  it("a new user and a reset user must choose a new password, and are refused all else", async () => {
    const admin = await createActor(t.db, "admin");
    const editor = await createActor(t.db, "editor");
    const article = await importArticle(t.db, editor);
    const claim = await claimQuote(t.db, await createActor(t.db, "reviewer"), article.revisionId);

    const created = await ok(
      run(createUser, admin, {
        name: "Rhea Reviewer",
        email: "rhea@example.org",
        password: "temporary password 1",
        role: "reviewer",
      }),
    );
    expect((await row(created.id)).mustChangePassword).toBe(true);

    const rhea = await asSession(created.id, (await row(created.id)).sessionVersion);
    expect(rhea).toMatchObject({ id: created.id, mustChangePassword: true });
    if (!rhea) throw new Error("no session");
    // Refused on the server: an action her role allows, and a read.
    expect(await run(addComment, rhea, { claimId: claim.id, body: "Hello" })).toEqual({
      ok: false,
      error: { code: "forbidden", message: PASSWORD_CHANGE_REQUIRED_MESSAGE },
    });
    await expect(getArticleForApi(t.db, rhea, article.slug)).rejects.toMatchObject({
      code: "forbidden",
    });
    // Choosing her own password is the one thing allowed; then everything her role allows is.
    await ok(run(changeOwnPassword, rhea, change("temporary password 1")));
    const rheaNow = await asSession(created.id, (await row(created.id)).sessionVersion);
    expect(rheaNow).toMatchObject({ mustChangePassword: false });
    if (!rheaNow) throw new Error("no session");
    await ok(run(addComment, rheaNow, { claimId: claim.id, body: "Hello" }));

    // An admin resets it: her sessions end, the temporary password signs in, the old does not.
    const versionBefore = (await row(created.id)).sessionVersion;
    const reset = await run(resetUserPassword, admin, {
      userId: created.id,
      temporaryPassword: "temporary password 2",
    });
    expect(reset).toMatchObject({ ok: true, data: { mustChangePassword: true } });
    const afterReset = await row(created.id);
    expect(afterReset.mustChangePassword).toBe(true);
    expect(await asSession(created.id, versionBefore)).toBeNull();
    const limiter = new LoginRateLimiter();
    const signIn = (password: string) =>
      verifyCredentials(t.db, { email: "rhea@example.org", password }, null, limiter);
    expect(await signIn(NEW_PASSWORD)).toBeNull();
    expect(await signIn("temporary password 2")).toMatchObject({ id: created.id });
    const again = await asSession(created.id, afterReset.sessionVersion);
    if (!again) throw new Error("no session");
    expect(await run(addComment, again, { claimId: claim.id, body: "Again" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await eventsOf("user.reset_password", created.id)).toMatchObject([
      { actorId: admin.id, after: { mustChangePassword: true } },
    ]);
  });

  it("refuses a reset of your own password, and a reset by a non-admin", async () => {
    const admin = await createActor(t.db, "admin");
    const editor = await createActor(t.db, "editor");
    const input = { userId: admin.id, temporaryPassword: "temporary password 3" };
    expect(await run(resetUserPassword, admin, input)).toMatchObject({
      ok: false,
      error: { code: "rule" },
    });
    expect(await run(resetUserPassword, editor, input)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect((await row(admin.id)).mustChangePassword).toBe(false);
  });
});

describe("locked accounts", () => {
  it("shows an account the throttle refuses as locked, and unlocking lets it sign in", async () => {
    const admin = await createActor(t.db, "admin");
    const target = await createActor(t.db, "reviewer");
    const limiter = new LoginRateLimiter();
    const signIn = (password: string) =>
      verifyCredentials(t.db, { email: target.email, password }, null, limiter);
    const locked = async () =>
      (await listUsersForAdmin(t.db, admin)).find((u) => u.id === target.id)?.locked;

    for (let i = 0; i < limiter.options.maxPerAccount - 1; i++) {
      expect(await signIn("wrong password")).toBeNull();
    }
    expect(await locked()).toBe(false);
    expect(await signIn("wrong password")).toBeNull();
    expect(await locked()).toBe(true);
    await expect(signIn(TEST_PASSWORD)).rejects.toThrow();

    const result = await ok(run(unlockUser, admin, { userId: target.id }));
    expect(result).toMatchObject({ cleared: limiter.options.maxPerAccount });
    expect(await locked()).toBe(false);
    expect(await signIn(TEST_PASSWORD)).toMatchObject({ id: target.id });
    expect(await eventsOf("user.unlock", target.id)).toMatchObject([
      {
        actorId: admin.id,
        before: { failedSignIns: limiter.options.maxPerAccount },
        after: { failedSignIns: 0 },
      },
    ]);
    expect(await run(unlockUser, target, { userId: target.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });
});

describe("names and credentials", () => {
  it("a user edits their own, an admin anyone's; both audited with before and after", async () => {
    const admin = await createActor(t.db, "admin");
    const me = await createActor(t.db, "reviewer", "Jane Doe");
    await ok(run(updateOwnProfile, me, { name: " Dr Jane Doe ", credentials: "MD, nephrologist" }));
    expect(await row(me.id)).toMatchObject({
      name: "Dr Jane Doe",
      credentials: "MD, nephrologist",
    });
    expect(await eventsOf("account.update_profile", me.id)).toMatchObject([
      {
        actorId: me.id,
        before: { name: "Jane Doe", credentials: "" },
        after: { name: "Dr Jane Doe", credentials: "MD, nephrologist" },
      },
    ]);
    // The same values again change nothing and write no event.
    expect(
      await ok(run(updateOwnProfile, me, { name: "Dr Jane Doe", credentials: "MD, nephrologist" })),
    ).toMatchObject({ changed: false });
    expect(await eventsOf("account.update_profile", me.id)).toHaveLength(1);

    await ok(
      run(updateUserProfileByAdmin, admin, {
        userId: me.id,
        name: "Dr Jane Doe",
        credentials: "MD, PhD, nephrologist",
      }),
    );
    expect((await row(me.id)).credentials).toBe("MD, PhD, nephrologist");
    expect(await eventsOf("user.update_profile", me.id)).toMatchObject([
      { actorId: admin.id, after: { credentials: "MD, PhD, nephrologist" } },
    ]);

    expect(await run(updateOwnProfile, me, { name: "  ", credentials: "" })).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { name: ["Name is required."] } },
    });
    expect(
      await run(updateUserProfileByAdmin, me, { userId: admin.id, name: "X", credentials: "" }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
