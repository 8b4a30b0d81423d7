/**
 * Restoring a dismissed suggestion on a real database: the review page lists the dismissals the
 * text still has, restoring one offers the suggestion again, and the audit trail keeps both the
 * dismissal and the restore.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, suggestionDismissals } from "../../db/schema";
import { executeAction } from "../../lib/server/action";
import { getReviewData } from "../../lib/services/articles/read";
import { dismissSuggestion, restoreSuggestion } from "../../lib/services/suggestions/service";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, importArticle } from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

const h = freshDatabasePerTest();
const HARM = "no toxicity and rejection reaction";

async function dismissedHarm() {
  const editor = await createActor(h.db, "editor");
  const reviewer = await createActor(h.db, "reviewer");
  const article = await importArticle(h.db, editor);
  const harm = (await getReviewData(h.db, reviewer, article.slug)).suggestions.find((s) =>
    s.text.includes(HARM),
  );
  if (!harm) throw new Error("expected the harm denial to be suggested");
  const dismissed = await executeAction(
    dismissSuggestion,
    { db: h.db, actor: reviewer },
    { articleId: article.id, sentence: harm.text },
  );
  expect(dismissed.ok).toBe(true);
  return { editor, reviewer, article, harm };
}

describe("dismissed suggestions", () => {
  it("are listed on the review page with who dismissed them, for reviewers only", async () => {
    const { reviewer, article, harm } = await dismissedHarm();
    const data = await getReviewData(h.db, reviewer, article.slug);
    expect(data.suggestions.some((s) => s.text.includes(HARM))).toBe(false);
    expect(data.dismissedSuggestions).toMatchObject([
      { sentence: harm.text, dismissedByName: reviewer.name },
    ]);
    // A dismissal of a sentence that is not in the text would restore nothing: not listed.
    await h.db
      .insert(suggestionDismissals)
      .values({ articleId: article.id, sentence: "Not in this text.", dismissedById: reviewer.id });
    expect((await getReviewData(h.db, reviewer, article.slug)).dismissedSuggestions).toHaveLength(
      1,
    );
    const viewer = await createActor(h.db, "viewer");
    expect((await getReviewData(h.db, viewer, article.slug)).dismissedSuggestions).toEqual([]);
  });

  it("can be restored: suggested again, dismissal removed, both steps audited", async () => {
    const { editor, reviewer, article, harm } = await dismissedHarm();
    const result = await executeAction(
      restoreSuggestion,
      { db: h.db, actor: editor },
      // Re-wrapped whitespace names the same sentence.
      { articleId: article.id, sentence: harm.text.replace(/ /g, "\n ") },
    );
    expect(result).toEqual({ ok: true, data: { restored: true } });
    expect(
      await h.db
        .select()
        .from(suggestionDismissals)
        .where(eq(suggestionDismissals.articleId, article.id)),
    ).toEqual([]);
    const data = await getReviewData(h.db, reviewer, article.slug);
    expect(data.suggestions.some((s) => s.text === harm.text)).toBe(true);
    expect(data.dismissedSuggestions).toEqual([]);

    const events = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.articleId, article.id), eq(auditEvents.entityType, "suggestion")))
      .orderBy(auditEvents.id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["suggestion.dismiss", reviewer.id],
      ["suggestion.restore", editor.id],
    ]);
    expect(events[1]?.before).toMatchObject({ sentence: harm.text, dismissedById: reviewer.id });

    // Dismissable again afterwards.
    const again = await executeAction(
      dismissSuggestion,
      { db: h.db, actor: reviewer },
      { articleId: article.id, sentence: harm.text },
    );
    expect(again.ok).toBe(true);
    expect((await getReviewData(h.db, reviewer, article.slug)).dismissedSuggestions).toHaveLength(
      1,
    );
  });

  it("refuses a viewer, and a sentence that is not dismissed, writing nothing", async () => {
    const { article, harm } = await dismissedHarm();
    const viewer = await createActor(h.db, "viewer");
    const reviewer = await createActor(h.db, "reviewer");
    const before = await countRows(h.db);
    const byViewer = await executeAction(
      restoreSuggestion,
      { db: h.db, actor: viewer },
      { articleId: article.id, sentence: harm.text },
    );
    expect(byViewer).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const notDismissed = await executeAction(
      restoreSuggestion,
      { db: h.db, actor: reviewer },
      { articleId: article.id, sentence: "Some other sentence." },
    );
    expect(notDismissed).toMatchObject({ ok: false, error: { code: "rule" } });
    expect(await countRows(h.db)).toEqual(before);
  });
});
