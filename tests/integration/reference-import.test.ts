/**
 * `reference.import` on a real database: the preview lists records, duplicates (of the list and
 * within the file) and errors and writes nothing; confirm imports the records picked in one
 * transaction with one audit event, re-checking duplicates; every bad input gets a clear error
 * and writes nothing, as does a failure half-way through.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditEvents, bibReferences } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import {
  importReferences,
  type ReferenceImportPreview,
  type ReferenceImportResult,
} from "../../lib/services/references/import";
import { createReference } from "../../lib/services/references/references";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, ok } from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

const h = freshDatabasePerTest();

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, "../fixtures/references", name), "utf8");

const run = (db: Db, actor: Actor, input: Record<string, unknown>) =>
  executeAction(importReferences, { db, actor }, input);

async function preview(db: Db, actor: Actor, text: string, fileName = "") {
  return (await ok(run(db, actor, { step: "preview", text, fileName }))) as ReferenceImportPreview;
}

async function confirm(db: Db, actor: Actor, text: string, records?: number[]) {
  return (await ok(run(db, actor, { step: "confirm", text, records }))) as ReferenceImportResult;
}

const listed = (db: Db) =>
  db
    .select({
      number: bibReferences.number,
      title: bibReferences.title,
      doi: bibReferences.doi,
      source: bibReferences.source,
    })
    .from(bibReferences)
    .orderBy(asc(bibReferences.number));

describe("previewing an import", () => {
  it("lists 19 valid records and 1 error of the 20-record file, and writes nothing", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const before = await countRows(h.db);
    const p = await preview(h.db, reviewer, fixture("e2e-twenty-records.ris"), "twenty.ris");
    expect(p.counts).toEqual({ total: 20, valid: 19, errors: 1, duplicates: 0 });
    expect(p.format).toBe("ris");
    expect(p.records.filter((r) => r.errorText).map((r) => r.errorText)).toEqual([
      "Record 11 (line 131): no title",
    ]);
    expect(await countRows(h.db)).toEqual(before);
  });

  it("marks records the list already has, by DOI or PMID, with the reference's number", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const as = { db: h.db, actor: reviewer };
    await ok(
      executeAction(createReference, as, { title: "Typed earlier", doi: "10.1186/1471-2105-7-10" }),
    );
    await ok(executeAction(createReference, as, { title: "Typed by PMID", pmid: "14871861" }));
    const p = await preview(h.db, reviewer, fixture("biopython-pubmed-result2.nbib"));
    expect(p.records.map((r) => r.duplicateOfReference)).toEqual([1, null, 2, null]);
    expect(p.counts).toMatchObject({ valid: 4, duplicates: 2 });
  });
});

describe("confirming an import", () => {
  it("imports the valid records in one transaction, with one audit event", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const result = await confirm(h.db, reviewer, fixture("e2e-twenty-records.ris"));
    expect(result).toMatchObject({ created: 19, skipped: 1 });
    const rows = await listed(h.db);
    expect(rows).toHaveLength(19);
    expect(rows.every((r) => r.source === "import")).toBe(true);
    expect(rows.map((r) => r.number)).toEqual(result.numbers);
    const events = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reference.import"));
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ format: "ris", created: 19, skipped: 1 });
  });

  it("imports only the records picked", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const result = await confirm(h.db, reviewer, fixture("biopython-pubmed-result2.nbib"), [2, 4]);
    expect(result).toMatchObject({ created: 2, numbers: [1, 2] });
    expect((await listed(h.db)).map((r) => r.title)).toEqual([
      "GenomeDiagram: a python package for the visualization of large-scale genomic data.",
      "PDB file parser and structure class implemented in Python.",
    ]);
  });

  it("skips duplicates when none are picked; re-importing the same file writes nothing", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    // Every record has a PMID (duplicates are found by DOI and PMID: a record with neither
    // cannot be told from a new one).
    const text = fixture("biopython-pubmed-result2.nbib");
    const first = await confirm(h.db, reviewer, text);
    expect(first.created).toBe(4);
    const before = await countRows(h.db);
    const again = await confirm(h.db, reviewer, text);
    expect(again).toMatchObject({ created: 0, skipped: 4 });
    expect(await countRows(h.db)).toEqual(before);
  });

  it("re-checks duplicates at confirm: a record added to the list since the preview refuses the import", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const text = fixture("biopython-pubmed-result2.nbib");
    const p = await preview(h.db, reviewer, text);
    expect(p.counts.duplicates).toBe(0);
    // Someone else adds the second record's work meanwhile.
    await ok(
      executeAction(
        createReference,
        { db: h.db, actor: reviewer },
        { title: "Meanwhile", pmid: "16377612" },
      ),
    );
    const before = await countRows(h.db);
    const result = await run(h.db, reviewer, { step: "confirm", text, records: [1, 2, 3, 4] });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        message: expect.stringContaining("Record 2 is already in the list as R1"),
      },
    });
    expect(await countRows(h.db)).toEqual(before);
  });

  it("refuses picking a broken record or a repeat within the file, naming it, writing nothing", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const before = await countRows(h.db);
    const broken = await run(h.db, reviewer, {
      step: "confirm",
      text: fixture("e2e-twenty-records.ris"),
      records: [10, 11],
    });
    expect(broken).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("Record 11 (line 131): no title") },
    });
    const repeat = await run(h.db, reviewer, {
      step: "confirm",
      text: "TY  - JOUR\nTI  - A\nDO  - 10.1000/a\nER  - \nTY  - JOUR\nTI  - A again\nDO  - 10.1000/A\nER  - \n",
      records: [1, 2],
    });
    expect(repeat).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("Record 2 is the same work as record 1") },
    });
    const missing = await run(h.db, reviewer, {
      step: "confirm",
      text: "TY  - JOUR\nTI  - A\nER  - \n",
      records: [9],
    });
    expect(missing).toMatchObject({ ok: false, error: { message: "The file has no record 9." } });
    expect(await countRows(h.db)).toEqual(before);
  });

  it("writes nothing when it fails half-way", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const fn = `cd_fail_${randomUUID().replace(/-/g, "")}`;
    await h.db.execute(
      sql.raw(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END; $$`,
      ),
    );
    // The tenth record fails, after nine were written in the same transaction.
    await h.db.execute(
      sql.raw(
        `CREATE TRIGGER ${fn} BEFORE INSERT ON bib_references FOR EACH ROW WHEN (NEW.doi = '10.5555/claimdesk-e2e-refs-10') EXECUTE FUNCTION ${fn}()`,
      ),
    );
    const original = console.error;
    console.error = () => {};
    try {
      const before = await countRows(h.db);
      const result = await run(h.db, reviewer, {
        step: "confirm",
        text: fixture("e2e-twenty-records.ris"),
      });
      expect(result).toMatchObject({ ok: false, error: { code: "internal" } });
      expect(await countRows(h.db)).toEqual(before);
    } finally {
      console.error = original;
      await h.db.execute(sql.raw(`DROP TRIGGER ${fn} ON bib_references`));
      await h.db.execute(sql.raw(`DROP FUNCTION ${fn}()`));
    }
  });
});

describe("bad input: a clear error, nothing written", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["an empty file", { step: "preview", text: "" }, /The file is empty/],
    ["only blanks", { step: "preview", text: "\uFEFF  \r\n" }, /The file is empty/],
    [
      "a file of no known format",
      { step: "preview", text: "Hello", fileName: "notes.txt" },
      /export RIS/,
    ],
    [
      "invalid CSL-JSON",
      { step: "preview", text: '[{"title": ', format: "csl-json" },
      /not valid JSON/,
    ],
    [
      "a RIS file without records",
      { step: "preview", text: "just words", format: "ris" },
      /holds no RIS records/,
    ],
    [
      "too many records",
      { step: "preview", text: "TY  - JOUR\nTI  - x\nER  - \n".repeat(2001) },
      /at most 2,000/,
    ],
    [
      "an unknown step",
      { step: "import", text: "TY  - JOUR\nER  - \n" },
      /step must be preview or confirm/,
    ],
    ["an unknown format", { step: "preview", text: "x", format: "endnote-xml" }, /Choose a format/],
    ["records that are not numbers", { step: "confirm", text: "x", records: ["1"] }, /./],
    [
      "a file over the size limit",
      { step: "preview", text: "x".repeat(5 * 1024 * 1024 + 1) },
      /at most 5 MB/,
    ],
  ];
  it.each(cases)("%s", async (_name, input, message) => {
    const reviewer = await createActor(h.db, "reviewer");
    const before = await countRows(h.db);
    const result = await run(h.db, reviewer, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("validation");
      expect(result.error.message).toMatch(message);
    }
    expect(await countRows(h.db)).toEqual(before);
  });

  it("is refused to a viewer", async () => {
    const viewer = await createActor(h.db, "viewer");
    const result = await run(h.db, viewer, {
      step: "preview",
      text: fixture("zotero-ris-informa-doi.ris"),
    });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
