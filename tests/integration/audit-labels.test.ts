/**
 * The audit page reads as sentences: each event's entity by its label ("Claim 1 in “Stem
 * cells”", "User Rita Reviewer") and its action in words, looked up on a real database; the
 * CSV download keeps the raw codes for auditors' filters.
 */
import { describe, expect, it } from "vitest";
import { findArticleById } from "../../db/queries/articles";
import { auditLogQuerySchema } from "../../lib/core/validation/audit";
import { executeAction } from "../../lib/server/action";
import { transitionArticle } from "../../lib/services/articles/service";
import { auditCsvStream, readAuditLog } from "../../lib/services/audit/read";
import { assignClaim } from "../../lib/services/claims/assign";
import { addComment } from "../../lib/services/comments/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { importLibrary } from "../../lib/services/library/import";
import { updateSettings } from "../../lib/services/settings/service";
import { changeUserRole } from "../../lib/services/users/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle, ok, STEM_CELL_TEXT } from "../helpers/fixtures";

const h = freshDatabasePerTest();

describe("audit labels", () => {
  it("names every entity by its label and every action in words; the CSV keeps the codes", async () => {
    const admin = await createActor(h.db, "admin", "Ada Admin");
    const editor = await createActor(h.db, "editor", "Edna Editor");
    const reviewer = await createActor(h.db, "reviewer", "Rita Reviewer");
    const as = (actor: typeof admin) => ({ db: h.db, actor });
    const stem = await importArticle(h.db, editor, STEM_CELL_TEXT, "Stem cells");
    const claim = await claimQuote(h.db, reviewer, stem.revisionId);
    await ok(
      executeAction(assignClaim, as(editor), { claimId: claim.id, assigneeId: reviewer.id }),
    );
    await ok(
      executeAction(addEvidence, as(reviewer), {
        claimId: claim.id,
        title: "A cohort study",
        stance: "contradicts",
        studyDesign: "cohort",
      }),
    );
    await ok(executeAction(addComment, as(reviewer), { claimId: claim.id, body: "Checked." }));
    await ok(
      executeAction(transitionArticle, as(editor), {
        articleId: stem.id,
        transition: "submit",
        version: (await findArticleById(h.db, stem.id))?.version ?? 0,
      }),
    );
    await ok(executeAction(changeUserRole, as(admin), { userId: reviewer.id, role: "editor" }));
    await ok(
      executeAction(updateSettings, as(admin), {
        organizationName: "Kidney Desk",
        reviewIntervalMonths: 12,
        publicPagesEnabled: true,
      }),
    );

    await ok(
      executeAction(importLibrary, as(editor), {
        format: "json",
        text: JSON.stringify([{ id: "a", text: "Vitamin C prevents colds." }]),
      }),
    );

    const { events } = await readAuditLog(h.db, admin, auditLogQuerySchema.parse({}));
    const shown = events.map((e) => [e.actionWords, e.entityLabel]);
    expect(shown).toEqual([
      ["Imported into the claims library", "Library entry K1"],
      ["Changed the workspace settings", "Workspace settings"],
      ["Changed a role", "User Rita Reviewer"],
      ["Submitted for review", "Article “Stem cells”"],
      ["Commented", "Comment on claim 1 in “Stem cells”"],
      ["Added evidence", "Evidence on claim 1 in “Stem cells”"],
      ["Assigned a claim", "Claim 1 in “Stem cells”"],
      ["Created a claim", "Claim 1 in “Stem cells”"],
      ["Imported an article", "Article “Stem cells”"],
    ]);
    // No raw code is what a person reads.
    for (const [words, label] of shown) {
      expect(words).not.toMatch(/[._]/);
      expect(label).not.toMatch(/[0-9a-f]{8}-/);
    }
    expect(events.find((e) => e.action === "claim.assign")?.claimId).toBe(claim.id);

    const csv = await new Response(
      auditCsvStream(h.db, admin, auditLogQuerySchema.parse({})),
    ).text();
    expect(csv).toContain(",claim.assign,claim,");
    expect(csv).toContain(",settings.update,settings,");
    expect(csv).not.toContain("Assigned a claim");
  });
});
