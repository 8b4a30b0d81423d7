import { describe, expect, it } from "vitest";
import { articles } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { renderHtmlExport } from "../../lib/core/export/html";
import { executeAction } from "../../lib/server/action";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote } from "../../lib/services/claims/service";
import { loadExportModel } from "../../lib/services/exports/load";
import { freshDatabasePerTest } from "../helpers/db";
import {
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  triageSuggestions,
} from "../helpers/fixtures";

const h = freshDatabasePerTest();

const QUOTE = "no toxicity and rejection reaction";

/** The thin path through the services: import, claim, evidence, verdict, note, approval. */
async function reviewedArticle() {
  const editor = await createActor(h.db, "editor", "Ed Itor");
  const approver = await createActor(h.db, "editor", "Man Aging");
  const reviewer = await createActor(h.db, "reviewer", "Rev Iewer");
  const imported = await importArticle(h.db, editor);
  const as = (actor: Actor) => ({ db: h.db, actor });
  const updated = await resolvedInaccurateClaim(h.db, reviewer, imported.revisionId);
  return { editor, approver, reviewer, imported, claim: updated, as };
}

async function articleVersion(id: string) {
  const rows = await h.db.select().from(articles);
  return rows.find((a) => a.id === id)?.version ?? 0;
}

describe("export model", () => {
  it("exports the work in progress, marked unapproved, until a revision is approved", async () => {
    const { reviewer } = await reviewedArticle();
    const model = await loadExportModel(h.db, reviewer, "stem-cells");
    expect(model.revision).toMatchObject({ number: 1, approved: false, approvedBy: null });
    expect(model.claims).toHaveLength(1);
    expect(model.claims[0]).toMatchObject({
      note: 1,
      verdict: "inaccurate",
      quote: { exact: QUOTE },
      reviewer: "Rev Iewer",
      evidence: [{ doi: "10.1000/claimdesk.test", cebmLevel: 1, stance: "contradicts" }],
    });
    expect(model.organization.name).toBe("Claimdesk");
    // Only what readers need: no database ids or internal fields travel in an export.
    expect(Object.keys(model.claims[0]?.evidence[0] ?? {}).sort()).toEqual(
      [
        "authors",
        "cebmLevel",
        "doi",
        "excerpt",
        "gradeCertainty",
        "gradeDowngradeReasons",
        "pmid",
        "publisher",
        "stance",
        "studyDesign",
        "title",
        "url",
        "year",
      ].sort(),
    );
    expect(JSON.stringify(model)).not.toMatch(/"(id|claimId|createdById|addedById)"/);
  });

  it("exports the approved revision with its approver, for a viewer", async () => {
    const { editor, approver, reviewer, claim, imported, as } = await reviewedArticle();
    await ok(
      executeAction(transitionArticle, as(editor), {
        articleId: imported.id,
        transition: "submit",
        version: await articleVersion(imported.id),
      }),
    );
    await ok(
      executeAction(setEditorNote, as(approver), {
        claimId: claim.id,
        version: claim.version,
        editorNote: "We publish this with our correction.",
      }),
    );
    await triageSuggestions(h.db, reviewer, imported.id);
    await ok(
      executeAction(transitionArticle, as(approver), {
        articleId: imported.id,
        transition: "approve",
        version: await articleVersion(imported.id),
      }),
    );
    const viewer = await createActor(h.db, "viewer");
    const model = await loadExportModel(h.db, viewer, "stem-cells");
    expect(model.revision).toMatchObject({ number: 1, approved: true, approvedBy: "Man Aging" });
    expect(model.claims[0]?.editorNote).toBe("We publish this with our correction.");

    const html = renderHtmlExport(model);
    expect(html).toMatch(new RegExp(`<mark class="claim verdict-inaccurate"[^>]*>${QUOTE}</mark>`));
    expect(html).toContain("https://doi.org/10.1000/claimdesk.test");
    expect(html).toContain("We publish this with our correction.");
    expect(html).toMatch(
      /Fact-checked by Claimdesk: revision 1, approved \d+ \w+ \d{4} by Man Aging\./,
    );
  });

  it("refuses anonymous readers and reports unknown articles and revisions", async () => {
    const { reviewer } = await reviewedArticle();
    await expect(loadExportModel(h.db, null, "stem-cells")).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(loadExportModel(h.db, reviewer, "no-such-article")).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      loadExportModel(h.db, reviewer, "stem-cells", { revision: 9 }),
    ).rejects.toMatchObject({ code: "not_found", message: "Revision 9 was not found." });
  });
});
