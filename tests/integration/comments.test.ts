import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, comments } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { getReviewData } from "../../lib/services/articles/read";
import { updateClaim } from "../../lib/services/claims/service";
import { addComment, deleteComment, editComment } from "../../lib/services/comments/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle } from "../helpers/fixtures";

const h = freshDatabasePerTest();

const MISSING_ID = "00000000-0000-4000-8000-000000000000";

async function setup() {
  const editor = await createActor(h.db, "editor", "Edna Editor");
  const reviewer = await createActor(h.db, "reviewer", "Rita Reviewer");
  const otherReviewer = await createActor(h.db, "reviewer", "Rob Reviewer");
  const viewer = await createActor(h.db, "viewer", "Vic Viewer");
  const admin = await createActor(h.db, "admin", "Ada Admin");
  const article = await importArticle(h.db, editor);
  const claim = await claimQuote(h.db, reviewer, article.revisionId);
  return { editor, reviewer, otherReviewer, viewer, admin, article, claim };
}

const run = <T>(def: Parameters<typeof executeAction>[0], actor: Actor | null, input: T) =>
  executeAction(def, { db: h.db, actor }, input);

/** Adds a comment as `actor` and returns its id. */
async function comment(
  actor: Actor,
  claimId: string,
  body = "Source? The cited trial had 12 patients.",
) {
  const result = await executeAction(addComment, { db: h.db, actor }, { claimId, body });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.id;
}

const commentEvents = () =>
  h.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.entityType, "comment"))
    .orderBy(auditEvents.id);

/** Everything a refused action could have touched: the comment rows and the audit trail. */
const snapshot = async () => ({
  comments: await h.db.select().from(comments).orderBy(comments.createdAt),
  events: (await h.db.select().from(auditEvents)).length,
});

/** The comments of the one claim, as the review page gets them for `actor`. */
async function reviewComments(actor: Actor) {
  const data = await getReviewData(h.db, actor, "stem-cells");
  return data.claims[0]?.comments ?? [];
}

describe("add a comment", () => {
  it("stores the trimmed body, records it and shows it rendered to everyone", async () => {
    const { reviewer, viewer, claim, article } = await setup();
    const result = await run(addComment, reviewer, {
      claimId: claim.id,
      body: "  **No** — see <script>alert(1)</script>  ",
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        claimId: claim.id,
        authorId: reviewer.id,
        body: "**No** — see <script>alert(1)</script>",
      },
    });
    const [row] = await h.db.select().from(comments);
    expect(row).toMatchObject({ body: "**No** — see <script>alert(1)</script>", deletedAt: null });

    expect(await commentEvents()).toMatchObject([
      {
        action: "comment.add",
        actorId: reviewer.id,
        entityId: row?.id,
        articleId: article.id,
        before: null,
        after: { claimId: claim.id, body: "**No** — see <script>alert(1)</script>" },
      },
    ]);

    const [shown] = await reviewComments(viewer);
    expect(shown).toMatchObject({
      authorName: "Rita Reviewer",
      bodyHtml: "<p><strong>No</strong> — see &lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
      edited: false,
      canEdit: false,
    });
  });

  it("refuses a viewer, an empty or too long body and an unknown claim, writing nothing", async () => {
    const { reviewer, viewer, claim } = await setup();
    const before = await snapshot();

    const asViewer = await run(addComment, viewer, { claimId: claim.id, body: "Hi" });
    expect(asViewer).toEqual({ ok: false, error: expect.objectContaining({ code: "forbidden" }) });

    const blank = await run(addComment, reviewer, { claimId: claim.id, body: "   \n " });
    expect(blank).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { body: ["Comment is required."] } },
    });
    const long = await run(addComment, reviewer, { claimId: claim.id, body: "x".repeat(10_001) });
    expect(long).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: { body: ["Comment can be at most 10,000 characters."] },
      },
    });
    const nowhere = await run(addComment, reviewer, { claimId: MISSING_ID, body: "Hi" });
    expect(nowhere).toMatchObject({ ok: false, error: { code: "not_found" } });
    const anonymous = await run(addComment, null, { claimId: claim.id, body: "Hi" });
    expect(anonymous).toMatchObject({ ok: false, error: { code: "unauthenticated" } });

    expect(await snapshot()).toEqual(before);
  });

  it("accepts exactly 10,000 characters", async () => {
    const { reviewer, claim } = await setup();
    const result = await run(addComment, reviewer, { claimId: claim.id, body: "y".repeat(10_000) });
    expect(result.ok).toBe(true);
  });
});

describe("edit a comment", () => {
  it("lets the author edit, records before and after, and marks it edited", async () => {
    const { reviewer, claim } = await setup();
    const id = await comment(reviewer, claim.id, "First thought");
    const result = await run(editComment, reviewer, { commentId: id, body: " Second *thought* " });
    expect(result).toMatchObject({ ok: true, data: { id, body: "Second *thought*" } });

    const events = await commentEvents();
    expect(events.at(-1)).toMatchObject({
      action: "comment.edit",
      actorId: reviewer.id,
      entityId: id,
      before: { claimId: claim.id, body: "First thought" },
      after: { claimId: claim.id, body: "Second *thought*" },
    });
    const [shown] = await reviewComments(reviewer);
    expect(shown).toMatchObject({
      body: "Second *thought*",
      bodyHtml: "<p>Second <em>thought</em></p>\n",
      edited: true,
      canEdit: true,
    });
  });

  it("writes no event when the body did not change", async () => {
    const { reviewer, claim } = await setup();
    const id = await comment(reviewer, claim.id, "Same");
    const before = await snapshot();
    expect(await run(editComment, reviewer, { commentId: id, body: "Same " })).toMatchObject({
      ok: true,
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses other users' comments to reviewers and editors, and everything to viewers", async () => {
    const { reviewer, otherReviewer, editor, viewer, claim } = await setup();
    const id = await comment(reviewer, claim.id, "Mine");
    const before = await snapshot();

    for (const actor of [otherReviewer, editor]) {
      const result = await run(editComment, actor, { commentId: id, body: "Hijacked" });
      expect(result).toEqual({
        ok: false,
        error: {
          code: "forbidden",
          message: "You can edit only your own comments; an admin can edit anyone's.",
        },
      });
    }
    expect(await run(editComment, viewer, { commentId: id, body: "Hijacked" })).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: "Your role (viewer) does not allow this action." },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("lets an admin edit anyone's comment", async () => {
    const { reviewer, admin, claim } = await setup();
    const id = await comment(reviewer, claim.id, "Rude words");
    const result = await run(editComment, admin, { commentId: id, body: "[removed by admin]" });
    expect(result).toMatchObject({ ok: true, data: { authorId: reviewer.id } });
    expect((await commentEvents()).at(-1)).toMatchObject({
      action: "comment.edit",
      actorId: admin.id,
    });
  });

  it("refuses to edit a deleted comment", async () => {
    const { reviewer, claim } = await setup();
    const id = await comment(reviewer, claim.id, "Gone soon");
    expect((await run(deleteComment, reviewer, { commentId: id })).ok).toBe(true);
    const before = await snapshot();
    const result = await run(editComment, reviewer, { commentId: id, body: "Back?" });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("delete a comment", () => {
  it("soft-deletes the author's comment, records it and hides it", async () => {
    const { reviewer, viewer, claim } = await setup();
    const kept = await comment(reviewer, claim.id, "Keep me");
    const id = await comment(reviewer, claim.id, "Delete me");
    const result = await run(deleteComment, reviewer, { commentId: id });
    expect(result).toEqual({ ok: true, data: { id, claimId: claim.id } });

    const [row] = await h.db.select().from(comments).where(eq(comments.id, id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(row?.body).toBe("Delete me");
    expect((await commentEvents()).at(-1)).toMatchObject({
      action: "comment.delete",
      actorId: reviewer.id,
      entityId: id,
      before: { claimId: claim.id, body: "Delete me" },
      after: { claimId: claim.id, deletedAt: row?.deletedAt?.toISOString() },
    });

    expect((await reviewComments(viewer)).map((c) => c.id)).toEqual([kept]);
    // Deleting again is refused: there is nothing left to delete.
    expect(await run(deleteComment, reviewer, { commentId: id })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("refuses other users and viewers, writing nothing; an admin may delete", async () => {
    const { reviewer, otherReviewer, editor, viewer, admin, claim } = await setup();
    const id = await comment(reviewer, claim.id, "Contested");
    const before = await snapshot();
    for (const actor of [otherReviewer, editor]) {
      expect(await run(deleteComment, actor, { commentId: id })).toEqual({
        ok: false,
        error: {
          code: "forbidden",
          message: "You can delete only your own comments; an admin can delete anyone's.",
        },
      });
    }
    expect(await run(deleteComment, viewer, { commentId: id })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await run(deleteComment, reviewer, { commentId: MISSING_ID })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await snapshot()).toEqual(before);

    expect(await run(deleteComment, admin, { commentId: id })).toMatchObject({ ok: true });
    expect(await reviewComments(reviewer)).toEqual([]);
    expect((await commentEvents()).at(-1)).toMatchObject({
      action: "comment.delete",
      actorId: admin.id,
    });
  });
});

describe("the review page's comments", () => {
  it("offers Edit to the author and admins only, oldest first", async () => {
    const { reviewer, otherReviewer, editor, viewer, admin, claim } = await setup();
    const first = await comment(reviewer, claim.id, "One");
    const second = await comment(otherReviewer, claim.id, "Two");

    const canEdit = async (actor: Actor) =>
      (await reviewComments(actor)).map((c) => [c.id, c.canEdit]);
    expect(await canEdit(reviewer)).toEqual([
      [first, true],
      [second, false],
    ]);
    expect(await canEdit(editor)).toEqual([
      [first, false],
      [second, false],
    ]);
    expect(await canEdit(viewer)).toEqual([
      [first, false],
      [second, false],
    ]);
    expect(await canEdit(admin)).toEqual([
      [first, true],
      [second, true],
    ]);
    const data = await getReviewData(h.db, viewer, "stem-cells");
    expect(data.canComment).toBe(false);
    expect((await getReviewData(h.db, reviewer, "stem-cells")).canComment).toBe(true);
  });

  it("renders the rationale as safe HTML", async () => {
    const { reviewer, claim } = await setup();
    const saved = await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "in_review",
      verdict: null,
      severity: "high",
      rationale:
        "**Contradicted** by [a review](https://example.org/r) <img src=x onerror=alert(1)>",
      suggestedCorrection: "",
    });
    expect(saved.ok).toBe(true);
    const data = await getReviewData(h.db, reviewer, "stem-cells");
    expect(data.claims[0]?.rationaleHtml).toBe(
      '<p><strong>Contradicted</strong> by <a href="https://example.org/r" rel="nofollow noopener noreferrer" target="_blank">a review</a> &lt;img src=x onerror=alert(1)&gt;</p>\n',
    );
  });
});

describe("text with a NUL character (PostgreSQL cannot store U+0000)", () => {
  it("is saved without it, in the row and in the audit event", async () => {
    const { reviewer, claim } = await setup();
    const id = await comment(
      reviewer,
      claim.id,
      "Pasted from a PDF:\u0000 the trial had 12\u0000 patients.",
    );
    const [row] = await h.db.select().from(comments).where(eq(comments.id, id));
    expect(row?.body).toBe("Pasted from a PDF: the trial had 12 patients.");
    const [event] = (await commentEvents()).slice(-1);
    expect(JSON.stringify(event?.after)).not.toContain("\\u0000");
  });
});
