import fs from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditEvents, libraryEntries, libraryPhrasings } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { libraryFileSchema } from "../../lib/core/validation/library";
import { executeAction } from "../../lib/server/action";
import { loadLibraryExport } from "../../lib/services/library/export";
import { importLibrary } from "../../lib/services/library/import";
import { createTestDatabase, freshDatabasePerTest } from "../helpers/db";
import { createActor, ok } from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

const h = freshDatabasePerTest();

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, "../fixtures/claimreview", name), "utf8");

const run = (db: Db, actor: Actor, format: "claimreview" | "json", text: string) =>
  executeAction(importLibrary, { db, actor }, { format, text });

const entries = (db: Db) =>
  db
    .select({
      number: libraryEntries.number,
      canonicalText: libraryEntries.canonicalText,
      origin: libraryEntries.origin,
      verdict: libraryEntries.verdict,
      externalPublisher: libraryEntries.externalPublisher,
      externalRating: libraryEntries.externalRating,
      externalUrl: libraryEntries.externalUrl,
      createdById: libraryEntries.createdById,
    })
    .from(libraryEntries)
    .orderBy(asc(libraryEntries.number));

const importEvents = (db: Db) =>
  db.select().from(auditEvents).where(eq(auditEvents.action, "library.import"));

describe("importing ClaimReview markup into the library", () => {
  it("makes a single review an external entry: publisher, rating, URL, no verdict of ours", async () => {
    const editor = await createActor(h.db, "editor");
    const result = await ok(run(h.db, editor, "claimreview", fixture("google-example.json")));
    expect(result).toEqual({ created: 1, skipped: 0, entries: [{ number: 1 }] });
    expect(await entries(h.db)).toEqual([
      {
        number: 1,
        canonicalText: "The world is flat",
        origin: "external",
        verdict: null,
        externalPublisher: "Example.com science watch",
        externalRating: "False",
        externalUrl: "https://example.com/news/science/worldisflat.html",
        createdById: editor.id,
      },
    ]);
    // Its wording is matched like any entry's: stored as its canonical phrasing.
    const phrasings = await h.db.select().from(libraryPhrasings);
    expect(phrasings.map((p) => [p.text, p.canonical])).toEqual([["The world is flat", true]]);
    const [event, ...more] = await importEvents(h.db);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorId: editor.id,
      entityType: "library_entry",
      after: { format: "claimreview", created: 1, skipped: 0, numbers: [1] },
    });
  });

  it("imports a page's markup (HTML and @graph) and a feed, in document order", async () => {
    const editor = await createActor(h.db, "editor");
    await ok(run(h.db, editor, "claimreview", fixture("page.html")));
    await ok(run(h.db, editor, "claimreview", fixture("page-graph.json")));
    const feed = await ok(run(h.db, editor, "claimreview", fixture("datafeed.json")));
    expect(feed).toEqual({
      created: 3,
      skipped: 0,
      entries: [{ number: 4 }, { number: 5 }, { number: 6 }],
    });
    expect(
      (await entries(h.db)).map((e) => [
        e.number,
        e.canonicalText,
        e.externalRating,
        e.externalPublisher,
      ]),
    ).toEqual([
      [1, "Taking vitamin C prevents colds", "Mostly false", "Checks Weekly"],
      [2, "Vitamin C shortens colds slightly in adults", "Mostly true", "Checks Weekly"],
      [3, "The MMR vaccine causes autism.", "False", "HealthFacts"],
      [4, "Stem cell therapy cures kidney failure with no side effects", "1/5", "FactFeed Health"],
      [5, "Statins cause memory loss", "Unproven", "FactFeed Health"],
      [
        6,
        "Drinking eight glasses of water a day is required for health",
        "Misleading",
        "FactFeed Health",
      ],
    ]);
    expect((await entries(h.db)).every((e) => e.origin === "external" && e.verdict === null)).toBe(
      true,
    );
    expect(await importEvents(h.db)).toHaveLength(3);
  });

  it("skips reviews whose URL the library has, and writes nothing when all are known", async () => {
    const editor = await createActor(h.db, "editor");
    await ok(run(h.db, editor, "claimreview", fixture("datafeed.json")));
    const before = await countRows(h.db);
    const again = await ok(run(h.db, editor, "claimreview", fixture("datafeed.json")));
    expect(again).toEqual({ created: 0, skipped: 3, entries: [] });
    expect(await countRows(h.db)).toEqual(before);
    // A feed with one new review: only that one is added; its event counts the skipped.
    const feed = JSON.parse(fixture("datafeed.json"));
    feed.dataFeedElement.push({
      "@type": "DataFeedItem",
      item: [
        {
          "@type": "ClaimReview",
          url: "https://factfeed.example.org/reviews/104",
          claimReviewed: "Cold water swimming boosts immunity",
          author: { "@type": "Organization", name: "FactFeed Health" },
          reviewRating: { "@type": "Rating", alternateName: "Unproven" },
        },
      ],
    });
    expect(await ok(run(h.db, editor, "claimreview", JSON.stringify(feed)))).toEqual({
      created: 1,
      skipped: 3,
      entries: [{ number: 4 }],
    });
    expect((await importEvents(h.db)).at(-1)?.after).toEqual({
      format: "claimreview",
      created: 1,
      skipped: 3,
      numbers: [4],
    });
  });

  it("refuses bad or hostile markup with a clear error and writes no row", async () => {
    const editor = await createActor(h.db, "editor");
    const good = JSON.parse(fixture("google-example.json"));
    const cases: [string, string | RegExp][] = [
      [
        "{ not json",
        /^The text is not valid JSON: a property name in double quotes was expected \(line 1, column 3\)\.$/,
      ],
      [`${"[".repeat(5000)}${"]".repeat(5000)}`, "nest more than 32 levels deep"],
      [
        JSON.stringify([good, { ...good, url: "javascript:alert(1)" }]),
        "ClaimReview 2: its url is not an http:// or https:// address",
      ],
      [
        JSON.stringify({ ...good, claimReviewed: "x".repeat(6000) }),
        "claimReviewed is longer than 5,000 characters",
      ],
      [
        JSON.stringify({ "@type": "NewsArticle", headline: "No reviews here" }),
        "No ClaimReview was found",
      ],
      ["<html><body>No markup</body></html>", 'no <script type="application/ld+json"> block'],
    ];
    const before = await countRows(h.db);
    for (const [text, expected] of cases) {
      const result = await run(h.db, editor, "claimreview", text);
      if (result.ok) throw new Error(`imported: ${text.slice(0, 60)}`);
      expect(result.error.code).toBe("validation");
      if (typeof expected === "string") expect(result.error.message).toContain(expected);
      else expect(result.error.message).toMatch(expected);
    }
    expect(await countRows(h.db)).toEqual(before);
    expect(before.library_entries).toBe(0);
  });

  it("stores markup inside a review's text as text", async () => {
    const editor = await createActor(h.db, "editor");
    const review = {
      "@type": "ClaimReview",
      url: "https://checks.example.org/xss",
      claimReviewed: '<script>alert("x")</script>Garlic cures flu',
      author: { "@type": "Organization", name: "<b>Checks</b>" },
      reviewRating: { "@type": "Rating", alternateName: "<i>False</i>" },
    };
    await ok(run(h.db, editor, "claimreview", JSON.stringify(review)));
    expect(await entries(h.db)).toMatchObject([
      {
        canonicalText: '<script>alert("x")</script>Garlic cures flu',
        externalPublisher: "<b>Checks</b>",
        externalRating: "<i>False</i>",
      },
    ]);
  });

  it("is refused to viewers and reviewers, and writes nothing for them", async () => {
    const before = await countRows(h.db);
    for (const role of ["viewer", "reviewer"] as const) {
      const actor = await createActor(h.db, role);
      const result = await run(h.db, actor, "claimreview", fixture("google-example.json"));
      expect(result.ok ? "allowed" : result.error.code).toBe("forbidden");
    }
    const after = await countRows(h.db);
    expect({ ...after, users: 0 }).toEqual({ ...before, users: 0 });
    expect(after.library_entries).toBe(0);
  });
});

describe("the library JSON format and the exports", () => {
  const LIBRARY = [
    {
      id: "mmr",
      text: "The MMR vaccine causes autism",
      verdict: "inaccurate",
      rationale: "Large cohort studies find no link.",
      tags: ["vaccines", "autism"],
      // In alphabetical order: the order an export writes wordings imported together in.
      variants: ["MMR jabs cause autism", "The MMR shot leads to autism"],
    },
    { id: "vitc", text: "Vitamin C prevents colds", verdict: "unsupported" },
    { id: "statins", text: "Statins lower cholesterol" },
  ];

  it("imports internal entries with their variants, and skips wordings the library has", async () => {
    const editor = await createActor(h.db, "editor");
    const first = await ok(run(h.db, editor, "json", JSON.stringify(LIBRARY)));
    expect(first).toEqual({
      created: 3,
      skipped: 0,
      entries: [{ number: 1 }, { number: 2 }, { number: 3 }],
    });
    expect((await entries(h.db)).map((e) => [e.canonicalText, e.origin, e.verdict])).toEqual([
      ["The MMR vaccine causes autism", "internal", "inaccurate"],
      ["Vitamin C prevents colds", "internal", "unsupported"],
      ["Statins lower cholesterol", "internal", null],
    ]);
    const wordings = await h.db.select().from(libraryPhrasings);
    expect(wordings).toHaveLength(5);
    expect(await ok(run(h.db, editor, "json", JSON.stringify(LIBRARY)))).toMatchObject({
      created: 0,
      skipped: 3,
    });
  });

  it("refuses an invalid library file, naming the entry, and writes nothing", async () => {
    const editor = await createActor(h.db, "editor");
    const before = await countRows(h.db);
    const bad = [LIBRARY[0], { id: "x", text: "" }, { id: "mmr", text: "Again", verdict: "false" }];
    const result = await run(h.db, editor, "json", JSON.stringify(bad));
    if (result.ok) throw new Error("imported an invalid file");
    expect(result.error.message).toContain("The library file cannot be imported, so nothing was");
    expect(result.error.message).toContain("entry 2 (text): text is required; ");
    expect(result.error.message).toMatch(
      /entry 3 \(verdict\): verdict must be one of [a-z_, ]+\.$/,
    );
    // Once every entry is valid, ids must still be distinct (the matcher's output names them).
    const twice = [LIBRARY[0], { id: "mmr", text: "Again" }];
    const dup = await run(h.db, editor, "json", JSON.stringify(twice));
    expect(dup.ok ? "imported" : dup.error.message).toContain(
      'id "mmr" is used twice (entries 1 and 2)',
    );
    expect(await countRows(h.db)).toEqual(before);
  });

  it("round-trips: the JSON export imported into a fresh database gives the same library", async () => {
    const editor = await createActor(h.db, "editor");
    await ok(run(h.db, editor, "json", JSON.stringify(LIBRARY)));
    await ok(run(h.db, editor, "claimreview", fixture("page-graph.json")));
    const viewer = await createActor(h.db, "viewer");
    const exported = await loadLibraryExport(h.db, viewer, "json");
    expect(exported.mediaType).toBe("application/json");
    const file = libraryFileSchema.parse(JSON.parse(exported.body));
    expect(file).toEqual([
      { ...LIBRARY[0], id: "K1" },
      { ...LIBRARY[1], id: "K2" },
      { ...LIBRARY[2], id: "K3" },
      {
        id: "K4",
        text: "The MMR vaccine causes autism.",
        external: {
          publisher: "HealthFacts",
          rating: "False",
          url: "https://healthfacts.example.org/checks/mmr-autism/",
        },
      },
    ]);

    const fresh = await createTestDatabase();
    try {
      const otherEditor = await createActor(fresh.db, "editor");
      expect(await ok(run(fresh.db, otherEditor, "json", exported.body))).toMatchObject({
        created: 4,
      });
      const strip = (rows: Awaited<ReturnType<typeof entries>>) =>
        rows.map(({ createdById: _, ...rest }) => rest);
      expect(strip(await entries(fresh.db))).toEqual(strip(await entries(h.db)));
      const again = await loadLibraryExport(fresh.db, otherEditor, "json");
      expect(again.body).toBe(exported.body);
    } finally {
      await fresh.close();
    }
  });

  it("exports our rated entries as ClaimReviews, never an external entry's rating", async () => {
    const editor = await createActor(h.db, "editor");
    await ok(run(h.db, editor, "json", JSON.stringify(LIBRARY)));
    await ok(run(h.db, editor, "claimreview", fixture("google-example.json")));
    const file = await loadLibraryExport(h.db, editor, "claimreview");
    expect(file.mediaType).toBe("application/ld+json");
    const reviews = JSON.parse(file.body);
    expect(reviews).toHaveLength(2);
    expect(reviews[0]).toMatchObject({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "/library/K1",
      claimReviewed: "The MMR vaccine causes autism",
      reviewRating: { ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: "Inaccurate" },
      author: { "@type": "Organization", name: "Claimdesk" },
      reviewBody: "Large cohort studies find no link.",
      itemReviewed: { "@type": "Claim", text: "The MMR vaccine causes autism" },
    });
    expect(reviews[1].reviewRating.alternateName).toBe("Unsupported");
    expect(file.body).not.toContain("The world is flat");
    // The round trip the other way: our ClaimReview export reads back as external entries.
    const fresh = await createTestDatabase();
    try {
      const otherEditor = await createActor(fresh.db, "editor");
      const result = await run(fresh.db, otherEditor, "claimreview", file.body);
      // Relative URLs (no public base URL configured) are not web addresses: refused whole.
      expect(result.ok).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it("lets viewers read the export and refuses anonymous callers", async () => {
    const viewer = await createActor(h.db, "viewer");
    await expect(loadLibraryExport(h.db, viewer, "json")).resolves.toMatchObject({ entries: 0 });
    await expect(loadLibraryExport(h.db, null, "json")).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});
