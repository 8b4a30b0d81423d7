import { getTableColumns, type Table } from "drizzle-orm";

/**
 * How db/queries derives its rows from the schema (db/schema.ts infers each table's row type)
 * and checks them against the shapes the core owns (lib/core/claims/shapes.ts,
 * lib/core/evidence/shapes.ts), which the core cannot import from here.
 */

/** A table's columns but some, for `select` and `returning`: the row type is the `Omit` too. */
export function columnsWithout<T extends Table, K extends keyof T["_"]["columns"] & string>(
  table: T,
  ...left: K[]
): Omit<T["_"]["columns"], K> {
  const columns: Partial<T["_"]["columns"]> = { ...getTableColumns(table) };
  for (const key of left) delete columns[key];
  return columns as Omit<T["_"]["columns"], K>;
}

/**
 * `true` when A and B are the same type. Identity rather than assignability both ways, so that
 * an extra, missing or optional field is caught as well as a wrong one.
 */
export type SameShape<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when given `true`: `type _Check = Assert<SameShape<Row, Contract>>`. */
export type Assert<T extends true> = T;
