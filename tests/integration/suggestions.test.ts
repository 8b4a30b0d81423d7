import { describe, expect, it } from "vitest";
import { findRevisionById } from "../../db/queries/revisions";
import { auditEvents, revisionSuggestions, suggestionDismissals } from "../../db/schema";
import { detectClaims } from "../../lib/core/detect/detect";
import { DETECTOR_VERSION, toStoredSuggestion } from "../../lib/core/suggestions/select";
import { executeAction } from "../../lib/server/action";
import { getReviewData } from "../../lib/services/articles/read";
import { createClaim } from "../../lib/services/claims/service";
import { dismissSuggestion } from "../../lib/services/suggestions/service";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, importArticle, STEM_CELL_TEXT } from "../helpers/fixtures";

const h = freshDatabasePerTest();
const HARM = "no toxicity and rejection reaction";

async function setup() {
  const editor = await createActor(h.db, "editor");
  const reviewer = await createActor(h.db, "reviewer");
  const article = await importArticle(h.db, editor);
  return { editor, reviewer, article };
}

describe("suggested claims", () => {
  it("suggests the harm denial of the example with its phrase, for reviewers only", async () => {
    const { reviewer, article } = await setup();
    const data = await getReviewData(h.db, reviewer, "stem-cells");
    const harm = data.suggestions.find((s) => s.text.includes(HARM));
    expect(harm?.reasons).toContain("harm-denial");
    expect(harm?.phrase?.text).toContain("no toxicity");
    const plainText = (await findRevisionById(h.db, article.revisionId))?.plainText ?? "";
    expect(plainText.slice(harm?.start, harm?.end)).toBe(harm?.text);
    const viewer = await createActor(h.db, "viewer");
    expect((await getReviewData(h.db, viewer, "stem-cells")).suggestions).toEqual([]);
    expect(article.slug).toBe("stem-cells");
  });

  it("hides a suggestion once a claim covers part of it", async () => {
    const { reviewer, article } = await setup();
    const start = STEM_CELL_TEXT.indexOf(HARM);
    const created = await executeAction(
      createClaim,
      { db: h.db, actor: reviewer },
      { revisionId: article.revisionId, start, end: start + HARM.length, exact: HARM },
    );
    expect(created.ok).toBe(true);
    const data = await getReviewData(h.db, reviewer, "stem-cells");
    expect(data.suggestions.some((s) => s.text.includes(HARM))).toBe(false);
  });

  it("remembers a dismissal once per sentence, with an audit event", async () => {
    const { reviewer, article } = await setup();
    const before = await getReviewData(h.db, reviewer, "stem-cells");
    const harm = before.suggestions.find((s) => s.text.includes(HARM));
    if (!harm) throw new Error("expected a suggestion");
    const run = (sentence: string) =>
      executeAction(
        dismissSuggestion,
        { db: h.db, actor: reviewer },
        { articleId: article.id, sentence },
      );
    expect(await run(harm.text)).toEqual({ ok: true, data: { dismissed: true } });
    // Re-wrapped whitespace is the same sentence.
    expect(await run(harm.text.replace(/ /g, "\n "))).toEqual({
      ok: true,
      data: { dismissed: true },
    });
    expect(await h.db.select().from(suggestionDismissals)).toHaveLength(1);
    const events = await h.db.select().from(auditEvents);
    expect(events.filter((e) => e.action === "suggestion.dismiss")).toHaveLength(1);
    const after = await getReviewData(h.db, reviewer, "stem-cells");
    expect(after.suggestions.some((s) => s.text.includes(HARM))).toBe(false);
    expect(after.suggestions).toHaveLength(before.suggestions.length - 1);
  });

  it("refuses a viewer's dismissal and writes nothing", async () => {
    const { article } = await setup();
    const viewer = await createActor(h.db, "viewer");
    const result = await executeAction(
      dismissSuggestion,
      { db: h.db, actor: viewer },
      { articleId: article.id, sentence: "Anything." },
    );
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await h.db.select().from(suggestionDismissals)).toHaveLength(0);
  });
});

describe("stored suggestions", () => {
  it("computes a revision's suggestions once and reads them back at the detector's version", async () => {
    const { reviewer, article } = await setup();
    const first = await getReviewData(h.db, reviewer, "stem-cells");
    const rows = await h.db.select().from(revisionSuggestions);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      revisionId: article.revisionId,
      detectorVersion: DETECTOR_VERSION,
    });
    expect(rows[0]?.suggestions).toEqual(detectClaims(STEM_CELL_TEXT).map(toStoredSuggestion));
    // A second read serves the stored row: no second row, the same list.
    const second = await getReviewData(h.db, reviewer, "stem-cells");
    expect(second.suggestions).toEqual(first.suggestions);
    expect(await h.db.select().from(revisionSuggestions)).toHaveLength(1);
  });

  it("replaces a row of another detector version instead of serving it", async () => {
    const { reviewer, article } = await setup();
    await h.db.insert(revisionSuggestions).values({
      revisionId: article.revisionId,
      detectorVersion: DETECTOR_VERSION - 1,
      suggestions: [{ start: 0, end: 3, text: "Old", reasons: ["absolute"], phrase: null }],
    });
    const data = await getReviewData(h.db, reviewer, "stem-cells");
    expect(data.suggestions.some((s) => s.text === "Old")).toBe(false);
    expect(data.suggestions.some((s) => s.text.includes(HARM))).toBe(true);
    const rows = await h.db.select().from(revisionSuggestions);
    expect(rows.map((r) => r.detectorVersion)).toEqual([DETECTOR_VERSION]);
  });
});
