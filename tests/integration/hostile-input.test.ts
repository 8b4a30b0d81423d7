/**
 * Issue 10, item 14: hostile JSON never ends in a 500. The one pre-processing step every action
 * and route runs before zod (`cleanInput` in lib/server/action.ts) bounds the nesting with a
 * loop, not recursion, and makes every string storable; a refusal is a `validation` error
 * (400 over HTTP, ERROR_STATUS) with a message, and writes nothing.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, comments, revisions } from "../../db/schema";
import { ERROR_STATUS } from "../../lib/core/errors";
import { cleanInput, executeAction, MAX_INPUT_DEPTH } from "../../lib/server/action";
import { addComment } from "../../lib/services/comments/service";
import { saveRevision } from "../../lib/services/revisions/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle } from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

const h = freshDatabasePerTest();

/** The probe's body: 10,000 arrays, one inside the other (20 KB of JSON). */
const TEN_THOUSAND_ARRAYS = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;

/** A document with `depth` blockquotes one inside the other, built without recursion. */
function nestedBlockquotes(depth: number) {
  let block: unknown = { type: "paragraph", content: [{ type: "text", text: "deep" }] };
  for (let i = 0; i < depth; i++) block = { type: "blockquote", content: [block] };
  return { type: "doc", content: [block] };
}

describe("nesting is bounded before anything recursive runs", () => {
  it("refuses 10,000 nested arrays without a session with a 400 and a message", async () => {
    expect(TEN_THOUSAND_ARRAYS.length).toBe(20_000);
    const before = await countRows(h.db);
    const result = await executeAction(
      addComment,
      { db: h.db, actor: null },
      JSON.parse(TEN_THOUSAND_ARRAYS),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: "validation",
        message: `The input nests more than ${MAX_INPUT_DEPTH} levels deep.`,
      },
    });
    expect(ERROR_STATUS.validation).toBe(400);
    expect(await countRows(h.db)).toEqual(before);
  });

  it("refuses a document 5,000 blockquotes deep in revision.save", async () => {
    const editor = await createActor(h.db, "editor");
    const article = await importArticle(h.db, editor);
    const before = await countRows(h.db);
    const input = JSON.parse(
      JSON.stringify({
        articleId: article.id,
        baseRevisionId: article.revisionId,
        summary: "Deep",
        doc: { type: "doc", content: [] },
      }),
    );
    input.doc = nestedBlockquotes(5_000);
    const result = await executeAction(saveRevision, { db: h.db, actor: editor }, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("validation");
    expect(result.error.message).toMatch(/nests more than \d+ levels deep/);
    expect(await countRows(h.db)).toEqual(before);
  });

  it("still lets the deepest document the editor allows through", async () => {
    const editor = await createActor(h.db, "editor");
    const article = await importArticle(h.db, editor);
    // 30 blockquotes: 60 levels of the document's own nesting (each block and its content list).
    const result = await executeAction(
      saveRevision,
      { db: h.db, actor: editor },
      {
        articleId: article.id,
        baseRevisionId: article.revisionId,
        summary: "Quoted quotes",
        doc: nestedBlockquotes(30),
      },
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(
      await h.db.select().from(revisions).where(eq(revisions.articleId, article.id)),
    ).toHaveLength(2);
  });
});

describe("unpaired surrogates are replaced by U+FFFD", () => {
  it('saves a comment "\\ud800" (and its audit event) instead of failing the audit insert', async () => {
    const editor = await createActor(h.db, "editor");
    const reviewer = await createActor(h.db, "reviewer");
    const article = await importArticle(h.db, editor);
    const claim = await claimQuote(h.db, reviewer, article.revisionId);
    // Exactly what the probe sent: the JSON escape of a lone high surrogate.
    const input = JSON.parse(`{"claimId":"${claim.id}","body":"\\ud800"}`);
    const result = await executeAction(addComment, { db: h.db, actor: reviewer }, input);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const [row] = await h.db.select().from(comments).where(eq(comments.claimId, claim.id));
    expect(row?.body).toBe("\uFFFD");
    const events = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityType, "comment"));
    expect(JSON.stringify(events.at(-1)?.after)).toContain("\uFFFD");
  });

  it("keeps paired surrogates (emoji) and replaces lone low ones, in values and keys", () => {
    expect(cleanInput({ body: "ok 😀 \udc00 x\ud800", "k\ud800": ["\u0000a"] })).toEqual({
      body: "ok 😀 \uFFFD x\uFFFD",
      "k\uFFFD": ["a"],
    });
  });

  it("keeps keys such as __proto__ as plain data, in order", () => {
    const out = cleanInput(JSON.parse('{"b":1,"__proto__":{"x":1},"a":[2]}')) as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["b", "__proto__", "a"]);
  });
});
