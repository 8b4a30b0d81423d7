import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertLibraryEntry } from "../../db/queries/library";
import { rawRows } from "../../db/queries/raw-rows";
import { HIGHLIGHT_END, HIGHLIGHT_START, snippetParts } from "../../lib/core/search/query";
import { executeAction } from "../../lib/server/action";
import { addComment, deleteComment } from "../../lib/services/comments/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { type SearchResults, searchWorkspace } from "../../lib/services/search/service";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, importArticle, ok, resolvedInaccurateClaim } from "../helpers/fixtures";

const h = freshDatabasePerTest();

/** The demo workspace in small: one article, its graded claim, evidence, a comment, an entry. */
async function setup() {
  const editor = await createActor(h.db, "editor", "Edna Editor");
  const reviewer = await createActor(h.db, "reviewer", "Rita Reviewer");
  const viewer = await createActor(h.db, "viewer", "Vic Viewer");
  const article = await importArticle(h.db, editor, undefined, "Stem cells for kidney failure");
  const claim = await resolvedInaccurateClaim(h.db, reviewer, article.revisionId, {
    rationale: "Immune rejection after mesenchymal infusions is documented.",
  });
  await ok(
    executeAction(
      addEvidence,
      { db: h.db, actor: reviewer },
      {
        claimId: claim.id,
        title: "Safety of cell therapy in nephrology",
        authors: "Okafor N, Lindqvist B",
        pmid: "31978945",
        stance: "contradicts",
        studyDesign: "cohort",
      },
    ),
  );
  const comment = await ok(
    executeAction(
      addComment,
      { db: h.db, actor: reviewer },
      { claimId: claim.id, body: "The cited trial enrolled twelve patients only." },
    ),
  );
  const entry = await h.db.transaction((tx) =>
    insertLibraryEntry(tx, {
      canonicalText: "Vitamin C prevents the common cold",
      createdById: editor.id,
      verdict: "unsupported",
    }),
  );
  return { editor, reviewer, viewer, article, claim, comment, entry };
}

const group = (results: SearchResults, kind: string) => {
  const found = results.groups.find((g) => g.kind === kind);
  if (!found) throw new Error(`no ${kind} group`);
  return found;
};
const highlighted = (snippet: string) =>
  snippetParts(snippet)
    .filter((p) => p.highlighted)
    .map((p) => p.text.toLowerCase());

describe("workspace search", () => {
  it("finds an article by a word of its title and of its text, with a link to its review page", async () => {
    const { viewer } = await setup();
    const byTitle = group(await searchWorkspace(h.db, viewer, { q: "kidney failure" }), "article");
    expect(byTitle.total).toBe(1);
    expect(byTitle.hits[0]?.href).toBe("/articles/stem-cells-for-kidney-failure");
    expect(highlighted(byTitle.hits[0]?.title ?? "")).toEqual(["kidney", "failure"]);
    const byText = group(await searchWorkspace(h.db, viewer, { q: "diseases" }), "article");
    expect(byText.hits.map((x) => x.href)).toEqual(["/articles/stem-cells-for-kidney-failure"]);
    expect(highlighted(byText.hits[0]?.snippet ?? "")).toEqual(["diseases"]);
  });

  it("finds a claim by a word of its quote and of its rationale, linking to the claim", async () => {
    const { viewer, claim } = await setup();
    const byQuote = group(await searchWorkspace(h.db, viewer, { q: "rejection" }), "claim");
    expect(byQuote.hits.map((x) => x.id)).toEqual([claim.id]);
    expect(byQuote.hits[0]?.href).toBe(`/articles/stem-cells-for-kidney-failure?claim=${claim.id}`);
    expect(byQuote.hits[0]?.label).toBe("Claim 1 in “Stem cells for kidney failure”");
    expect(highlighted(byQuote.hits[0]?.snippet ?? "")).toEqual(["rejection"]);
    const byRationale = group(await searchWorkspace(h.db, viewer, { q: "mesenchymal" }), "claim");
    expect(byRationale.hits.map((x) => x.id)).toEqual([claim.id]);
    expect(highlighted(byRationale.hits[0]?.snippet ?? "")).toEqual(["mesenchymal"]);
    expect(byRationale.hits[0]?.detail).toBe("no toxicity and rejection reaction");
  });

  it("finds a claim by a misspelt word, highlighting the word it meant", async () => {
    const { viewer, claim } = await setup();
    for (const [typo, meant] of [
      ["toxcity", "toxicity"],
      ["rejecton", "rejection"],
    ] as const) {
      const results = await searchWorkspace(h.db, viewer, { q: typo, kinds: ["claim"] });
      expect(results.corrections.find((c) => c.word === typo)?.near).toContain(meant);
      const claims = group(results, "claim");
      expect(claims.hits.map((x) => x.id)).toEqual([claim.id]);
      expect(highlighted(claims.hits[0]?.snippet ?? "")).toEqual([meant]);
    }
  });

  it("keeps a misspelt word's place in the query: every other word must still match", async () => {
    const { viewer } = await setup();
    const both = await searchWorkspace(h.db, viewer, { q: "toxcity reaction", kinds: ["claim"] });
    expect(group(both, "claim").total).toBe(1);
    const notBoth = await searchWorkspace(h.db, viewer, { q: "toxcity vitamin", kinds: ["claim"] });
    expect(group(notBoth, "claim").total).toBe(0);
  });

  it("finds evidence by a word of its title, an author, its DOI (any written form) and its PMID", async () => {
    const { viewer, claim } = await setup();
    const titles = async (q: string) =>
      group(await searchWorkspace(h.db, viewer, { q, kinds: ["evidence"] }), "evidence").hits.map(
        (x) =>
          snippetParts(x.title)
            .map((p) => p.text)
            .join(""),
      );
    expect(await titles("nephrology")).toEqual(["Safety of cell therapy in nephrology"]);
    expect(await titles("Lindqvist")).toEqual(["Safety of cell therapy in nephrology"]);
    const review = "Adverse events of stem cell therapy: a systematic review";
    expect(await titles("10.1000/claimdesk.test")).toEqual([review]);
    expect(await titles("https://doi.org/10.1000/CLAIMDESK.TEST")).toEqual([review]);
    expect(await titles("PMID: 31978945")).toEqual(["Safety of cell therapy in nephrology"]);
    const [first] = group(
      await searchWorkspace(h.db, viewer, { q: "31978945", kinds: ["evidence"] }),
      "evidence",
    ).hits;
    expect(first?.href).toBe(`/articles/stem-cells-for-kidney-failure?claim=${claim.id}`);
    expect(first?.detail).toBe("PMID 31978945");
  });

  it("finds a library entry by its wording, linking to its page", async () => {
    const { viewer, entry } = await setup();
    const entries = group(
      await searchWorkspace(h.db, viewer, { q: "vitamin colds" }),
      "library_entry",
    );
    expect(entries.hits.map((x) => x.href)).toEqual([`/library/${entry.number}`]);
    expect(highlighted(entries.hits[0]?.title ?? "")).toEqual(["vitamin", "cold"]);
  });

  it("finds a comment, and no longer once it is deleted", async () => {
    const { reviewer, viewer, comment } = await setup();
    const before = group(await searchWorkspace(h.db, viewer, { q: "twelve patients" }), "comment");
    expect(before.hits.map((x) => x.id)).toEqual([comment.id]);
    expect(before.hits[0]?.label).toBe(
      "Comment by Rita Reviewer on Claim 1 in “Stem cells for kidney failure”",
    );
    await ok(
      executeAction(deleteComment, { db: h.db, actor: reviewer }, { commentId: comment.id }),
    );
    const after = group(await searchWorkspace(h.db, viewer, { q: "twelve patients" }), "comment");
    expect(after).toEqual({ kind: "comment", total: 0, hits: [] });
  });

  it("searches only the kinds asked for, and groups every kind in one order", async () => {
    const { viewer } = await setup();
    const all = await searchWorkspace(h.db, viewer, { q: "cell therapy" });
    expect(all.groups.map((g) => g.kind)).toEqual([
      "article",
      "claim",
      "library_entry",
      "evidence",
      "comment",
    ]);
    expect(all.groups.map((g) => g.total)).toEqual([1, 0, 0, 2, 0]);
    const onlyEvidence = await searchWorkspace(h.db, viewer, {
      q: "cell therapy",
      kinds: ["evidence"],
    });
    expect(onlyEvidence.groups.map((g) => [g.kind, g.total])).toEqual([["evidence", 2]]);
  });

  it("keeps the lexicon current through every writer (triggers), and stems nothing in it", async () => {
    await setup();
    const words = await rawRows<{ word: string }>(
      h.db,
      sql`SELECT word FROM search_words WHERE word IN ('toxicity', 'toxic', 'mesenchymal', 'lindqvist', 'twelve', 'vitamin', 'failure', '31978945')`,
    );
    expect(words.map((w) => w.word).sort()).toEqual([
      "failure",
      "lindqvist",
      "mesenchymal",
      "toxicity",
      "twelve",
      "vitamin",
    ]);
  });

  it("matches the big texts on vectors the database keeps with each row (migration 0010)", async () => {
    const { viewer, claim } = await setup();
    // Every stored vector is exactly the text's: written with the row, by every writer.
    const stale = await rawRows<{ n: number }>(
      h.db,
      sql`SELECT (SELECT count(*) FROM revisions WHERE search IS DISTINCT FROM
                   to_tsvector('english', claimdesk_search_text(left(plain_text, 200000))))
               + (SELECT count(*) FROM claim_anchors WHERE search IS DISTINCT FROM
                   to_tsvector('english', claimdesk_search_text(exact)))
               + (SELECT count(*) FROM claims WHERE search IS DISTINCT FROM
                   to_tsvector('english', claimdesk_search_text(rationale)))
               + (SELECT count(*) FROM evidence WHERE search IS DISTINCT FROM
                   to_tsvector('english', claimdesk_search_text(title || ' ' || authors)))
               + (SELECT count(*) FROM comments WHERE search IS DISTINCT FROM
                   to_tsvector('english', claimdesk_search_text(body))) AS n`,
    );
    expect(Number(stale[0]?.n)).toBe(0);
    // An edited rationale is searched by its new words at once, no longer by its old ones.
    await h.db.execute(
      sql`UPDATE claims SET rationale = 'Xenotransplant registries disagree.' WHERE id = ${claim.id}`,
    );
    const search = async (q: string) =>
      group(await searchWorkspace(h.db, viewer, { q }), "claim").hits.map((x) => x.id);
    expect(await search("xenotransplant")).toEqual([claim.id]);
    expect(await search("mesenchymal")).toEqual([]);
    // No writer can set a vector of its own.
    await expect(
      h.db.execute(sql`UPDATE revisions SET search = to_tsvector('english', 'forged')`),
    ).rejects.toThrow();
    // An article's text is searched up to its first 200,000 characters.
    const editor = await createActor(h.db, "editor", "Long Form");
    const filler = "Renal outcomes were reported in several cohorts. ".repeat(4_100);
    await importArticle(h.db, editor, `Quixotic opening. ${filler}Zymurgical ending.`, "Long read");
    const articles = async (q: string) =>
      group(await searchWorkspace(h.db, viewer, { q }), "article").hits.map((x) => x.title);
    expect((await articles("quixotic")).length).toBe(1);
    expect(await articles("zymurgical")).toEqual([]);
  });

  it("answers hostile queries with results or nothing, never an error", async () => {
    const { viewer } = await setup();
    const hostile = [
      "",
      "   ",
      '"',
      '"rejection',
      "rejection\"'",
      "!!! & | <-> :* ( )",
      "-",
      "or or and",
      "the of a",
      "' OR 1=1; DROP TABLE claims; --",
      "rejection:*A & !",
      "\u0000rejection\u0007",
      `${HIGHLIGHT_START}rejection${HIGHLIGHT_END}`,
      "rejection ".repeat(1_000),
      "x".repeat(10_000),
      "🧪🧫 \u202Erejection\u202C \uD800 ﬁbrosis",
      "Zürich straße ÉCOLE",
      "<script>alert(1)</script>",
    ];
    for (const q of hostile) {
      const results = await searchWorkspace(h.db, viewer, { q });
      expect(results.q.length).toBeLessThanOrEqual(200);
      expect(results.groups).toHaveLength(5);
    }
    const quoted = await searchWorkspace(h.db, viewer, {
      q: '"rejection reaction"',
      kinds: ["claim"],
    });
    expect(group(quoted, "claim").total).toBe(1);
    const marks = await searchWorkspace(h.db, viewer, {
      q: `${HIGHLIGHT_START}rejection${HIGHLIGHT_END}`,
      kinds: ["claim"],
    });
    expect(marks.q).toBe("rejection");
    expect(group(marks, "claim").total).toBe(1);
  });

  it("is refused to the signed-out", async () => {
    await setup();
    await expect(searchWorkspace(h.db, null, { q: "rejection" })).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});
