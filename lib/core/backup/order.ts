/**
 * The order in which tables are written to a backup and loaded from it: every table after the
 * tables its foreign keys point at, so a restore inserts parents before children without
 * deferring or disabling any constraint. Derived from the database's own foreign keys, so a new
 * table or reference needs no edit here.
 */
import { BackupError } from "./errors";

/** One foreign key, at table level: rows of `table` point at rows of `references`. */
export interface TableReference {
  table: string;
  references: string;
}

/**
 * `tables` ordered parents first (Kahn's algorithm). Among tables free at the same step the
 * input order is kept, so the result is stable. References to tables outside `tables` are
 * ignored. A cycle, including a table that refers to itself, has no such order: the rows could
 * not be inserted one table at a time, so it is an error rather than a backup that cannot be
 * restored.
 */
export function orderByForeignKeys(
  tables: readonly string[],
  references: readonly TableReference[],
): string[] {
  const known = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const ref of references) {
    if (!known.has(ref.table) || !known.has(ref.references)) continue;
    parents.get(ref.table)?.add(ref.references);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0) {
      const stuck = tables.filter((t) => !placed.has(t));
      throw new BackupError(
        `the foreign keys of ${stuck.join(", ")} form a cycle, so no order loads them one ` +
          "table at a time; a backup cannot be taken of this schema",
      );
    }
    for (const t of ready) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

/**
 * The first foreign key that `order` breaks (a table listed before a table it refers to), or
 * null when loading the tables in this order satisfies every reference among them.
 */
export function firstOrderViolation(
  order: readonly string[],
  references: readonly TableReference[],
): TableReference | null {
  const position = new Map(order.map((t, i) => [t, i]));
  for (const ref of references) {
    const child = position.get(ref.table);
    const parent = position.get(ref.references);
    if (child === undefined || parent === undefined) continue;
    if (parent >= child) return ref;
  }
  return null;
}
