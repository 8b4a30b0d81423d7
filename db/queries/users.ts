import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Role } from "@/lib/core/vocabulary";
import type { Db } from "../client";
import { type User, users } from "../schema";

/** The columns any page may see of a user: never the password hash. */
const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  credentials: users.credentials,
  role: users.role,
  mustChangePassword: users.mustChangePassword,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

type PublicUser = Pick<User, keyof typeof publicColumns>;

export async function findUserById(db: Db, id: string): Promise<PublicUser | null> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

/** Display names of several users at once, by id. */
export async function findUserNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The user behind a session, with the session version its token must carry: for the per-request
 * actor only (pages get `PublicUser`, without the version).
 */
export async function findSessionUser(db: Db, id: string) {
  const [row] = await db
    .select({ ...publicColumns, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

/** The password hash of one user, for checking their current password before a change. */
export async function findPasswordHash(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id));
  return row?.passwordHash ?? null;
}

/**
 * A new password hash, and whether it is temporary; also ends every session of the user (the
 * version moves on). Returns the new session version, or null when there is no such user.
 */
export async function setUserPassword(
  db: Db,
  id: string,
  values: { passwordHash: string; mustChangePassword: boolean },
): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({
      passwordHash: values.passwordHash,
      mustChangePassword: values.mustChangePassword,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? null;
}

/** A user's display name and professional credentials. */
export async function updateUserProfile(
  db: Db,
  id: string,
  values: { name: string; credentials: string },
): Promise<void> {
  await db
    .update(users)
    .set({ name: values.name, credentials: values.credentials, updatedAt: new Date() })
    .where(eq(users.id, id));
}

/** For sign-in only: the one query that reads a password hash. */
export async function findUserCredentialsByEmail(db: Db, email: string) {
  const [row] = await db
    .select({
      ...publicColumns,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

export function listUsers(db: Db): Promise<PublicUser[]> {
  return db.select(publicColumns).from(users).orderBy(asc(users.name), asc(users.email));
}

/** Users who can review claims (reviewer or above, not disabled), by name. */
export function listAssignableUsers(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(sql`${users.role} <> 'viewer' AND ${users.disabledAt} IS NULL`)
    .orderBy(asc(users.name));
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(sql`${users.role} = 'admin' AND ${users.disabledAt} IS NULL`);
  return row?.n ?? 0;
}

export async function insertUser(
  db: Db,
  values: {
    email: string;
    name: string;
    passwordHash: string;
    role: Role;
    credentials?: string;
    mustChangePassword?: boolean;
  },
): Promise<PublicUser> {
  const [row] = await db.insert(users).values(values).returning(publicColumns);
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateUserRole(db: Db, id: string, role: Role): Promise<void> {
  await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id));
}

/**
 * Ends every session of the user: tokens carrying an older version are refused from the next
 * request on. With `expected`, only if the version is still that one (a stale token cannot end
 * the sessions of a newer sign-in). Returns the new version, or null when nothing changed.
 */
export async function bumpSessionVersion(
  db: Db,
  id: string,
  expected?: number,
): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(
      expected === undefined
        ? eq(users.id, id)
        : and(eq(users.id, id), eq(users.sessionVersion, expected)),
    )
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? null;
}

/**
 * Disables (with the time) or re-enables a user. Disabling also ends their sessions, so that
 * re-enabling later does not bring back a token issued before. Returns the row as it is now.
 */
export async function setUserDisabled(
  db: Db,
  id: string,
  disabledAt: Date | null,
): Promise<{ disabledAt: Date | null; sessionVersion: number } | null> {
  const [row] = await db
    .update(users)
    .set({
      disabledAt,
      updatedAt: new Date(),
      ...(disabledAt ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
    })
    .where(eq(users.id, id))
    .returning({ disabledAt: users.disabledAt, sessionVersion: users.sessionVersion });
  return row ?? null;
}

/**
 * Serialises "is this the first user?" decisions (setup) across connections and instances:
 * a transaction-scoped advisory lock, released at commit.
 */
export async function lockUsersForSetup(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7250301627)`);
}
