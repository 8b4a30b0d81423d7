/**
 * The reference list: references added and corrected by hand, evidence linked to its reference
 * (named, or found and made by DOI/PMID), and a correction rewriting every citing evidence item
 * in one transaction; the backfill migration (0012) for evidence typed before the list existed.
 */
import fs from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditEvents, bibReferences, evidence } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { addEvidence, updateEvidence } from "../../lib/services/evidence/service";
import { createReference, updateReference } from "../../lib/services/references/references";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle, ok } from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

const h = freshDatabasePerTest();

/** An article with two claims, and a reviewer to work on them. */
async function twoClaims(db: Db) {
  const editor = await createActor(db, "editor");
  const reviewer = await createActor(db, "reviewer");
  const article = await importArticle(db, editor);
  const first = await claimQuote(db, reviewer, article.revisionId, "no toxicity");
  const second = await claimQuote(db, reviewer, article.revisionId, "kidney diseases");
  return { reviewer, first, second };
}

const add = (db: Db, actor: Actor, input: Record<string, unknown>) =>
  executeAction(addEvidence, { db, actor }, { stance: "supports", studyDesign: "rct", ...input });

const references = (db: Db) => db.select().from(bibReferences).orderBy(asc(bibReferences.number));

describe("adding references", () => {
  it("numbers them R1, R2… with the DOI bare and lower-cased, each on the record", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const as = { db: h.db, actor: reviewer };
    const r1 = await ok(
      executeAction(createReference, as, {
        title: "A trial",
        doi: "https://doi.org/10.1000/ABC.Def",
        year: "2019",
        publicationTypes: ["Randomized Controlled Trial", "Randomized Controlled Trial"],
      }),
    );
    const r2 = await ok(
      executeAction(createReference, as, { title: "Another", pmid: "PMID: 123" }),
    );
    expect([r1.number, r1.doi, r1.year, r1.publicationTypes, r1.source]).toEqual([
      1,
      "10.1000/abc.def",
      2019,
      ["Randomized Controlled Trial"],
      "manual",
    ]);
    expect([r2.number, r2.pmid]).toEqual([2, "123"]);
    const events = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reference.create"));
    expect(events.map((e) => [e.entityType, e.entityId])).toEqual([
      ["reference", r1.id],
      ["reference", r2.id],
    ]);
  });

  it("refuses a DOI or PMID the list already has, next to the field, writing nothing", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const as = { db: h.db, actor: reviewer };
    await ok(executeAction(createReference, as, { title: "A trial", doi: "10.1000/x", pmid: "5" }));
    const before = await countRows(h.db);
    const again = await executeAction(createReference, as, { title: "Same", doi: "10.1000/X" });
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: { doi: [expect.stringContaining("R1 already has this DOI")] },
      },
    });
    const byPmid = await executeAction(createReference, as, { title: "Same", pmid: "5" });
    expect(byPmid).toMatchObject({
      ok: false,
      error: { fieldErrors: { pmid: [expect.any(String)] } },
    });
    expect(await countRows(h.db)).toEqual(before);
  });

  it("refuses bad fields with a message each, writing nothing", async () => {
    const reviewer = await createActor(h.db, "reviewer");
    const before = await countRows(h.db);
    const bad = await executeAction(
      createReference,
      { db: h.db, actor: reviewer },
      {
        title: "",
        doi: "not a doi",
        pmid: "12x",
        pmcid: "PMX1",
        year: "1492",
        volume: "v".repeat(51),
        url: "javascript:alert(1)",
        publicationTypes: Array.from({ length: 31 }, (_, i) => `T${i}`),
        abstract: "a".repeat(20_001),
      },
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.error.fieldErrors ?? {}).sort()).toEqual(
      [
        "abstract",
        "doi",
        "pmcid",
        "pmid",
        "publicationTypes",
        "title",
        "url",
        "volume",
        "year",
      ].sort(),
    );
    expect(await countRows(h.db)).toEqual(before);
  });

  it("is refused to a viewer", async () => {
    const viewer = await createActor(h.db, "viewer");
    const result = await executeAction(
      createReference,
      { db: h.db, actor: viewer },
      { title: "x" },
    );
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

describe("evidence points at its reference", () => {
  it("finds or makes the reference by DOI, so two claims citing one DOI share it", async () => {
    const { reviewer, first, second } = await twoClaims(h.db);
    const a = await ok(
      add(h.db, reviewer, {
        claimId: first.id,
        title: "Stem cells in CKD",
        authors: "Smith J",
        publisher: "Kidney Int",
        year: 2020,
        doi: "10.1000/StemCells",
      }),
    );
    // Typed again by hand on another claim, as a link and in other case, with a typo in the title.
    const b = await ok(
      add(h.db, reviewer, {
        claimId: second.id,
        title: "Stem cels in CKD",
        doi: "https://doi.org/10.1000/stemcells",
      }),
    );
    const [ref, ...others] = await references(h.db);
    expect(others).toEqual([]);
    expect(ref).toMatchObject({
      number: 1,
      doi: "10.1000/stemcells",
      title: "Stem cells in CKD",
      authors: "Smith J",
      journal: "Kidney Int",
      year: 2020,
    });
    expect([a.referenceId, b.referenceId]).toEqual([ref?.id, ref?.id]);
    // Typed, not chosen: the item keeps its citation as typed until the reference is corrected.
    expect(b).toMatchObject({ title: "Stem cels in CKD", authors: "" });
    const created = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reference.create"));
    expect(created).toHaveLength(1);
    const added = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "evidence.add"));
    expect(added.map((e) => (e.after as { referenceId?: string }).referenceId)).toEqual([
      ref?.id,
      ref?.id,
    ]);
  });

  it("finds it by PMID; without DOI or PMID the item stays unlinked, as typed", async () => {
    const { reviewer, first } = await twoClaims(h.db);
    const byPmid = await ok(
      add(h.db, reviewer, { claimId: first.id, title: "By PMID", pmid: "31978945" }),
    );
    const again = await ok(
      add(h.db, reviewer, { claimId: first.id, title: "Again", pmid: "31978945" }),
    );
    const plain = await ok(add(h.db, reviewer, { claimId: first.id, title: "A blog post" }));
    expect(byPmid.referenceId).not.toBeNull();
    expect(again.referenceId).toBe(byPmid.referenceId);
    expect(plain).toMatchObject({ referenceId: null, title: "A blog post" });
    expect(await references(h.db)).toHaveLength(1);
  });

  it("copies the citation of the reference it names; an unknown one is refused, writing nothing", async () => {
    const { reviewer, first } = await twoClaims(h.db);
    const ref = await ok(
      executeAction(
        createReference,
        { db: h.db, actor: reviewer },
        { title: "Chosen", doi: "10.1000/chosen", journal: "BMJ" },
      ),
    );
    const item = await ok(
      add(h.db, reviewer, { claimId: first.id, title: "anything", referenceId: ref.id }),
    );
    expect(item).toMatchObject({
      referenceId: ref.id,
      title: "Chosen",
      publisher: "BMJ",
      doi: "10.1000/chosen",
    });
    const before = await countRows(h.db);
    const unknown = await add(h.db, reviewer, {
      claimId: first.id,
      title: "x",
      referenceId: "6f1c2b7e-8d2a-4c1e-9b1a-0a1b2c3d4e5f",
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { referenceId: [expect.any(String)] } },
    });
    expect(await countRows(h.db)).toEqual(before);
  });

  it("an edit that changes the DOI moves the item to that DOI's reference", async () => {
    const { reviewer, first } = await twoClaims(h.db);
    const item = await ok(
      add(h.db, reviewer, { claimId: first.id, title: "One", doi: "10.1000/one" }),
    );
    const edited = await ok(
      executeAction(
        updateEvidence,
        { db: h.db, actor: reviewer },
        {
          evidenceId: item.id,
          version: item.version,
          title: "Two",
          doi: "10.1000/two",
          stance: "supports",
          studyDesign: "rct",
        },
      ),
    );
    const refs = await references(h.db);
    expect(refs.map((r) => r.doi)).toEqual(["10.1000/one", "10.1000/two"]);
    expect(edited.referenceId).toBe(refs[1]?.id);
  });
});

describe("correcting a reference corrects every evidence item citing it", () => {
  async function citedTwice() {
    const { reviewer, first, second } = await twoClaims(h.db);
    const a = await ok(
      add(h.db, reviewer, {
        claimId: first.id,
        title: "Old title",
        doi: "10.1000/fix",
        excerpt: "Quote A",
      }),
    );
    const b = await ok(
      add(h.db, reviewer, {
        claimId: second.id,
        title: "Old title",
        doi: "10.1000/fix",
        stance: "contradicts",
      }),
    );
    const [ref] = await references(h.db);
    if (!ref) throw new Error("no reference");
    return { reviewer, a, b, ref };
  }

  it("rewrites the copied citation of both items, bumps their versions, and records each", async () => {
    const { reviewer, a, b, ref } = await citedTwice();
    const result = await ok(
      executeAction(
        updateReference,
        { db: h.db, actor: reviewer },
        {
          referenceId: ref.id,
          version: ref.version,
          title: "New title",
          authors: "Doe A",
          journal: "Lancet",
          year: 2021,
          doi: "10.1000/fix",
        },
      ),
    );
    expect(result.evidenceCorrected).toBe(2);
    expect(result.reference).toMatchObject({ title: "New title", version: ref.version + 1 });
    const items = await h.db.select().from(evidence).orderBy(asc(evidence.createdAt));
    expect(items.map((e) => [e.title, e.authors, e.publisher, e.year, e.version])).toEqual([
      ["New title", "Doe A", "Lancet", 2021, a.version + 1],
      ["New title", "Doe A", "Lancet", 2021, b.version + 1],
    ]);
    // What the reviewer wrote about the source is theirs, not the reference's.
    expect(items.map((e) => [e.excerpt, e.stance])).toEqual([
      ["Quote A", "supports"],
      ["", "contradicts"],
    ]);
    const events = await h.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    const last = events.slice(-3);
    expect(last.map((e) => [e.action, e.note])).toEqual([
      ["evidence.update", "Corrected with reference R1"],
      ["evidence.update", "Corrected with reference R1"],
      ["reference.update", null],
    ]);
    expect(last[0]?.before).toMatchObject({ title: "Old title" });
    expect(last[0]?.after).toMatchObject({ title: "New title", publisher: "Lancet" });
  });

  it("refuses a stale version with the newer reference, writing nothing", async () => {
    const { reviewer, ref } = await citedTwice();
    const as = { db: h.db, actor: reviewer };
    await ok(
      executeAction(updateReference, as, {
        referenceId: ref.id,
        version: ref.version,
        title: "First fix",
        doi: ref.doi,
      }),
    );
    const before = await countRows(h.db);
    const stale = await executeAction(updateReference, as, {
      referenceId: ref.id,
      version: ref.version,
      title: "Second fix",
      doi: ref.doi,
    });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { current: { title: "First fix" } } },
    });
    expect(await countRows(h.db)).toEqual(before);
    const items = await h.db.select({ title: evidence.title }).from(evidence);
    expect(items.map((i) => i.title)).toEqual(["First fix", "First fix"]);
  });

  it("refuses a DOI that another reference has, writing nothing", async () => {
    const { reviewer, ref } = await citedTwice();
    const as = { db: h.db, actor: reviewer };
    await ok(executeAction(createReference, as, { title: "Other", doi: "10.1000/other" }));
    const before = await countRows(h.db);
    const taken = await executeAction(updateReference, as, {
      referenceId: ref.id,
      version: ref.version,
      title: "x",
      doi: "10.1000/OTHER",
    });
    expect(taken).toMatchObject({
      ok: false,
      error: { fieldErrors: { doi: [expect.stringContaining("R2 already has this DOI")] } },
    });
    expect(await countRows(h.db)).toEqual(before);
  });

  it("a correction saved unchanged writes nothing", async () => {
    const { reviewer, ref } = await citedTwice();
    const before = await countRows(h.db);
    const same = await ok(
      executeAction(
        updateReference,
        { db: h.db, actor: reviewer },
        {
          referenceId: ref.id,
          version: ref.version,
          title: ref.title,
          authors: ref.authors,
          journal: ref.journal,
          year: ref.year,
          doi: ref.doi,
        },
      ),
    );
    expect(same.evidenceCorrected).toBe(0);
    expect(await countRows(h.db)).toEqual(before);
  });
});

describe("migration 0012: evidence typed before the reference list", () => {
  it("makes one reference per DOI, then per PMID, and links every such item", async () => {
    const { reviewer, first } = await twoClaims(h.db);
    const row = (over: Partial<typeof evidence.$inferInsert>) => ({
      claimId: first.id,
      addedById: reviewer.id,
      stance: "supports" as const,
      studyDesign: "rct" as const,
      title: "Typed",
      ...over,
    });
    // Written as the app wrote them before the list existed, with no reference; a minute apart,
    // so that "oldest" is the first written.
    const rows = [
      row({ title: "Oldest of DOI A", doi: "10.1000/A", pmid: "11" }),
      row({ title: "DOI A again", doi: "10.1000/a" }),
      row({ title: "DOI B", doi: "10.1000/b", pmid: "11" }),
      row({ title: "PMID only", pmid: "22" }),
      row({ title: "PMID only again", pmid: "22" }),
      row({ title: "Nothing to go by" }),
    ];
    await h.db
      .insert(evidence)
      .values(rows.map((r, i) => ({ ...r, createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)) })));
    const migration = fs.readFileSync(
      path.join(__dirname, "../../db/migrations/0012_reference_backfill.sql"),
      "utf8",
    );
    for (const statement of migration.split("--> statement-breakpoint")) {
      await h.db.execute(sql.raw(statement));
    }
    const refs = await references(h.db);
    expect(refs.map((r) => [r.number, r.doi, r.pmid, r.title])).toEqual([
      [1, "10.1000/a", null, "Oldest of DOI A"],
      [2, "10.1000/b", null, "DOI B"],
      [3, null, "22", "PMID only"],
    ]);
    const items = await h.db
      .select({ title: evidence.title, referenceId: evidence.referenceId })
      .from(evidence);
    const refOf = Object.fromEntries(
      items.map((i) => [i.title, refs.find((r) => r.id === i.referenceId)?.number ?? null]),
    );
    expect(refOf).toEqual({
      "Oldest of DOI A": 1,
      "DOI A again": 1,
      "DOI B": 2,
      "PMID only": 3,
      "PMID only again": 3,
      "Nothing to go by": null,
    });
  });
});
