/** First-run setup and the admin's user management, on a real database. */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "../../db/client";
import { auditEvents, users } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { verifyPassword } from "../../lib/server/auth/password";
import {
  changeUserRole,
  createUser,
  disableUser,
  enableUser,
  setupFirstAdmin,
} from "../../lib/services/users/service";
import { createTestDatabase } from "../helpers/db";
import { createActor } from "../helpers/fixtures";

/** Runs `fn` on a database of its own, closed afterwards (setup needs an empty one). */
async function withDatabase(fn: (db: Db) => Promise<void>) {
  const own = await createTestDatabase();
  try {
    await fn(own.db);
  } finally {
    await own.close();
  }
}

const ADMIN = { name: "Ada Admin", email: " Ada@Example.org ", password: "correct horse battery" };

const userCount = async (db: Db) => (await db.select({ n: count() }).from(users))[0]?.n;
const eventsOf = (db: Db, action: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.action, action));

describe("first-run setup and the last admin", () => {
  it("creates the first admin once, refuses setup afterwards, and keeps a last admin", async () => {
    await withDatabase(async (db) => {
      const first = await executeAction(setupFirstAdmin, { db, actor: null }, ADMIN);
      expect(first).toMatchObject({ ok: true, data: { email: "ada@example.org" } });
      const [row] = await db.select().from(users);
      expect(row).toMatchObject({ email: "ada@example.org", name: "Ada Admin", role: "admin" });
      expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row?.passwordHash ?? "", ADMIN.password)).toBe(true);
      expect(await eventsOf(db, "user.setup")).toMatchObject([
        { actorId: row?.id, entityId: row?.id, after: { role: "admin" } },
      ]);

      const again = await executeAction(
        setupFirstAdmin,
        { db, actor: null },
        { ...ADMIN, email: "mallory@example.org" },
      );
      expect(again).toEqual({
        ok: false,
        error: { code: "forbidden", message: "Setup is already done. Sign in with your account." },
      });
      expect(await userCount(db)).toBe(1);
      expect(await eventsOf(db, "user.setup")).toHaveLength(1);

      const run = (def: Parameters<typeof executeAction>[0], actor: Actor, input: unknown) =>
        executeAction(def, { db, actor }, input);
      // The first admin is the only one: they cannot demote themselves, nor can anyone.
      if (!row) throw new Error("setup wrote no user");
      const only: Actor = { id: row.id, email: row.email, name: row.name, role: row.role };
      const refused = await run(changeUserRole, only, { userId: only.id, role: "editor" });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: "rule",
          message: "This is the last admin: make someone else an admin first.",
        },
      });
      expect((await db.select().from(users).where(eq(users.id, only.id)))[0]?.role).toBe("admin");

      const second = await createActor(db, "editor");
      expect(await run(changeUserRole, only, { userId: second.id, role: "admin" })).toMatchObject({
        ok: true,
      });
      // Actions take the actor as read from the database on each request: now an admin.
      const secondAdmin = { ...second, role: "admin" as const };
      expect(
        await run(changeUserRole, secondAdmin, { userId: only.id, role: "viewer" }),
      ).toMatchObject({ ok: true });
      // Now `second` is the last admin, and the former admin no longer manages users.
      expect(
        await run(changeUserRole, secondAdmin, { userId: second.id, role: "viewer" }),
      ).toMatchObject({ ok: false, error: { code: "rule" } });
      const demoted = { ...only, role: "viewer" as const };
      expect(
        await run(changeUserRole, demoted, { userId: second.id, role: "viewer" }),
      ).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const admins = await db.select().from(users).where(eq(users.role, "admin"));
      expect(admins.map((u) => u.id)).toEqual([second.id]);
    });
  });

  it("makes exactly one admin when two setups race", async () => {
    await withDatabase(async (db) => {
      const results = await Promise.all(
        ["first@example.org", "second@example.org"].map((email) =>
          executeAction(setupFirstAdmin, { db, actor: null }, { ...ADMIN, email }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([
        { ok: false, error: expect.objectContaining({ code: "forbidden" }) },
      ]);
      expect(await db.select({ role: users.role }).from(users)).toEqual([{ role: "admin" }]);
    });
  });
});

describe("user management", () => {
  let handle: DbHandle;
  let admin: Actor;
  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createActor(handle.db, "admin");
  });
  afterAll(async () => {
    await handle?.close();
  });
  const run = (def: Parameters<typeof executeAction>[0], actor: Actor | null, input: unknown) =>
    executeAction(def, { db: handle.db, actor }, input);

  it("lets an admin create a user, with a hashed password and an audit event", async () => {
    const result = await run(createUser, admin, {
      name: "Rita Reviewer",
      email: "Rita@Example.org",
      password: "a long enough password",
      role: "reviewer",
    });
    expect(result).toMatchObject({
      ok: true,
      data: { email: "rita@example.org", name: "Rita Reviewer", role: "reviewer" },
    });
    const [row] = await handle.db.select().from(users).where(eq(users.email, "rita@example.org"));
    expect(await verifyPassword(row?.passwordHash ?? "", "a long enough password")).toBe(true);
    expect(await eventsOf(handle.db, "user.create")).toMatchObject([
      { actorId: admin.id, entityId: row?.id, after: { email: "rita@example.org" } },
    ]);
  });

  it("refuses a duplicate e-mail, in any case, with a clear error next to the field", async () => {
    const input = {
      name: "Dup",
      email: "dup@example.org",
      password: "a long enough password",
      role: "viewer",
    };
    expect(await run(createUser, admin, input)).toMatchObject({ ok: true });
    const before = await userCount(handle.db);
    for (const email of ["dup@example.org", " DUP@Example.ORG "]) {
      const result = await run(createUser, admin, { ...input, email, name: "Dup again" });
      expect(result, email).toEqual({
        ok: false,
        error: {
          code: "validation",
          message: "An account with this e-mail already exists.",
          fieldErrors: { email: ["An account with this e-mail already exists."] },
        },
      });
    }
    expect(await userCount(handle.db)).toBe(before);
  });

  it("refuses the duplicate of two simultaneous creations with the same clear error", async () => {
    const input = {
      name: "Twin",
      email: "twin@example.org",
      password: "a long enough password",
      role: "viewer",
    };
    const results = await Promise.all([
      run(createUser, admin, input),
      run(createUser, admin, input),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { email: [expect.any(String)] } },
    });
    const rows = await handle.db.select().from(users).where(eq(users.email, "twin@example.org"));
    expect(rows).toHaveLength(1);
  });

  it("lets only an admin manage users", async () => {
    const target = await createActor(handle.db, "viewer");
    const input = {
      name: "Nope",
      email: "nope@example.org",
      password: "a long enough password",
      role: "admin",
    };
    for (const role of ["viewer", "reviewer", "editor"] as const) {
      const actor = await createActor(handle.db, role);
      expect(await run(createUser, actor, input), role).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      expect(
        await run(changeUserRole, actor, { userId: target.id, role: "admin" }),
        role,
      ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await run(createUser, null, input)).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    expect(await handle.db.select().from(users).where(eq(users.email, "nope@example.org"))).toEqual(
      [],
    );
    const [row] = await handle.db.select().from(users).where(eq(users.id, target.id));
    expect(row?.role).toBe("viewer");
  });

  it("changes a role with an audit event, and does nothing for the same role", async () => {
    const target = await createActor(handle.db, "viewer");
    const result = await run(changeUserRole, admin, { userId: target.id, role: "editor" });
    expect(result).toEqual({ ok: true, data: { id: target.id, role: "editor" } });
    const [row] = await handle.db.select().from(users).where(eq(users.id, target.id));
    expect(row?.role).toBe("editor");
    const events = (await eventsOf(handle.db, "user.change_role")).filter(
      (e) => e.entityId === target.id,
    );
    expect(events).toMatchObject([
      { actorId: admin.id, before: { role: "viewer" }, after: { role: "editor" } },
    ]);
    expect(await run(changeUserRole, admin, { userId: target.id, role: "editor" })).toMatchObject({
      ok: true,
    });
    expect(
      (await eventsOf(handle.db, "user.change_role")).filter((e) => e.entityId === target.id),
    ).toHaveLength(1);
  });

  it("reports an unknown user", async () => {
    const result = await run(changeUserRole, admin, {
      userId: "6f1c2b7e-8d2a-4c1e-9b1a-0a1b2c3d4e5f",
      role: "viewer",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("disabling and enabling accounts", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });
  const run = (def: Parameters<typeof executeAction>[0], actor: Actor | null, input: unknown) =>
    executeAction(def, { db: handle.db, actor }, input);
  const rowOf = async (id: string) =>
    (await handle.db.select().from(users).where(eq(users.id, id)))[0];
  const eventsFor = async (action: string, id: string) =>
    (await eventsOf(handle.db, action)).filter((e) => e.entityId === id);

  it("disables with an audit event (before/after), and enables again", async () => {
    const admin = await createActor(handle.db, "admin");
    const target = await createActor(handle.db, "editor");
    expect(await run(disableUser, admin, { userId: target.id })).toEqual({
      ok: true,
      data: { id: target.id, disabled: true },
    });
    const disabled = await rowOf(target.id);
    expect(disabled?.disabledAt).toBeInstanceOf(Date);
    expect(disabled?.sessionVersion).toBe(1);
    expect(await eventsFor("user.disable", target.id)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        entityType: "user",
        before: { disabledAt: null, sessionVersion: 0 },
        after: { disabledAt: disabled?.disabledAt?.toISOString(), sessionVersion: 1 },
      }),
    ]);
    // Disabling again changes nothing and writes no second event.
    expect(await run(disableUser, admin, { userId: target.id })).toMatchObject({ ok: true });
    expect(await eventsFor("user.disable", target.id)).toHaveLength(1);

    expect(await run(enableUser, admin, { userId: target.id })).toEqual({
      ok: true,
      data: { id: target.id, disabled: false },
    });
    const enabled = await rowOf(target.id);
    expect(enabled?.disabledAt).toBeNull();
    expect(enabled?.sessionVersion).toBe(1);
    expect(await eventsFor("user.enable", target.id)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        before: { disabledAt: disabled?.disabledAt?.toISOString() },
        after: { disabledAt: null },
      }),
    ]);
    expect(await run(enableUser, admin, { userId: target.id })).toMatchObject({ ok: true });
    expect(await eventsFor("user.enable", target.id)).toHaveLength(1);
  });

  it("refuses to disable oneself, with a clear message, and changes nothing", async () => {
    const admin = await createActor(handle.db, "admin");
    await createActor(handle.db, "admin");
    expect(await run(disableUser, admin, { userId: admin.id })).toEqual({
      ok: false,
      error: { code: "rule", message: "You cannot disable your own account: ask another admin." },
    });
    expect((await rowOf(admin.id))?.disabledAt).toBeNull();
    expect(await eventsFor("user.disable", admin.id)).toEqual([]);
  });

  it("never disables the last active admin", async () => {
    await withDatabase(async (db) => {
      const [a, b] = [await createActor(db, "admin"), await createActor(db, "admin")];
      const exec = (actor: Actor, userId: string) =>
        executeAction(disableUser, { db, actor }, { userId });
      // `a` was disabled meanwhile (say, in another tab) but still holds the old actor: `b` is
      // now the last active admin.
      expect(await exec(b, a.id)).toMatchObject({ ok: true });
      expect(await exec(a, b.id)).toEqual({
        ok: false,
        error: {
          code: "rule",
          message: "This is the last active admin: make someone else an admin first.",
        },
      });
      const active = await db.select().from(users).where(eq(users.role, "admin"));
      expect(active.filter((u) => u.disabledAt === null).map((u) => u.id)).toEqual([b.id]);
    });
  });

  it("keeps one active admin when two admins disable each other at the same moment", async () => {
    await withDatabase(async (db) => {
      const [a, b] = [await createActor(db, "admin"), await createActor(db, "admin")];
      const results = await Promise.all([
        executeAction(disableUser, { db, actor: a }, { userId: b.id }),
        executeAction(disableUser, { db, actor: b }, { userId: a.id }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: "rule" } });
      const admins = await db.select().from(users).where(eq(users.role, "admin"));
      expect(admins.filter((u) => u.disabledAt === null)).toHaveLength(1);
    });
  });

  it("lets another admin demote a disabled admin (not one of the active admins)", async () => {
    await withDatabase(async (db) => {
      const [a, b] = [await createActor(db, "admin"), await createActor(db, "admin")];
      expect(await executeAction(disableUser, { db, actor: a }, { userId: b.id })).toMatchObject({
        ok: true,
      });
      expect(
        await executeAction(changeUserRole, { db, actor: a }, { userId: b.id, role: "viewer" }),
      ).toMatchObject({ ok: true, data: { role: "viewer" } });
    });
  });

  it("reports an unknown user", async () => {
    const admin = await createActor(handle.db, "admin");
    for (const def of [disableUser, enableUser]) {
      expect(
        await run(def, admin, { userId: "6f1c2b7e-8d2a-4c1e-9b1a-0a1b2c3d4e5f" }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
  });
});
