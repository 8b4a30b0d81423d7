import "server-only";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Role } from "@/lib/domain/vocabulary";
import type { Db } from "../client";
import { users } from "../schema";

/** The columns any page may see of a user: never the password hash. */
const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export type PublicUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
};

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

/** For sign-in only: the one query that reads a password hash. */
export async function findUserCredentialsByEmail(db: Db, email: string) {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
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
  values: { email: string; name: string; passwordHash: string; role: Role },
): Promise<PublicUser> {
  const [row] = await db.insert(users).values(values).returning(publicColumns);
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateUserRole(db: Db, id: string, role: Role): Promise<void> {
  await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id));
}

/**
 * Serialises "is this the first user?" decisions (setup) across connections and instances:
 * a transaction-scoped advisory lock, released at commit.
 */
export async function lockUsersForSetup(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7250301627)`);
}
