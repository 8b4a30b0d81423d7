import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { savedFilters } from "../schema";

export interface SavedFilterRow {
  id: string;
  name: string;
  query: string;
}

const columns = { id: savedFilters.id, name: savedFilters.name, query: savedFilters.query };

/** One person's saved filters, by name. */
export function listSavedFilters(db: Db, userId: string): Promise<SavedFilterRow[]> {
  return db
    .select(columns)
    .from(savedFilters)
    .where(eq(savedFilters.userId, userId))
    .orderBy(sql`lower(${savedFilters.name})`);
}

/** The person's filter of this name, whatever its case (`saved_filters_name_idx`). */
export async function findSavedFilterByName(
  db: Db,
  userId: string,
  name: string,
): Promise<SavedFilterRow | null> {
  const [row] = await db
    .select(columns)
    .from(savedFilters)
    .where(and(eq(savedFilters.userId, userId), sql`lower(${savedFilters.name}) = lower(${name})`));
  return row ?? null;
}

/** One of the person's own filters; null for anyone else's. */
export async function findOwnSavedFilter(
  db: Db,
  userId: string,
  id: string,
): Promise<SavedFilterRow | null> {
  const [row] = await db
    .select(columns)
    .from(savedFilters)
    .where(and(eq(savedFilters.id, id), eq(savedFilters.userId, userId)));
  return row ?? null;
}

export async function insertSavedFilter(
  db: Db,
  values: { userId: string; name: string; query: string },
): Promise<SavedFilterRow> {
  const [row] = await db.insert(savedFilters).values(values).returning(columns);
  if (!row) throw new Error("insert into saved_filters returned no row");
  return row;
}

export async function deleteSavedFilter(db: Db, id: string): Promise<void> {
  await db.delete(savedFilters).where(eq(savedFilters.id, id));
}
