/**
 * The tables of a database as a backup sees them, read from PostgreSQL's catalog (never a list
 * kept by hand: a table or column added by a migration is backed up without an edit here), and
 * how a backup's tables compare with a database's.
 */
import type { BackupHeader } from "./format";
import type { TableReference } from "./order";

export interface CatalogColumn {
  name: string;
  /** `format_type`: the name to cast a value's text to, e.g. "timestamp with time zone". */
  type: string;
  /** Text-like types sort by a collation; rows are ordered under "C" to be the same everywhere. */
  collatable: boolean;
}

/** A table of the `public` schema: its stored columns (generated ones are left out) and key. */
export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  /** The primary key's columns in key order; empty when the table has none. */
  primaryKey: string[];
}

export interface CatalogSequence {
  name: string;
  /** The column that owns it (serial, bigserial or identity), when one does. */
  table: string | null;
  column: string | null;
}

export interface Catalog {
  /** By name. */
  tables: CatalogTable[];
  references: TableReference[];
  sequences: CatalogSequence[];
}

/**
 * What stands between a backup's rows and a database: tables, columns (by name and type) and
 * sequences that one has and the other lacks. Empty when they match; the column order may
 * differ (rows are inserted by name).
 */
export function structureDifferences(header: BackupHeader, catalog: Catalog): string[] {
  const out: string[] = [];
  const tables = new Map(catalog.tables.map((t) => [t.name, t]));
  const inBackup = new Set(header.tables.map((t) => t.name));
  for (const table of header.tables) {
    const target = tables.get(table.name);
    if (!target) {
      out.push(`the database has no table ${table.name}`);
      continue;
    }
    const columns = new Map(target.columns.map((c) => [c.name, c.type]));
    for (const column of table.columns) {
      const type = columns.get(column.name);
      if (type === undefined) out.push(`the database has no column ${table.name}.${column.name}`);
      else if (type !== column.type) {
        out.push(`${table.name}.${column.name} is ${column.type} in the backup, ${type} here`);
      }
    }
    const named = new Set(table.columns.map((c) => c.name));
    for (const column of target.columns) {
      if (!named.has(column.name)) {
        out.push(`the backup has no column ${table.name}.${column.name}`);
      }
    }
  }
  for (const table of catalog.tables) {
    if (!inBackup.has(table.name)) out.push(`the backup has no table ${table.name}`);
  }
  const sequences = new Set(catalog.sequences.map((s) => s.name));
  for (const sequence of header.sequences) {
    if (!sequences.has(sequence.name)) out.push(`the database has no sequence ${sequence.name}`);
  }
  return out;
}

/** A migration as a database records it (drizzle's `__drizzle_migrations`). */
export interface AppliedMigration {
  createdAt: number;
  hash: string;
  applied: number;
}
