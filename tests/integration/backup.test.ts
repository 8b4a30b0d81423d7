/**
 * Backup and restore (lib/core/backup/, lib/services/backup/) on a real database: the demo workspace worked through to a
 * publication, backed up, restored into a fresh empty database — of the same engine, and of the
 * other one when TEST_DATABASE_URL is set (PGlite → PostgreSQL in the PGlite run, PostgreSQL →
 * PGlite in the PostgreSQL run) — and every table compared row by row, every column. Then the
 * refusals: a database that is not empty, damaged files, other versions; each leaves the
 * target as it was.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { getTableName, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, migrationsFolder } from "../../db/client";
import { auditEvents } from "../../db/schema";
import { BackupError } from "../../lib/core/backup/errors";
import { addLine, type BackupHeader, newChecksum } from "../../lib/core/backup/format";
import { createBackup } from "../../lib/services/backup/backup";
import { migrationsPrefix, readCodeMigrations } from "../../lib/services/backup/migrations";
import { restoreBackup, verifyBackup } from "../../lib/services/backup/restore";
import { createTestDatabase, testEngine } from "../helpers/db";
import { allTables, countRows } from "../helpers/tables";
import { AWKWARD_TEXT, readEveryTable, seedFullWorkspace } from "../helpers/workspace";

const engine = testEngine();
const otherEngine = engine === "pglite" ? "postgres" : "pglite";
const folder = migrationsFolder();
const code = readCodeMigrations(folder);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-backup-"));
const file = path.join(tmp, "workspace.jsonl.gz");

/** A database for this test only, closed (and on PostgreSQL dropped) after it. */
const open: DbHandle[] = [];
async function database(options: Parameters<typeof createTestDatabase>[0] = {}) {
  const handle = await createTestDatabase(options);
  open.push(handle);
  return handle;
}
afterEach(async () => {
  for (const handle of open.splice(0)) await handle.close();
});

const backup = (handle: DbHandle, out: string) =>
  createBackup(handle.db, out, {
    engine: handle.engine,
    appVersion: "test",
    codeMigrations: code,
    location: handle.location,
  });
const restore = (handle: DbHandle, from: string) =>
  restoreBackup(handle, from, { migrationsFolder: folder });

async function appliedMigrations(handle: DbHandle): Promise<number> {
  const result = (await handle.db.execute(
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}

let source: DbHandle;
let header: BackupHeader;
let original: Awaited<ReturnType<typeof readEveryTable>>;

beforeAll(async () => {
  source = await createTestDatabase();
  await seedFullWorkspace(source.db);
  original = await readEveryTable(source.db);
  header = (await backup(source, file)).header;
}, 120_000);

afterAll(async () => {
  await source?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The backup file with its lines changed by `edit` (header first), gzip'd again. */
function rewritten(name: string, edit: (lines: string[]) => string[]): string {
  const lines = gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n").slice(0, -1);
  const out = path.join(tmp, name);
  fs.writeFileSync(out, gzipSync(`${edit(lines).join("\n")}\n`));
  return out;
}
const withHeader = (name: string, change: (h: Record<string, unknown>) => void) =>
  rewritten(name, ([head = "", ...rows]) => {
    const h = JSON.parse(head) as Record<string, unknown>;
    change(h);
    return [JSON.stringify(h), ...rows];
  });

describe(`backup on ${engine}`, () => {
  it("holds every table of the schema with all its rows, at the latest migration", async () => {
    expect(header.tables.map((t) => t.name).sort()).toEqual(
      allTables()
        .map((t) => getTableName(t))
        .sort(),
    );
    const counts = await countRows(source.db);
    expect(Object.fromEntries(header.tables.map((t) => [t.name, t.rows]))).toEqual(counts);
    for (const table of [
      "users",
      "workspace_settings",
      "articles",
      "revisions",
      "claims",
      "claim_anchors",
      "evidence",
      "comments",
      "audit_events",
      "publications",
      "suggestion_dismissals",
      "library_entries",
      "library_phrasings",
      "library_entry_evidence",
      "library_supersessions",
      "library_match_dismissals",
    ]) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
    expect(header).toMatchObject({
      format: "claimdesk-backup",
      formatVersion: 1,
      source: { engine },
      migration: { tag: code.at(-1)?.tag, applied: code.length },
    });
    // Parents before children: users first, the tables that point at articles after it.
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("articles"));
    expect(order.indexOf("articles")).toBeLessThan(order.indexOf("revisions"));
    expect(order.indexOf("claims")).toBeLessThan(order.indexOf("evidence"));
    expect(header.sequences).toContainEqual(
      expect.objectContaining({ table: "audit_events", column: "id", isCalled: true }),
    );
    expect(await verifyBackup(file)).toEqual(header);
  });
});

describe(`restore on ${engine}`, () => {
  it("puts back every row of every table, every column, into a fresh empty database", async () => {
    const target = await database();
    const result = await restore(target, file);
    expect(result.upgradedThrough).toEqual([]);
    const restored = await readEveryTable(target.db);
    expect(restored.rows).toEqual(original.rows);
    expect(restored.text).toEqual(original.text);
    // The values SQL wrote are there to the last digit, which a Date or a number would lose.
    expect(restored.text.users?.join("\n")).toContain("2024-02-29 18:29:59.123456+00");
    expect(restored.text.audit_events?.join("\n")).toContain("12345678901234567890.123456789");
    expect(restored.rows.comments).toContainEqual(expect.objectContaining({ body: AWKWARD_TEXT }));
    // The stored search vectors (generated columns: not in the backup) are computed again.
    const [vectors] = (
      (await target.db.execute(
        sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE search IS DISTINCT FROM
              to_tsvector('english', claimdesk_search_text(left(plain_text, 200000))))::int AS stale
            FROM revisions`,
      )) as unknown as { rows: { n: number; stale: number }[] }
    ).rows;
    expect(vectors?.n).toBeGreaterThan(0);
    expect(vectors?.stale).toBe(0);
    expect(
      header.tables.find((t) => t.name === "revisions")?.columns.map((c) => c.name),
    ).not.toContain("search");
  });

  it("keeps the audit log append-only and the ids counting on after the restore", async () => {
    const target = await database();
    await restore(target, file);
    await expect(target.db.execute(sql`UPDATE audit_events SET note = 'forged'`)).rejects.toThrow();
    await expect(target.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    const ids = (original.rows.audit_events ?? []).map((e) => (e as { id: number }).id);
    const lastId = Math.max(...ids);
    expect(ids.length).toBeGreaterThan(5);
    await target.db.insert(auditEvents).values({
      actorId: null,
      action: "test.after_restore",
      entityType: "settings",
      entityId: "1",
    });
    const [next] = await target.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'test.after_restore'`);
    expect(next?.id).toBeGreaterThan(lastId);
  });

  it("migrates a database that was never migrated, then loads it", async () => {
    const target = await database({ migrate: false });
    await restore(target, file);
    expect(await appliedMigrations(target)).toBe(code.length);
    expect((await readEveryTable(target.db)).text).toEqual(original.text);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    `moves the workspace from ${engine} to ${otherEngine}, every row the same`,
    async () => {
      const target = await database({ engine: otherEngine });
      await restore(target, file);
      const restored = await readEveryTable(target.db);
      expect(restored.rows).toEqual(original.rows);
      expect(restored.text).toEqual(original.text);
      // And back: a backup of the copy holds the same rows, checksum for checksum.
      const again = await backup(target, path.join(tmp, `from-${otherEngine}.jsonl.gz`));
      expect(again.header.source.engine).toBe(otherEngine);
      expect(again.header.tables).toEqual(header.tables);
    },
  );

  it("loads a backup from an older migration at that migration, then upgrades it", async () => {
    const previous = code.at(-2);
    if (!previous) throw new Error("needs two migrations");
    const old = await database({ migrate: false });
    const prefix = migrationsPrefix(folder, code.length - 1);
    try {
      await old.migrate({ migrationsFolder: prefix.folder });
    } finally {
      prefix.remove();
    }
    // Columns every migration has had, written as the older code would have.
    await old.db.execute(
      sql`INSERT INTO users (email, name, password_hash, role)
          VALUES ('old@example.com', 'Old Admin', 'x', 'admin')`,
    );
    await old.db.execute(
      sql`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('old.event', 'user', '1')`,
    );
    const oldFile = path.join(tmp, "older.jsonl.gz");
    const { header: oldHeader } = await backup(old, oldFile);
    expect(oldHeader.migration).toMatchObject({ tag: previous.tag, applied: code.length - 1 });

    const target = await database({ migrate: false });
    const result = await restore(target, oldFile);
    expect(result.upgradedThrough).toEqual([code.at(-1)?.tag]);
    expect(await appliedMigrations(target)).toBe(code.length);
    const counts = await countRows(target.db);
    expect(counts.users).toBe(1);
    expect(counts.audit_events).toBe(1);

    // A database already past the backup's migration cannot take it: nothing changes.
    const ahead = await database();
    await expect(restore(ahead, oldFile)).rejects.toThrow(
      `is already at migration ${code.at(-1)?.tag}, newer than the backup's (${previous.tag})`,
    );
    expect(Object.values(await countRows(ahead.db)).every((n) => n === 0)).toBe(true);
  });
});

describe(`types beyond today's schema, on ${engine}`, () => {
  // A table a later migration might add: identity ALWAYS ids, a generated column (not stored
  // in the backup, computed again), arrays, bytea, interval, numeric, a self-made enum.
  const createTable = async (handle: DbHandle) => {
    await handle.db.execute(sql`CREATE TYPE mood AS ENUM ('calm', 'tense')`);
    await handle.db.execute(sql`
      CREATE TABLE extra_types (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tags text[] NOT NULL,
        amounts numeric(30, 10)[],
        stamps timestamptz[],
        blob bytea,
        wait interval,
        moods mood[],
        first_tag text GENERATED ALWAYS AS (upper(tags[1])) STORED
      )`);
  };

  it("carries them exactly and keeps the identity counting", async () => {
    const from = await database();
    await createTable(from);
    await from.db.execute(sql`
      INSERT INTO extra_types (tags, amounts, stamps, blob, wait, moods) VALUES
        (${'{"a,b","quote\\"d",NULL,"new\nline"}'}::text::text[], '{12345678901234567890.0123456789,-0.5}',
         '{"2024-02-29 23:59:59.999999+05:30",infinity}', ${"\\x00ff10"}::text::bytea,
         '1 year 2 mons 3 days 04:05:06.789', '{calm,tense}'),
        ('{}', NULL, NULL, NULL, NULL, NULL)`);
    const extraFile = path.join(tmp, "extra-types.jsonl.gz");
    const { header: extra } = await backup(from, extraFile);
    expect(extra.tables.find((t) => t.name === "extra_types")?.columns.map((c) => c.name)).toEqual([
      "id",
      "tags",
      "amounts",
      "stamps",
      "blob",
      "wait",
      "moods",
    ]);
    const to = await database();
    await createTable(to);
    await restore(to, extraFile);
    const read = async (handle: DbHandle) =>
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('TimeZone', 'UTC', true)`);
        const result = (await tx.execute(
          sql`SELECT t::text AS r FROM extra_types t ORDER BY id`,
        )) as unknown as { rows: { r: string }[] };
        return result.rows.map((x) => x.r);
      });
    const rows = await read(to);
    expect(rows).toEqual(await read(from));
    expect(rows[0]).toContain("12345678901234567890.0123456789");
    expect(rows[0]).toContain("2024-02-29 18:29:59.999999+00");
    expect(rows[0]).toContain("infinity");
    expect(rows[0]).toContain("\\\\x00ff10");
    expect(rows[0]).toContain('"A,B"');
    await to.db.execute(sql`INSERT INTO extra_types (tags) VALUES ('{later}')`);
    expect((await read(to)).at(-1)).toMatch(/^\(3,/);
  });
});

describe(`restore refusals on ${engine}`, () => {
  it("refuses a database that is not empty and changes nothing", async () => {
    const target = await database();
    await target.db.execute(
      sql`INSERT INTO workspace_settings (id, organization_name) VALUES (1, 'Already here')`,
    );
    const before = await readEveryTable(target.db);
    await expect(restore(target, file)).rejects.toThrow(
      /is not empty \(workspace_settings has 1 row\): a backup is restored only into an empty database; nothing was changed/,
    );
    expect(await readEveryTable(target.db)).toEqual(before);
  });

  it("refuses damaged, truncated, edited, foreign and newer files and changes nothing", async () => {
    const target = await database();
    const empty = await countRows(target.db);
    const bytes = fs.readFileSync(file);
    const write = (name: string, data: Uint8Array) => {
      const out = path.join(tmp, name);
      fs.writeFileSync(out, data);
      return out;
    };
    const flipped = Buffer.from(bytes);
    const at = Math.floor(flipped.length * 0.6);
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    const cases: [string, RegExp][] = [
      [write("cut.gz", bytes.subarray(0, Math.floor(bytes.length / 2))), /is truncated/],
      [write("flipped.gz", flipped), /is damaged|is truncated/],
      [write("text.txt", new TextEncoder().encode("hello\n")), /is not a Claimdesk backup/],
      [
        rewritten("last-row-lost.gz", (lines) => lines.slice(0, -1)),
        /is truncated: it ends after \d+ of the \d+ rows of /,
      ],
      [
        rewritten("edited.gz", (lines) =>
          lines.map((l) => l.replace("Claimdesk Demo Health Desk", "Forged Desk")),
        ),
        /is damaged: the rows of workspace_settings do not match their checksum/,
      ],
      [
        withHeader("version-2.gz", (h) => {
          h.formatVersion = 2;
        }),
        /is a Claimdesk backup of format version 2, and this Claimdesk reads version 1 only: restore it with the newer Claimdesk that wrote it/,
      ],
      [
        withHeader("newer.gz", (h) => {
          h.migration = {
            tag: "9999_from_the_future",
            createdAt: (code.at(-1)?.createdAt ?? 0) + 1,
            hash: "f",
            applied: code.length + 1,
          };
        }),
        /was taken at migration 9999_from_the_future, newer than this Claimdesk's latest/,
      ],
      [
        // Checksums made to match, but a value its column's type does not read.
        rewritten("bad-value.gz", (lines) => {
          const [head = "", ...rows] = lines;
          const h = JSON.parse(head) as BackupHeader;
          const edited = rows.map((l) => l.replace(/"\d{4}-\d\d-\d\d [^"]*\+00"/, '"not a time"'));
          let i = 0;
          for (const t of h.tables) {
            const checksum = newChecksum();
            for (const line of edited.slice(i, i + t.rows)) addLine(checksum, line);
            t.sha256 = checksum.digest("hex");
            i += t.rows;
          }
          return [JSON.stringify(h), ...edited];
        }),
        /could not be loaded \(invalid input syntax for type timestamp with time zone: "not a time"\): nothing was restored/,
      ],
      [
        withHeader("settings.gz", (h) => {
          h.settings = { ...(h.settings as object), session_replication_role: "replica" };
        }),
        /was written under other session settings/,
      ],
    ];
    for (const [bad, message] of cases) {
      const refused = restore(target, bad);
      await expect(refused, path.basename(bad)).rejects.toThrow(message);
      await expect(refused).rejects.toBeInstanceOf(BackupError);
      expect(await countRows(target.db), path.basename(bad)).toEqual(empty);
    }
    await expect(restore(target, path.join(tmp, "missing.gz"))).rejects.toMatchObject({
      code: "ENOENT",
    });
    expect(await countRows(target.db)).toEqual(empty);
    expect(await appliedMigrations(target)).toBe(code.length);
  });
});
