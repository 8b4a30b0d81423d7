/**
 * The claims library's first matching stage on a real database (both engines): the
 * extensions of migration 0006 load, wordings are found by stemmed, unaccented full text with
 * any of the sentence's words, ranked with the closest first, one row per entry, and only
 * current entries are offered. The second stage (same / opposite) is pure and tested in
 * tests/unit/library-relation.test.ts.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  commonLibraryLexemes,
  findLibraryCandidates,
  insertLibraryEntry,
  insertLibraryPhrasing,
  listLibraryPhrasings,
} from "../../db/queries/library";
import { libraryEntries } from "../../db/schema";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor } from "../helpers/fixtures";

const file = freshDatabasePerTest();

async function library() {
  const editor = await createActor(file.db, "editor");
  const entry = (canonicalText: string) =>
    insertLibraryEntry(file.db, { canonicalText, createdById: editor.id, verdict: "inaccurate" });
  const mmr = await entry("The MMR vaccine causes autism.");
  const vitaminC = await entry("Vitamin C prevents colds.");
  const statins = await entry("Statins cause memory loss.");
  const cafe = await entry("Drinking café au lait protects the liver.");
  return { editor, mmr, vitaminC, statins, cafe };
}

describe("library candidates", () => {
  it("numbers entries and keeps the canonical wording as their first phrasing", async () => {
    const { mmr, vitaminC } = await library();
    expect(vitaminC.number).toBe(mmr.number + 1);
    expect(await listLibraryPhrasings(file.db, mmr.id)).toEqual([
      { id: expect.any(String), text: "The MMR vaccine causes autism.", canonical: true },
    ]);
    expect(
      await insertLibraryPhrasing(file.db, {
        entryId: mmr.id,
        text: "The MMR vaccine causes autism.",
      }),
    ).toBe(false);
  });

  it("finds an entry through inflections, accents and case, the closest first", async () => {
    const { mmr, cafe } = await library();
    const found = await findLibraryCandidates(
      file.db,
      "Parents said their children were vaccinated with MMR and then caused to develop AUTISM.",
    );
    expect(found[0]?.entryId).toBe(mmr.id);
    expect(found[0]?.rank).toBeGreaterThan(0);
    const accents = await findLibraryCandidates(
      file.db,
      "Cafe au lait is said to protect your liver",
    );
    expect(accents[0]?.entryId).toBe(cafe.id);
  });

  it("finds a paraphrase that keeps only some words, and gives one row per entry", async () => {
    const { vitaminC } = await library();
    await insertLibraryPhrasing(file.db, {
      entryId: vitaminC.id,
      text: "Taking vitamin C stops you catching a cold.",
    });
    const found = await findLibraryCandidates(file.db, "Ascorbic acid tablets keep colds away.");
    expect(found.map((c) => c.entryId)).toContain(vitaminC.id);
    expect(new Set(found.map((c) => c.entryId)).size).toBe(found.length);
  });

  it("offers only current entries, and nothing for a sentence of stop words", async () => {
    const { statins } = await library();
    expect(
      (await findLibraryCandidates(file.db, "Do statins cause memory loss?"))[0]?.entryId,
    ).toBe(statins.id);
    await file.db
      .update(libraryEntries)
      .set({ state: "withdrawn" })
      .where(eq(libraryEntries.id, statins.id));
    const after = await findLibraryCandidates(file.db, "Do statins cause memory loss?");
    expect(after.map((c) => c.entryId)).not.toContain(statins.id);
    expect(await findLibraryCandidates(file.db, "it is what it is")).toEqual([]);
  });

  it("keeps wordings longer than a btree entry unique by their digest", async () => {
    const { mmr } = await library();
    const long = `The MMR vaccine causes autism ${"and much more besides ".repeat(400)}`;
    expect(await insertLibraryPhrasing(file.db, { entryId: mmr.id, text: long })).toBe(true);
    expect(await insertLibraryPhrasing(file.db, { entryId: mmr.id, text: long })).toBe(false);
  });

  it("looks up only the telling words once statistics show which words most wordings share", async () => {
    const editor = await createActor(file.db, "editor");
    for (let i = 0; i < 150; i++) {
      await insertLibraryEntry(file.db, {
        canonicalText: `Supplement number ${i} causes tiredness`,
        createdById: editor.id,
      });
    }
    const target = await insertLibraryEntry(file.db, {
      canonicalText: "Zorblat ointment causes itching.",
      createdById: editor.id,
    });
    expect(await commonLibraryLexemes(file.db)).toEqual([]);
    await file.db.execute(sql`ANALYZE library_phrasings`);
    // A word in 151 wordings is still looked up by default (fewer than 200 share it)…
    expect(await commonLibraryLexemes(file.db)).toEqual([]);
    // …and left out where the threshold is lower.
    const common = await commonLibraryLexemes(file.db, 0.01, 100);
    expect(common).toEqual(expect.arrayContaining(["caus", "supplement"]));
    expect(common).not.toContain("zorblat");
    const found = await findLibraryCandidates(file.db, "Doctors say zorblat causes itching", {
      common,
    });
    expect(found[0]?.entryId).toBe(target.id);
    // Only common words: all of them must be there, not any one.
    const onlyCommon = await findLibraryCandidates(file.db, "A supplement causes nothing", {
      common,
    });
    expect(onlyCommon).toEqual([]);
  });
});
