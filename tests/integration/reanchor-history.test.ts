/**
 * Re-anchoring on a real database, as a claim's history tells it: the demo article's "Even
 * though …" paragraph cut and pasted at the end makes its claim `moved` (not `exact`), and every
 * later change of a claim's anchor state is one `claim.reanchor` event, written in the save's
 * transaction, read back as a sentence. Claims that stay in place get no event.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claimAnchors, revisions } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import { parseDemoArticle } from "../../lib/entry/demo/seed";
import { getReviewData } from "../../lib/services/articles/read";
import { getClaimHistory } from "../../lib/services/claims/read";
import { type SavedRevision, saveRevision } from "../../lib/services/revisions/service";
import { databasePerFile } from "../helpers/db";
import { claimQuote, createActor, importArticle } from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

const DEMO = parseDemoArticle(
  fs.readFileSync(
    path.join(import.meta.dirname, "../../lib/entry/demo/stem-cell-kidney-failure.txt"),
    "utf8",
  ),
).text;
const PARAGRAPHS = DEMO.split("\n\n");
const EVEN_THOUGH = PARAGRAPHS.findIndex((p) => p.startsWith("Even though"));
/** The demo article with its "Even though …" paragraph cut and pasted at the end. */
const MOVED = [
  ...PARAGRAPHS.slice(0, EVEN_THOUGH),
  ...PARAGRAPHS.slice(EVEN_THOUGH + 1),
  PARAGRAPHS[EVEN_THOUGH],
].join("\n\n");

const QUOTES = {
  toxicity: "no toxicity and rejection reaction",
  before: "can find the areas where impaired kidneys located",
  after: "professional doctors can determine",
};

async function save(actor: Actor, articleId: string, baseRevisionId: string, text: string) {
  const result = await run(saveRevision, actor, {
    articleId,
    baseRevisionId,
    summary: "Edited",
    doc: textToDoc(text),
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function reanchorEvents(claimId: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, claimId), eq(auditEvents.action, "claim.reanchor")))
    .orderBy(auditEvents.id);
}

async function stateIn(claimId: string, revision: SavedRevision) {
  const [row] = await db()
    .select({ state: claimAnchors.state, start: claimAnchors.start })
    .from(claimAnchors)
    .where(
      and(eq(claimAnchors.claimId, claimId), eq(claimAnchors.revisionId, revision.revisionId)),
    );
  return row;
}

async function demoWithClaims() {
  const editor = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const article = await importArticle(db(), editor, DEMO, `Demo ${randomUUID()}`);
  const claims = {
    toxicity: await claimQuote(db(), reviewer, article.revisionId, QUOTES.toxicity),
    before: await claimQuote(db(), reviewer, article.revisionId, QUOTES.before),
    after: await claimQuote(db(), reviewer, article.revisionId, QUOTES.after),
  };
  return { editor, reviewer, article, claims };
}

describe("re-anchoring history", () => {
  it("a claim in a moved paragraph is moved, with one event; the others stay exact, silently", async () => {
    const { editor, reviewer, article, claims: c } = await demoWithClaims();
    const second = await save(editor, article.id, article.revisionId, MOVED);
    expect(second.anchors).toMatchObject({ exact: 2, moved: 1 });
    expect(await stateIn(c.toxicity.id, second)).toEqual({
      state: "moved",
      start: MOVED.indexOf(QUOTES.toxicity),
    });
    expect((await stateIn(c.before.id, second))?.state).toBe("exact");
    expect(await stateIn(c.after.id, second)).toEqual({
      state: "exact",
      start: MOVED.indexOf(QUOTES.after),
    });

    const events = await reanchorEvents(c.toxicity.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: editor.id,
      articleId: article.id,
      before: { anchorState: "exact", exact: QUOTES.toxicity },
      after: { anchorState: "moved", exact: QUOTES.toxicity, revision: 2 },
    });
    expect(await reanchorEvents(c.before.id)).toHaveLength(0);
    expect(await reanchorEvents(c.after.id)).toHaveLength(0);

    const history = await getClaimHistory(db(), reviewer, c.toxicity.id);
    const entry = history.find((h) => h.summary.startsWith("re-anchored"));
    expect(entry?.summary).toBe(
      "re-anchored the claim in revision 2: moved (same words, another place)",
    );
    expect(entry?.changes).toContainEqual({
      field: "Anchor",
      before: "Same text, same place",
      after: "Same text, moved",
    });

    // The review page's claims carry the state and the previous revision's anchor.
    const review = await getReviewData(db(), reviewer, article.slug);
    const shown = review.claims.find((x) => x.id === c.toxicity.id);
    expect(shown?.anchor.state).toBe("moved");
    expect(shown?.anchorBefore).toMatchObject({ exact: QUOTES.toxicity, state: "exact" });
  });

  it("writes one event per state change and none while a state holds", async () => {
    const { editor, reviewer, article, claims: c } = await demoWithClaims();
    const r2 = await save(editor, article.id, article.revisionId, MOVED);
    // An edit elsewhere: the moved claim is back to exact (same place as in revision 2).
    const r3 = await save(editor, article.id, r2.revisionId, `Updated in 2026.\n\n${MOVED}`);
    expect((await stateIn(c.toxicity.id, r3))?.state).toBe("exact");
    const paragraph = (PARAGRAPHS[EVEN_THOUGH] ?? "").replace(
      QUOTES.toxicity,
      "no toxicity and no rejection reaction",
    );
    const reworded = `Updated in 2026.\n\n${MOVED.replace(PARAGRAPHS[EVEN_THOUGH] ?? "", paragraph)}`;
    const r4 = await save(editor, article.id, r3.revisionId, reworded);
    expect((await stateIn(c.toxicity.id, r4))?.state).toBe("changed");
    // The panel's old wording beside the new: the quote in revision 3, and the one now.
    const review = await getReviewData(db(), reviewer, article.slug);
    const shown = review.claims.find((x) => x.id === c.toxicity.id);
    expect(shown?.anchorBefore).toMatchObject({ exact: QUOTES.toxicity, state: "exact" });
    expect(shown?.anchor.exact).toContain("no toxicity and no rejection reaction");
    // The paragraph (now the last one) deleted.
    const deleted = reworded.replace(`\n\n${paragraph}`, "");
    expect(deleted).not.toContain("rejection reaction");
    const r5 = await save(editor, article.id, r4.revisionId, deleted);
    expect((await stateIn(c.toxicity.id, r5))?.state).toBe("orphaned");
    // Still orphaned after another edit: no new event.
    const r6 = await save(editor, article.id, r5.revisionId, `${deleted}\n\nA closing line.`);
    expect((await stateIn(c.toxicity.id, r6))?.state).toBe("orphaned");

    const events = await reanchorEvents(c.toxicity.id);
    expect(
      events.map((e) => [e.before?.anchorState, e.after?.anchorState, e.after?.revision]),
    ).toEqual([
      ["exact", "moved", 2],
      ["moved", "exact", 3],
      ["exact", "changed", 4],
      ["changed", "orphaned", 5],
    ]);
    // The claims that never left their place have no re-anchoring events at all.
    expect(await reanchorEvents(c.after.id)).toHaveLength(0);

    const summaries = (await getClaimHistory(db(), reviewer, c.toxicity.id))
      .map((h) => h.summary)
      .filter((s) => s.startsWith("re-anchored"));
    expect(summaries).toEqual([
      "re-anchored the claim in revision 2: moved (same words, another place)",
      "re-anchored the claim in revision 3: same text, same place",
      "re-anchored the claim in revision 4: wording changed, was “no toxicity and rejection reaction”",
      "re-anchored the claim in revision 5: orphaned (text not found)",
    ]);
  });

  it("writes the events in the save's transaction: when one cannot be stored, nothing is saved", async () => {
    const { editor, article, claims: c } = await demoWithClaims();
    const fn = `cd_fail_${randomUUID().replace(/-/g, "")}`;
    await db().execute(
      sql.raw(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no re-anchor events (test)'; END; $$`,
      ),
    );
    await db().execute(
      sql.raw(
        `CREATE TRIGGER ${fn} BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.action = 'claim.reanchor') EXECUTE FUNCTION ${fn}()`,
      ),
    );
    const original = console.error;
    console.error = () => {};
    try {
      const result = await run(saveRevision, editor, {
        articleId: article.id,
        baseRevisionId: article.revisionId,
        summary: "Move a paragraph",
        doc: textToDoc(MOVED),
      });
      expect(result.ok).toBe(false);
    } finally {
      console.error = original;
      await db().execute(sql.raw(`DROP TRIGGER ${fn} ON audit_events`));
      await db().execute(sql.raw(`DROP FUNCTION ${fn}()`));
    }
    const [n] = await db()
      .select({ n: count() })
      .from(revisions)
      .where(eq(revisions.articleId, article.id));
    expect(n?.n).toBe(1);
    expect(await reanchorEvents(c.toxicity.id)).toHaveLength(0);
  });
});
