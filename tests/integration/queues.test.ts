/**
 * Work queues and tags on a real database: the tag list (unique whatever the case, editors
 * only), an article's tags, the queues' counts checked against counts made here from the
 * tables, the filtered list, saved filters (one's own only) and the bulk actions — one
 * transaction each, all or nothing, one audit event per claim changed.
 */
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { articles, auditEvents, claims, claimTags, savedFilters, tags } from "../../db/schema";
import { MAX_BULK_CLAIMS } from "../../lib/core/desk-vocabulary";
import { parseQueueFilter } from "../../lib/core/queues/filter";
import {
  bulkAssignClaims,
  bulkSetClaimStatus,
  bulkTagClaims,
} from "../../lib/services/queues/bulk";
import { loadQueueClaims, loadQueueCounts } from "../../lib/services/queues/read";
import { deleteFilter, saveFilter } from "../../lib/services/queues/saved-filters";
import { loadArticleTags } from "../../lib/services/tags/read";
import { createTag, deleteTag, renameTag, setArticleTags } from "../../lib/services/tags/service";
import { databasePerFile } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
} from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

const QUOTES = [
  "Stem cell therapy",
  "kidney failure",
  "various kidney diseases",
  "side effects or risks",
];

/** An editor, a reviewer, a viewer and an article with four claims by the reviewer. */
async function desk() {
  const editor = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const viewer = await createActor(db(), "viewer");
  const article = await importArticle(db(), editor, undefined, `Stem cells ${Math.random()}`);
  const made = [];
  for (const q of QUOTES) made.push(await claimQuote(db(), reviewer, article.revisionId, q));
  return { editor, reviewer, viewer, article, claims: made };
}

const eventsOf = async (action: string, entityIds: string[]) =>
  (
    await db()
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), inArray(auditEvents.entityId, entityIds)))
  )[0]?.n ?? 0;

const rowsOf = (ids: string[]) => db().select().from(claims).where(inArray(claims.id, ids));
const sel = (cs: { id: string; version: number }[]) =>
  cs.map((c) => ({ claimId: c.id, version: c.version }));

describe("tags", () => {
  it("editors create, rename and delete tags; names are unique whatever their case", async () => {
    const { editor, reviewer } = await desk();
    const name = `Vaccines ${Math.random().toString(36).slice(2, 8)}`;
    const tag = await ok(run(createTag, editor, { name: `  ${name}  ` }));
    expect(tag.name).toBe(name);

    const clash = await run(createTag, editor, { name: name.toUpperCase() });
    expect(clash.ok).toBe(false);
    if (!clash.ok) {
      expect(clash.error.code).toBe("validation");
      expect(clash.error.message).toContain(`“${name}” exists already`);
    }
    const refused = await run(createTag, reviewer, { name: `${name} 2` });
    expect(refused.ok ? null : refused.error.code).toBe("forbidden");
    const tooLong = await run(createTag, editor, { name: "x".repeat(41) });
    expect(tooLong.ok ? null : tooLong.error.fieldErrors?.name?.[0]).toContain("at most 40");

    const other = await ok(run(createTag, editor, { name: `${name} other` }));
    const renameClash = await run(renameTag, editor, { tagId: other.id, name: name.toLowerCase() });
    expect(renameClash.ok).toBe(false);
    // Its own name in another case is its own, not a clash.
    await ok(run(renameTag, editor, { tagId: tag.id, name: name.toLowerCase() }));
    const [renamed] = await db().select().from(tags).where(eq(tags.id, tag.id));
    expect(renamed?.name).toBe(name.toLowerCase());

    await ok(run(deleteTag, editor, { tagId: other.id }));
    expect(await db().select().from(tags).where(eq(tags.id, other.id))).toEqual([]);
    expect(await eventsOf("tag.create", [tag.id, other.id])).toBe(2);
    expect(await eventsOf("tag.rename", [tag.id])).toBe(1);
    expect(await eventsOf("tag.delete", [other.id])).toBe(1);
  });

  it("an article's tags are set as a whole, audited by name, and read back for its header", async () => {
    const { editor, article } = await desk();
    const a = await ok(run(createTag, editor, { name: `A ${Math.random()}`.slice(0, 30) }));
    const b = await ok(run(createTag, editor, { name: `B ${Math.random()}`.slice(0, 30) }));
    await ok(run(setArticleTags, editor, { articleId: article.id, tagIds: [a.id, b.id] }));
    await ok(run(setArticleTags, editor, { articleId: article.id, tagIds: [b.id] }));
    // Unchanged: no event.
    await ok(run(setArticleTags, editor, { articleId: article.id, tagIds: [b.id] }));
    expect((await loadArticleTags(db(), editor, article.id)).map((t) => t.id)).toEqual([b.id]);
    const events = await db()
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "article.tag"), eq(auditEvents.entityId, article.id)))
      .orderBy(auditEvents.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      before: { tags: [a.name, b.name].sort() },
      after: { tags: [b.name] },
    });
    // Deleting a tag takes it off the article too.
    await ok(run(deleteTag, editor, { tagId: b.id }));
    expect(await loadArticleTags(db(), editor, article.id)).toEqual([]);
  });
});

describe("queue counts and the list", () => {
  it("counts what the tables hold, and the list filters by queue, tag, assignee and text", async () => {
    const { editor, reviewer, article, claims: made } = await desk();
    const [c1, c2, c3] = made;
    if (!c1 || !c2 || !c3) throw new Error("seed");
    await ok(run(bulkAssignClaims, editor, { claims: sel([c1, c2]), assigneeId: reviewer.id }));
    await db().update(claims).set({ verdictStale: true }).where(eq(claims.id, c3.id));
    // Another editor's article submitted for approval: waiting for this editor.
    const other = await createActor(db(), "editor");
    const submitted = await importArticle(db(), other, undefined, `Submitted ${Math.random()}`);
    await db().update(articles).set({ state: "in_review" }).where(eq(articles.id, submitted.id));

    const counts = await loadQueueCounts(db(), editor);
    const n = async (where: ReturnType<typeof sql>) =>
      (
        await db()
          .select({ n: count() })
          .from(claims)
          .innerJoin(articles, eq(articles.id, claims.articleId))
          .where(and(isNull(claims.deletedAt), where))
      )[0]?.n;
    expect(counts.unassigned).toBe(
      await n(
        sql`${claims.assigneeId} IS NULL AND ${claims.status} IN ('open','in_review') AND ${articles.state} <> 'retracted'`,
      ),
    );
    expect((await loadQueueCounts(db(), reviewer)).mine).toBe(
      await n(
        sql`${claims.assigneeId} = ${reviewer.id} AND ${claims.status} IN ('open','in_review')`,
      ),
    );
    expect((await loadQueueCounts(db(), reviewer)).mine).toBe(2);
    expect(counts.recheck).toBe(
      await n(sql`(${claims.verdictStale} OR ${claims.recheckReason} IS NOT NULL)`),
    );
    const [waiting] = await db()
      .select({ n: count() })
      .from(articles)
      .where(
        sql`${articles.state} = 'in_review' AND (SELECT author_id FROM revisions WHERE id = ${articles.currentRevisionId}) <> ${editor.id}`,
      );
    expect(counts.approval).toBe(waiting?.n);
    expect(counts.approval).toBeGreaterThanOrEqual(1);
    // Reviewers cannot approve: no count for them.
    expect((await loadQueueCounts(db(), reviewer)).approval).toBeNull();

    const mine = await loadQueueClaims(
      db(),
      reviewer,
      parseQueueFilter({ queue: "mine", article: article.slug }),
    );
    expect(mine.claims.map((c) => c.id).sort()).toEqual([c1.id, c2.id].sort());
    const tag = await ok(run(createTag, editor, { name: `Queue ${Math.random()}`.slice(0, 30) }));
    await ok(run(bulkTagClaims, reviewer, { claims: sel([c2]), tagId: tag.id, mode: "add" }));
    const tagged = await loadQueueClaims(db(), editor, parseQueueFilter({ tag: tag.id }));
    expect(tagged.claims.map((c) => c.id)).toEqual([c2.id]);
    expect(tagged.claims[0]?.tags.map((t) => t.name)).toEqual([tag.name]);
    // A tag on the article finds its claims too.
    await ok(run(setArticleTags, editor, { articleId: article.id, tagIds: [tag.id] }));
    expect((await loadQueueClaims(db(), editor, parseQueueFilter({ tag: tag.id }))).total).toBe(4);
    const byText = await loadQueueClaims(
      db(),
      editor,
      parseQueueFilter({ article: article.slug, text: "KIDNEY", assignee: "none" }),
    );
    expect(byText.claims.map((c) => c.exact).sort()).toEqual(["various kidney diseases"]);
    // Pattern characters are matched literally.
    expect(
      (await loadQueueClaims(db(), editor, parseQueueFilter({ article: article.slug, text: "%" })))
        .total,
    ).toBe(0);
  });
});

describe("bulk actions", () => {
  it("assign: one audit event per claim; a stale version refuses the whole selection", async () => {
    const { editor, reviewer, claims: made } = await desk();
    const [c1, c2, c3] = made;
    if (!c1 || !c2 || !c3) throw new Error("seed");
    // Someone saves c3 after the list was loaded.
    await db()
      .update(claims)
      .set({ version: c3.version + 1 })
      .where(eq(claims.id, c3.id));
    const stale = await run(bulkAssignClaims, editor, {
      claims: sel([c1, c2, c3]),
      assigneeId: reviewer.id,
    });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe("conflict");
      expect(stale.error.message).toMatch(/claim \d+ in “Stem cells/);
      expect(stale.error.message).toContain("Nothing was changed");
    }
    expect((await rowsOf([c1.id, c2.id, c3.id])).map((c) => c.assigneeId)).toEqual([
      null,
      null,
      null,
    ]);
    expect(await eventsOf("claim.assign", [c1.id, c2.id, c3.id])).toBe(0);

    const done = await ok(
      run(bulkAssignClaims, editor, { claims: sel([c1, c2]), assigneeId: reviewer.id }),
    );
    expect(done).toEqual({ selected: 2, changed: 2, assigneeName: reviewer.name });
    expect((await rowsOf([c1.id, c2.id])).map((c) => c.assigneeId)).toEqual([
      reviewer.id,
      reviewer.id,
    ]);
    expect(await eventsOf("claim.assign", [c1.id, c2.id])).toBe(2);
    // A viewer cannot be assigned: refused as a whole.
    const viewer = await createActor(db(), "viewer");
    const toViewer = await run(bulkAssignClaims, editor, {
      claims: sel([c1, c2]),
      assigneeId: viewer.id,
    });
    expect(toViewer.ok ? null : toViewer.error.message).toContain("is a viewer");
    expect(await eventsOf("claim.assign", [c1.id, c2.id])).toBe(2);
  });

  it("set status: one claim the rules refuse rolls back the others, named; else one event each", async () => {
    const { reviewer, article, claims: made } = await desk();
    const [c1, c2] = made;
    if (!c1 || !c2) throw new Error("seed");
    // A claim that may be resolved (a verdict and evidence), back in progress.
    const graded = await resolvedInaccurateClaim(db(), reviewer, article.revisionId);
    const back = await ok(
      run(bulkSetClaimStatus, reviewer, { claims: sel([graded]), status: "in_review" }),
    );
    expect(back.changed).toBe(1);
    const [reopened] = await rowsOf([graded.id]);
    if (!reopened) throw new Error("seed");
    const updatesBefore = await eventsOf("claim.update", [graded.id, c1.id, c2.id]);
    // The graded claim is written first or last (id order); either way nothing stays.
    const resolved = await run(bulkSetClaimStatus, reviewer, {
      claims: sel([reopened, c1, c2]),
      status: "resolved",
    });
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) {
      expect(resolved.error.code).toBe("rule");
      expect(resolved.error.message).toMatch(/Nothing was changed: claims \d+, \d+ in “Stem cells/);
      expect(resolved.error.message).not.toContain(`${reopened.number},`);
    }
    expect((await rowsOf([graded.id])).map((c) => [c.status, c.version])).toEqual([
      ["in_review", reopened.version],
    ]);
    expect((await rowsOf([c1.id, c2.id])).map((c) => c.status)).toEqual(["open", "open"]);
    expect(await eventsOf("claim.update", [graded.id, c1.id, c2.id])).toBe(updatesBefore);

    const done = await ok(
      run(bulkSetClaimStatus, reviewer, { claims: sel([c1, c2]), status: "in_review" }),
    );
    expect(done.changed).toBe(2);
    expect((await rowsOf([c1.id, c2.id])).map((c) => c.status)).toEqual(["in_review", "in_review"]);
    expect(await eventsOf("claim.update", [c1.id, c2.id])).toBe(2);
  });

  it("tag: reviewers add and remove a tag, one claim.tag event per claim changed", async () => {
    const { editor, reviewer, claims: made } = await desk();
    const [c1, c2] = made;
    if (!c1 || !c2) throw new Error("seed");
    const tag = await ok(run(createTag, editor, { name: `Bulk ${Math.random()}`.slice(0, 30) }));
    await ok(run(bulkTagClaims, reviewer, { claims: sel([c1]), tagId: tag.id, mode: "add" }));
    const both = await ok(
      run(bulkTagClaims, reviewer, { claims: sel([c1, c2]), tagId: tag.id, mode: "add" }),
    );
    expect(both).toMatchObject({ selected: 2, changed: 1, tagName: tag.name });
    expect(await eventsOf("claim.tag", [c1.id, c2.id])).toBe(2);
    await ok(
      run(bulkTagClaims, reviewer, { claims: sel([c1, c2]), tagId: tag.id, mode: "remove" }),
    );
    expect(await db().select().from(claimTags).where(eq(claimTags.tagId, tag.id))).toEqual([]);
    expect(await eventsOf("claim.tag", [c1.id, c2.id])).toBe(4);
  });

  it("is bounded by MAX_BULK_CLAIMS and refuses a selection listing a claim twice", async () => {
    const { editor, reviewer, claims: made } = await desk();
    const [c1] = made;
    if (!c1) throw new Error("seed");
    const many = Array.from({ length: MAX_BULK_CLAIMS + 1 }, () => ({
      claimId: crypto.randomUUID(),
      version: 1,
    }));
    const tooMany = await run(bulkAssignClaims, editor, { claims: many, assigneeId: reviewer.id });
    expect(tooMany.ok ? null : tooMany.error.code).toBe("validation");
    const twice = await run(bulkAssignClaims, editor, {
      claims: [...sel([c1]), ...sel([c1])],
      assigneeId: null,
    });
    expect(twice.ok ? null : twice.error.code).toBe("validation");
  });
});

describe("saved filters", () => {
  it("are saved in one form, unique by name per person, and deleted by their owner only", async () => {
    const { editor, viewer } = await desk();
    const saved = await ok(
      run(saveFilter, viewer, { name: "Urgent", query: "?status=open&queue=mine&bogus=1" }),
    );
    expect(saved.query).toBe("queue=mine&status=open");
    const clash = await run(saveFilter, viewer, { name: "URGENT", query: "" });
    expect(clash.ok ? null : clash.error.fieldErrors?.name?.[0]).toContain("“Urgent” exists");
    // Another person may use the same name.
    await ok(run(saveFilter, editor, { name: "Urgent", query: "queue=unassigned" }));
    const notHers = await run(deleteFilter, editor, { filterId: saved.id });
    expect(notHers.ok ? null : notHers.error.code).toBe("not_found");
    await ok(run(deleteFilter, viewer, { filterId: saved.id }));
    expect(await db().select().from(savedFilters).where(eq(savedFilters.id, saved.id))).toEqual([]);
    expect(await eventsOf("filter.save", [viewer.id])).toBe(1);
    expect(await eventsOf("filter.delete", [viewer.id])).toBe(1);
  });
});
