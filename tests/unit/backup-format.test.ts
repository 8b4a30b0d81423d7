/**
 * The pure parts of backups (lib/core/backup/, lib/services/backup/): the table order derived from foreign keys, the
 * header and row checks that refuse damaged or foreign files, and the command-line arguments.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BackupError } from "@/lib/core/backup/errors";
import {
  addLine,
  BACKUP_FORMAT,
  type BackupHeader,
  DUMP_SETTINGS,
  encodeHeader,
  encodeRow,
  newChecksum,
  parseHeader,
  RowChecker,
} from "@/lib/core/backup/format";
import { firstOrderViolation, orderByForeignKeys } from "@/lib/core/backup/order";
import { defaultBackupName, parseBackupArgs } from "@/lib/entry/cli/backup";
import { parseRestoreArgs } from "@/lib/entry/cli/restore";
import { backupMigrationIndex, type CodeMigration } from "@/lib/services/backup/migrations";

describe("orderByForeignKeys", () => {
  it("puts every table after the tables it refers to, keeping the given order otherwise", () => {
    expect(
      orderByForeignKeys(
        ["audit_events", "articles", "claims", "revisions", "users", "workspace_settings"],
        [
          { table: "articles", references: "users" },
          { table: "audit_events", references: "articles" },
          { table: "audit_events", references: "users" },
          { table: "claims", references: "revisions" },
          { table: "revisions", references: "articles" },
          { table: "elsewhere", references: "users" },
        ],
      ),
    ).toEqual(["users", "workspace_settings", "articles", "audit_events", "revisions", "claims"]);
  });

  it("refuses a cycle, a table referring to itself included", () => {
    expect(() =>
      orderByForeignKeys(
        ["a", "b", "c"],
        [
          { table: "a", references: "b" },
          { table: "b", references: "a" },
        ],
      ),
    ).toThrow(
      new BackupError(
        "the foreign keys of a, b form a cycle, so no order loads them one table at a time; a backup cannot be taken of this schema",
      ),
    );
    expect(() => orderByForeignKeys(["t"], [{ table: "t", references: "t" }])).toThrow(BackupError);
  });

  it("gives an order no reference breaks, for any graph without cycles", () => {
    // Edges only from a later table to an earlier one in a hidden order: never a cycle.
    const graph = fc
      .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 })
      .chain((names) =>
        fc
          .array(fc.tuple(fc.nat(names.length - 1), fc.nat(names.length - 1)), { maxLength: 30 })
          .map((pairs) => ({
            names,
            refs: pairs
              .filter(([a, b]) => a !== b)
              .map(([a, b]) => ({
                table: names[Math.max(a, b)] as string,
                references: names[Math.min(a, b)] as string,
              })),
          })),
      )
      .chain((g) =>
        fc
          .shuffledSubarray(g.names, { minLength: g.names.length })
          .map((shuffled) => ({ ...g, shuffled })),
      );
    fc.assert(
      fc.property(graph, ({ shuffled, refs }) => {
        const order = orderByForeignKeys(shuffled, refs);
        expect([...order].sort()).toEqual([...shuffled].sort());
        expect(firstOrderViolation(order, refs)).toBeNull();
      }),
    );
  });

  it("finds the reference an order breaks", () => {
    const refs = [{ table: "claims", references: "articles" }];
    expect(firstOrderViolation(["articles", "claims"], refs)).toBeNull();
    expect(firstOrderViolation(["claims", "articles"], refs)).toEqual(refs[0]);
  });
});

/** A header for `tables`' rows, with their true counts and checksums. */
function headerFor(tables: Record<string, (string | null)[][]>): BackupHeader {
  return {
    format: BACKUP_FORMAT,
    formatVersion: 1,
    createdAt: "2026-05-01T10:15:00.000Z",
    app: { name: "claimdesk", version: "0.1.0" },
    source: { engine: "pglite", serverVersion: "18.0" },
    migration: { tag: "0000_initial", createdAt: 1, hash: "h", applied: 1 },
    settings: { ...DUMP_SETTINGS },
    tables: Object.entries(tables).map(([name, rows]) => {
      const checksum = newChecksum();
      for (const row of rows) addLine(checksum, encodeRow(name, row));
      return {
        name,
        columns: (rows[0] ?? [null]).map((_, i) => ({ name: `c${i}`, type: "text" })),
        rows: rows.length,
        sha256: checksum.digest("hex"),
      };
    }),
    sequences: [],
  };
}

/** Feeds every line to a RowChecker; returns the rows it accepted. */
function check(header: BackupHeader, lines: string[]) {
  const checker = new RowChecker(header, "b.gz");
  const rows = lines.map((line, i) => checker.accept(line, i + 2));
  checker.finish();
  return rows;
}

describe("RowChecker", () => {
  const data = {
    users: [
      ["u1", "Ann"],
      ["u2", null],
    ],
    empty: [],
    claims: [["c1", "u1"]],
  };
  const header = headerFor(data);
  const lines = [
    encodeRow("users", ["u1", "Ann"]),
    encodeRow("users", ["u2", null]),
    encodeRow("claims", ["c1", "u1"]),
  ];

  it("accepts the rows the header describes, in its order", () => {
    expect(check(header, lines)).toEqual([
      { table: "users", tableIndex: 0, values: ["u1", "Ann"] },
      { table: "users", tableIndex: 0, values: ["u2", null] },
      { table: "claims", tableIndex: 2, values: ["c1", "u1"] },
    ]);
  });

  it("carries any text exactly, line breaks and all", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.option(fc.string({ unit: "grapheme" })), { minLength: 2, maxLength: 2 }),
          { minLength: 1 },
        ),
        (rows) => {
          const h = headerFor({ t: rows });
          const encoded = rows.map((r) => encodeRow("t", r));
          expect(encoded.every((l) => !l.includes("\n"))).toBe(true);
          expect(check(h, encoded).map((r) => r.values)).toEqual(rows);
        },
      ),
    );
  });

  it("refuses a changed value, a missing or extra row, a wrong table or width", () => {
    const damaged = (ls: string[]) => () => check(header, ls);
    expect(damaged([encodeRow("users", ["u1", "Bob"]), ...lines.slice(1)])).toThrow(
      "b.gz is damaged: the rows of users do not match their checksum",
    );
    expect(damaged(lines.slice(0, 2))).toThrow(
      "b.gz is truncated: it ends after 0 of the 1 rows of claims",
    );
    expect(damaged([...lines, lines[2] as string])).toThrow(
      "b.gz is damaged: line 5 is a row after the last one its header counts",
    );
    expect(damaged([lines[0] as string, encodeRow("claims", ["c1", "u1"])])).toThrow(
      'b.gz is damaged: line 3 is a row of "claims" where its header has 1 more of users',
    );
    expect(damaged([encodeRow("users", ["u1"])])).toThrow(
      "b.gz is damaged: line 2 has 1 values for the 2 columns of users",
    );
    expect(damaged(['{"table":"users","values":[1,2]}'])).toThrow("line 2 is not a row");
    expect(damaged(["{not json"])).toThrow("line 2 is not a row");
  });
});

describe("parseHeader", () => {
  const header = headerFor({ users: [["u1"]] });

  it("reads back the header it wrote", () => {
    expect(parseHeader(encodeHeader(header), "b.gz")).toEqual(header);
  });

  it("tells a foreign file, another format version and a damaged header apart", () => {
    expect(() => parseHeader("PK\u0003\u0004", "b.gz")).toThrow(
      "b.gz is not a Claimdesk backup (it does not start with its header)",
    );
    expect(() => parseHeader('{"format":"pg_dump"}', "b.gz")).toThrow("is not a Claimdesk backup");
    expect(() => parseHeader(JSON.stringify({ ...header, formatVersion: 2 }), "b.gz")).toThrow(
      "b.gz is a Claimdesk backup of format version 2, and this Claimdesk reads version 1 only: restore it with the newer Claimdesk that wrote it",
    );
    expect(() => parseHeader(JSON.stringify({ ...header, formatVersion: "1" }), "b.gz")).toThrow(
      'format version "1"',
    );
    const noRows = { ...header, tables: [{ ...header.tables[0], rows: -1 }] };
    expect(() => parseHeader(JSON.stringify(noRows), "b.gz")).toThrow(
      "b.gz is damaged: its header is not valid at tables.0.rows",
    );
  });
});

describe("backupMigrationIndex", () => {
  const code: CodeMigration[] = [
    { tag: "0000_initial", createdAt: 100, hash: "a" },
    { tag: "0001_next", createdAt: 200, hash: "b" },
  ];
  it("finds the migration, and refuses one newer than the code's or unknown to it", () => {
    expect(backupMigrationIndex({ tag: "0000_initial", createdAt: 100 }, code, "b.gz")).toBe(0);
    expect(() => backupMigrationIndex({ tag: "0002_new", createdAt: 300 }, code, "b.gz")).toThrow(
      "b.gz was taken at migration 0002_new, newer than this Claimdesk's latest (0001_next): restore it with a Claimdesk that has that migration",
    );
    expect(() => backupMigrationIndex({ tag: null, createdAt: 150 }, code, "b.gz")).toThrow(
      "b.gz was taken at migration created_at 150, which this Claimdesk does not have",
    );
  });
});

describe("backup and restore arguments", () => {
  it("takes --out once, FILE once and --check", () => {
    expect(parseBackupArgs([])).toEqual({ out: undefined });
    expect(parseBackupArgs(["--out", "a.gz"])).toEqual({ out: "a.gz" });
    expect(parseBackupArgs(["--out=a.gz"])).toEqual({ out: "a.gz" });
    expect(() => parseBackupArgs(["--out"])).toThrow("--out needs a value");
    expect(() => parseBackupArgs(["--out", "a", "--out", "b"])).toThrow("--out is given twice");
    expect(() => parseBackupArgs(["a.gz"])).toThrow("unexpected argument a.gz");
    expect(parseRestoreArgs(["a.gz"])).toEqual({ file: "a.gz", check: false });
    expect(parseRestoreArgs(["--check", "a.gz"])).toEqual({ file: "a.gz", check: true });
    expect(() => parseRestoreArgs([])).toThrow("missing FILE");
    expect(() => parseRestoreArgs(["a", "b"])).toThrow("expects one FILE");
    expect(() => parseRestoreArgs(["a", "--force"])).toThrow("unknown option --force");
  });

  it("names a backup by its UTC time", () => {
    expect(defaultBackupName(new Date("2026-05-01T10:15:00.123Z"))).toBe(
      "claimdesk-backup-20260501T101500Z.jsonl.gz",
    );
  });
});
