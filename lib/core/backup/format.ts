/**
 * The Claimdesk backup file, version 1: gzip'd JSON lines, the same for PGlite and PostgreSQL
 * (a PGlite backup restores into PostgreSQL and back).
 *
 * - Line 1, the header (`BackupHeader`): format and version, the app's version, when it was
 *   taken, the engine it came from, the last migration applied to that database, the session
 *   settings the values were written under, and per table its columns (name and type), its row
 *   count and the SHA-256 of its rows' lines; then the sequences' positions.
 * - Then every row of every table, table after table in the header's order (tables before the
 *   tables that refer to them), one line each: `{"table":"users","values":["3f0c…",…,null]}`,
 *   the values in the header's column order.
 *
 * Each value is PostgreSQL's own text form of the column's value (the type's output function,
 * under `DUMP_SETTINGS`), or null for SQL NULL; a restore hands that text to the type's input
 * function. No value passes through a JavaScript number, Date or parsed JSON on the way, so
 * every type round-trips exactly: timestamps to the microsecond, jsonb as stored (numbers wider
 * than a double, a JSON `null` that is not SQL NULL), bigint, real, enums, arrays.
 *
 * A table's checksum is the SHA-256 of its section of the file: each of its lines, as UTF-8,
 * followed by "\n". This module is pure: it parses and checks text handed to it.
 */
import { createHash, type Hash } from "node:crypto";
import { z } from "zod";
import { BackupError } from "./errors";

export const BACKUP_FORMAT = "claimdesk-backup";
export const BACKUP_FORMAT_VERSION = 1;

/**
 * The session settings under which values are written and read back: the text form of a
 * timestamptz depends on TimeZone and DateStyle, a real's on extra_float_digits (1: the
 * shortest text that reads back to the same value), and so on. Fixed, so two engines, or a
 * server in another time zone, write and read the same text.
 */
export const DUMP_SETTINGS: Readonly<Record<string, string>> = {
  TimeZone: "UTC",
  DateStyle: "ISO, YMD",
  IntervalStyle: "postgres",
  extra_float_digits: "1",
  bytea_output: "hex",
};

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex");

export const backupColumnSchema = z.object({
  name: z.string().min(1),
  /** As PostgreSQL names it (`format_type`), e.g. "timestamp with time zone", "role". */
  type: z.string().min(1),
});

export const backupTableSchema = z.object({
  name: z.string().min(1),
  columns: z.array(backupColumnSchema).min(1),
  rows: z.number().int().nonnegative(),
  sha256: sha256Hex,
});

export const backupSequenceSchema = z.object({
  name: z.string().min(1),
  /** The column that owns it (serial, bigserial or identity), when one does. */
  table: z.string().nullable(),
  column: z.string().nullable(),
  lastValue: z.string().regex(/^-?\d+$/),
  isCalled: z.boolean(),
});

export const backupHeaderSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    createdAt: z.iso.datetime(),
    app: z.object({ name: z.string(), version: z.string() }),
    source: z.object({ engine: z.enum(["pglite", "postgres"]), serverVersion: z.string() }),
    /** The newest row of drizzle's `__drizzle_migrations` in the backed-up database. */
    migration: z.object({
      /** The journal tag, when the Claimdesk that took the backup knew this migration. */
      tag: z.string().nullable(),
      /** The journal entry's `when`, which drizzle records as `created_at`: its identity. */
      createdAt: z.number().int().nonnegative(),
      hash: z.string(),
      /** How many migrations that database had applied. */
      applied: z.number().int().positive(),
    }),
    settings: z.record(z.string(), z.string()),
    tables: z.array(backupTableSchema),
    sequences: z.array(backupSequenceSchema),
  })
  .superRefine((header, ctx) => {
    const names = header.tables.map((t) => t.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) ctx.addIssue({ code: "custom", message: `table ${twice} is listed twice` });
  });

export type BackupHeader = z.infer<typeof backupHeaderSchema>;
export type BackupTable = z.infer<typeof backupTableSchema>;

/** One value as written: PostgreSQL's text form, or null for SQL NULL. */
export type BackupValue = string | null;

/** A row read from a backup, with the position of its table in the header. */
export interface BackupRow {
  table: string;
  tableIndex: number;
  values: BackupValue[];
}

/** The header line (without its "\n"). */
export function encodeHeader(header: BackupHeader): string {
  return JSON.stringify(header);
}

/** A row's line (without its "\n"). */
export function encodeRow(table: string, values: readonly BackupValue[]): string {
  return JSON.stringify({ table, values });
}

/** A new running checksum; feed it each line with `addLine`. */
export function newChecksum(): Hash {
  return createHash("sha256");
}

/** Adds one line of a table's section to its checksum, as it is in the file. */
export function addLine(checksum: Hash, line: string): void {
  checksum.update(line, "utf8");
  checksum.update("\n");
}

/**
 * The header of the file `name`, from its first line. Something that is not a Claimdesk backup,
 * a backup of another format version, and a damaged header are told apart, since each needs a
 * different answer from the operator.
 */
export function parseHeader(line: string, name: string): BackupHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new BackupError(`${name} is not a Claimdesk backup (it does not start with its header)`);
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== "object" || head === null || head.format !== BACKUP_FORMAT) {
    throw new BackupError(`${name} is not a Claimdesk backup (it does not start with its header)`);
  }
  if (head.formatVersion !== BACKUP_FORMAT_VERSION) {
    const version = JSON.stringify(head.formatVersion ?? null);
    const newer = typeof head.formatVersion === "number" && head.formatVersion > 1;
    throw new BackupError(
      `${name} is a Claimdesk backup of format version ${version}, and this Claimdesk reads ` +
        `version ${BACKUP_FORMAT_VERSION} only` +
        (newer ? ": restore it with the newer Claimdesk that wrote it" : ""),
    );
  }
  const parsed = backupHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new BackupError(`${name} is damaged: its header is not valid${where}`);
  }
  return parsed.data;
}

function parseRowLine(line: string): { table: string; values: BackupValue[] } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const { table, values, ...rest } = raw as { table?: unknown; values?: unknown };
  if (typeof table !== "string" || !Array.isArray(values) || Object.keys(rest).length > 0) {
    return null;
  }
  if (!values.every((v) => v === null || typeof v === "string")) return null;
  return { table, values: values as BackupValue[] };
}

const EMPTY_SHA256 = newChecksum().digest("hex");

/**
 * Checks the rows of a backup line by line against its header: each line a row of the table
 * the header expects next, with one value per column, each table's rows matching its count and
 * checksum, and (`finish`) no table left incomplete. Any difference is a `BackupError`, so a
 * truncated, edited or damaged file is refused.
 */
export class RowChecker {
  private tableIndex = 0;
  private rowsSeen = 0;
  private checksum = newChecksum();

  constructor(
    private readonly header: BackupHeader,
    private readonly name: string,
  ) {
    this.skipEmptyTables();
  }

  /** The row on line `lineNumber` (1 is the header), checked. */
  accept(line: string, lineNumber: number): BackupRow {
    const row = parseRowLine(line);
    if (!row) throw new BackupError(`${this.name} is damaged: line ${lineNumber} is not a row`);
    const table = this.header.tables[this.tableIndex];
    if (!table) {
      throw new BackupError(
        `${this.name} is damaged: line ${lineNumber} is a row after the last one its header counts`,
      );
    }
    if (row.table !== table.name) {
      throw new BackupError(
        `${this.name} is damaged: line ${lineNumber} is a row of "${row.table}" where its header ` +
          `has ${table.rows - this.rowsSeen} more of ${table.name}`,
      );
    }
    if (row.values.length !== table.columns.length) {
      throw new BackupError(
        `${this.name} is damaged: line ${lineNumber} has ${row.values.length} values for the ` +
          `${table.columns.length} columns of ${table.name}`,
      );
    }
    addLine(this.checksum, line);
    this.rowsSeen++;
    const tableIndex = this.tableIndex;
    if (this.rowsSeen === table.rows) {
      if (this.checksum.digest("hex") !== table.sha256) {
        throw new BackupError(
          `${this.name} is damaged: the rows of ${table.name} do not match their checksum`,
        );
      }
      this.tableIndex++;
      this.rowsSeen = 0;
      this.checksum = newChecksum();
      this.skipEmptyTables();
    }
    return { table: table.name, tableIndex, values: row.values };
  }

  /** After the last line: every table's rows were there. */
  finish(): void {
    const table = this.header.tables[this.tableIndex];
    if (table) {
      throw new BackupError(
        `${this.name} is truncated: it ends after ${this.rowsSeen} of the ${table.rows} rows of ` +
          `${table.name}`,
      );
    }
  }

  private skipEmptyTables(): void {
    for (let t = this.header.tables[this.tableIndex]; t && t.rows === 0; ) {
      if (t.sha256 !== EMPTY_SHA256) {
        throw new BackupError(
          `${this.name} is damaged: the empty table ${t.name} does not match its checksum`,
        );
      }
      this.tableIndex++;
      t = this.header.tables[this.tableIndex];
    }
  }
}

/** The number of rows a backup holds, over all its tables. */
export function totalRows(header: BackupHeader): number {
  return header.tables.reduce((sum, t) => sum + t.rows, 0);
}
