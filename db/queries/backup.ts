import "server-only";
import { sql } from "drizzle-orm";
import type { BackupValue } from "@/lib/core/backup/format";
import type {
  AppliedMigration,
  Catalog,
  CatalogColumn,
  CatalogTable,
} from "@/lib/core/backup/structure";
import type { Db } from "../client";
import { rawRows } from "./raw-rows";

/**
 * Backup and restore (lib/core/backup/, lib/services/backup/): the catalog of the `public` schema, rows as PostgreSQL's
 * text, inserts from that text, sequences. Identifiers come from the catalog, never from a
 * backup file; a backup's values only ever travel as bound parameters.
 */

const table = (name: string) => sql`${sql.identifier("public")}.${sql.identifier(name)}`;

/** Fixes the settings the text of values depends on, for the current transaction only. */
export async function applySessionSettings(db: Db, settings: Readonly<Record<string, string>>) {
  for (const [name, value] of Object.entries(settings)) {
    await db.execute(sql`SELECT set_config(${name}, ${value}, true)`);
  }
}

/** "18.0", "15.13": for the backup's header. */
export async function readServerVersion(db: Db): Promise<string> {
  const [row] = await rawRows<{ v: string }>(
    db,
    sql`SELECT current_setting('server_version') AS v`,
  );
  return row?.v ?? "";
}

/** The newest migration drizzle recorded, or null for a database never migrated. */
export async function readLatestMigration(db: Db): Promise<AppliedMigration | null> {
  const [exists] = await rawRows<{ t: string | null }>(
    db,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`,
  );
  if (!exists?.t) return null;
  const [row] = await rawRows<{ created_at: string; hash: string; applied: string }>(
    db,
    sql`SELECT created_at::text AS created_at, hash,
          (SELECT count(*) FROM drizzle.__drizzle_migrations)::text AS applied
        FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
  );
  if (!row) return null;
  return { createdAt: Number(row.created_at), hash: row.hash, applied: Number(row.applied) };
}

/**
 * The tables of the `public` schema (plain and partitioned; partitions are reached through
 * their parent), their stored columns, primary keys and foreign keys, and its sequences.
 */
export async function readCatalog(db: Db): Promise<Catalog> {
  const columns = await rawRows<{
    table: string;
    column: string;
    type: string;
    collatable: boolean;
    pk: number | null;
  }>(
    db,
    sql`SELECT c.relname AS "table", a.attname AS "column",
          format_type(a.atttypid, a.atttypmod) AS "type", a.attcollation <> 0 AS collatable,
          array_position(i.indkey::int2[], a.attnum) AS pk
        FROM pg_class c
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND NOT c.relispartition AND a.attgenerated = ''
        ORDER BY c.relname, a.attnum`,
  );
  const tables = new Map<string, CatalogTable & { keyed: { name: string; pk: number }[] }>();
  for (const col of columns) {
    let t = tables.get(col.table);
    if (!t) {
      t = { name: col.table, columns: [], primaryKey: [], keyed: [] };
      tables.set(col.table, t);
    }
    const column: CatalogColumn = { name: col.column, type: col.type, collatable: col.collatable };
    t.columns.push(column);
    if (col.pk !== null) t.keyed.push({ name: col.column, pk: Number(col.pk) });
  }
  const references = await rawRows<{ table: string; references: string }>(
    db,
    sql`SELECT DISTINCT ch.relname AS "table", pa.relname AS "references"
        FROM pg_constraint k
        JOIN pg_class ch ON ch.oid = k.conrelid
        JOIN pg_class pa ON pa.oid = k.confrelid
        WHERE k.contype = 'f' AND ch.relnamespace = 'public'::regnamespace
          AND pa.relnamespace = 'public'::regnamespace
        ORDER BY 1, 2`,
  );
  const sequences = await rawRows<{ name: string; table: string | null; column: string | null }>(
    db,
    sql`SELECT s.relname AS name, t.relname AS "table", a.attname AS "column"
        FROM pg_class s
        LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_class t ON t.oid = d.refobjid
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND s.relnamespace = 'public'::regnamespace
        ORDER BY s.relname`,
  );
  return {
    tables: [...tables.values()].map(({ keyed, ...t }) => ({
      ...t,
      primaryKey: keyed.sort((x, y) => x.pk - y.pk).map((k) => k.name),
    })),
    references,
    sequences,
  };
}

/** Rows per table, for the tables named. */
export async function countTableRows(db: Db, names: readonly string[]) {
  const out: Record<string, number> = {};
  for (const name of names) {
    const [row] = await rawRows<{ n: string }>(
      db,
      sql`SELECT count(*)::text AS n FROM ${table(name)}`,
    );
    out[name] = Number(row?.n ?? 0);
  }
  return out;
}

/**
 * Every row of `t` as the text of its columns (in `t.columns` order), in a stable order: by
 * primary key, or by every column without one, with text compared byte by byte ("C"), so two
 * engines with different default collations list the same rows in the same order. Read through
 * a cursor, `batch` rows at a time, so a large table never sits in memory. Call it inside a
 * transaction.
 */
export async function* streamTableRows(
  db: Db,
  t: CatalogTable,
  batch = 500,
): AsyncGenerator<BackupValue[]> {
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  const keys = t.primaryKey.length > 0 ? t.primaryKey : t.columns.map((c) => c.name);
  const orderBy = sql.join(
    keys.map((k) =>
      t.primaryKey.length > 0
        ? byName.get(k)?.collatable
          ? sql`${sql.identifier(k)} COLLATE "C"`
          : sql.identifier(k)
        : sql`${sql.identifier(k)}::text COLLATE "C"`,
    ),
    sql`, `,
  );
  const select = sql.join(
    t.columns.map((c, i) => sql`${sql.identifier(c.name)}::text AS ${sql.identifier(`c${i}`)}`),
    sql`, `,
  );
  await db.execute(
    sql`DECLARE claimdesk_backup NO SCROLL CURSOR FOR
        SELECT ${select} FROM ${table(t.name)} ORDER BY ${orderBy}`,
  );
  try {
    for (;;) {
      const fetched = await rawRows<Record<string, string | null>>(
        db,
        sql.raw(`FETCH ${Math.max(1, Math.floor(batch))} FROM claimdesk_backup`),
      );
      for (const row of fetched) yield t.columns.map((_, i) => row[`c${i}`] ?? null);
      if (fetched.length === 0) break;
    }
  } finally {
    // After a failed statement the transaction is aborted and rolls back, cursor and all.
    await db.execute(sql`CLOSE claimdesk_backup`).catch(() => {});
  }
}

/** The position of a sequence (`nextval` would return `lastValue + 1` once `isCalled`). */
export async function readSequenceState(db: Db, name: string) {
  const [row] = await rawRows<{ last_value: string; is_called: boolean }>(
    db,
    sql`SELECT last_value::text AS last_value, is_called FROM ${table(name)}`,
  );
  return { lastValue: row?.last_value ?? "1", isCalled: row?.is_called ?? false };
}

/**
 * Keeps every other writer out of `names` until the transaction ends (readers still read),
 * so nothing lands in a table between "it is empty" and the restore's commit.
 */
export async function lockTablesForRestore(db: Db, names: readonly string[]) {
  if (names.length === 0) return;
  await db.execute(
    sql`LOCK TABLE ${sql.join(
      names.map((n) => sql`ONLY ${table(n)}`),
      sql`, `,
    )} IN EXCLUSIVE MODE`,
  );
}

/**
 * Inserts rows given as the text of each of `columns` (the names the backup lists, all of them
 * columns of `t`): each value goes in as a text parameter cast to the column's type, so the
 * type's input function reads exactly the text its output function wrote. Values for identity
 * columns are taken as given (OVERRIDING SYSTEM VALUE); no default fills a column in.
 */
export async function insertTextRows(
  db: Db,
  t: CatalogTable,
  columns: readonly string[],
  values: readonly BackupValue[][],
) {
  if (values.length === 0) return;
  const types = new Map(t.columns.map((c) => [c.name, c.type]));
  const casts = columns.map((name) => {
    const type = types.get(name);
    if (type === undefined) throw new Error(`no column ${t.name}.${name}`);
    return sql.raw(type);
  });
  const tuples = values.map(
    (row) =>
      sql`(${sql.join(
        row.map((v, i) => sql`${v}::text::${casts[i]}`),
        sql`, `,
      )})`,
  );
  await db.execute(
    sql`INSERT INTO ${table(t.name)} (${sql.join(
      columns.map((c) => sql.identifier(c)),
      sql`, `,
    )}) OVERRIDING SYSTEM VALUE VALUES ${sql.join(tuples, sql`, `)}`,
  );
}

/**
 * Puts a sequence back where the backup found it; for a sequence owned by a column, never
 * behind that column's largest value (the next insert must not collide with a restored row).
 */
export async function restoreSequence(
  db: Db,
  sequence: { name: string; table: string | null; column: string | null },
  state: { lastValue: string; isCalled: boolean },
) {
  const quoted = `"public"."${sequence.name.replace(/"/g, '""')}"`;
  const seq = sql`${quoted}::text::regclass`;
  if (sequence.table && sequence.column) {
    await db.execute(
      sql`SELECT setval(${seq},
            CASE WHEN m.v >= ${state.lastValue}::bigint THEN m.v ELSE ${state.lastValue}::bigint END,
            CASE WHEN m.v >= ${state.lastValue}::bigint THEN true ELSE ${state.isCalled}::boolean END)
          FROM (SELECT max(${sql.identifier(sequence.column)})::bigint AS v
                FROM ${table(sequence.table)}) m`,
    );
  } else {
    await db.execute(
      sql`SELECT setval(${seq}, ${state.lastValue}::bigint, ${state.isCalled}::boolean)`,
    );
  }
}
