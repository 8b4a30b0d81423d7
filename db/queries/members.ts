import "server-only";
import { and, asc, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

/** A LIKE pattern matching `value` literally. */
const literal = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Workspace members for the @-mention picker: active accounts (not disabled) whose name has a
 * word starting with `q` (any of them for an empty `q`), by name.
 */
export async function searchMembers(db: Db, q: string, limit: number) {
  const term = literal(q.trim().toLowerCase());
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        isNull(users.disabledAt),
        term
          ? or(
              sql`lower(${users.name}) LIKE ${`${term}%`}`,
              sql`lower(${users.name}) LIKE ${`% ${term}%`}`,
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .limit(limit);
}

/** Those of `ids` that are active members, with their current names. */
export async function findActiveMembers(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.id, [...ids]), isNull(users.disabledAt)));
}

/** The current names of some users, by id (disabled ones included: a mention still reads). */
export async function findMemberNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
