/**
 * Medical review dates on a real database: approval dates the review, an editor's dates and own
 * interval, the workspace interval's recomputation, the "Due for review" queue, and refusals
 * that write nothing. One database serves the file; each test makes its own articles.
 */
import { randomUUID } from "node:crypto";
import { count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getWorkspaceSettings } from "../../db/queries/settings";
import { articles, auditEvents, libraryEntries } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { addMonths, utcDay } from "../../lib/core/review/dates";
import { transitionArticle } from "../../lib/services/articles/service";
import { loadDueQueue, loadOverdueCount } from "../../lib/services/review/read";
import { setReviewDates } from "../../lib/services/review/service";
import { updateSettings } from "../../lib/services/settings/service";
import { databasePerFile } from "../helpers/db";
import {
  createActor,
  importArticle,
  ok,
  STEM_CELL_TEXT,
  triageSuggestions,
} from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

async function article(id: string) {
  const [row] = await db().select().from(articles).where(eq(articles.id, id));
  if (!row) throw new Error("article not found");
  return row;
}

const eventCount = async (articleId: string) =>
  (
    await db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.articleId, articleId))
  )[0]?.n;

async function newArticle(editor: Actor, title = `Dates ${randomUUID()}`) {
  return importArticle(db(), editor, STEM_CELL_TEXT, title);
}

async function setDates(
  editor: Actor,
  articleId: string,
  lastReviewedOn: string,
  reviewIntervalMonths: number | null = null,
) {
  const { version } = await article(articleId);
  return ok(
    run(setReviewDates, editor, { articleId, version, lastReviewedOn, reviewIntervalMonths }),
  );
}

async function saveInterval(admin: Actor, months: number) {
  const current = await getWorkspaceSettings(db());
  return ok(run(updateSettings, admin, { ...current, reviewIntervalMonths: months }));
}

describe("review dates", () => {
  it("approving a revision dates the review today and the next one a workspace interval on", async () => {
    const author = await createActor(db(), "editor");
    const approver = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const a = await newArticle(author);
    await ok(
      run(transitionArticle, author, {
        articleId: a.id,
        transition: "submit",
        version: (await article(a.id)).version,
        note: "",
      }),
    );
    await triageSuggestions(db(), reviewer, a.id);
    const { version } = await article(a.id);
    await ok(
      run(transitionArticle, approver, {
        articleId: a.id,
        transition: "approve",
        version,
        note: "",
      }),
    );

    const today = utcDay(new Date());
    const interval = (await getWorkspaceSettings(db())).reviewIntervalMonths;
    const row = await article(a.id);
    expect(row).toMatchObject({
      state: "approved",
      lastReviewedOn: today,
      reviewIntervalMonths: null,
      nextReviewDue: addMonths(today, interval),
    });
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "article.transition.approve"))
      .orderBy(auditEvents.id);
    expect(event?.after).toMatchObject({
      reviewDates: { lastReviewedOn: today, nextReviewDue: addMonths(today, interval) },
    });
  });

  it("an editor sets the last review and the article's own interval, then back to the default", async () => {
    const editor = await createActor(db(), "editor");
    const a = await newArticle(editor);
    const before = await article(a.id);
    const saved = await setDates(editor, a.id, "2026-01-31", 1);
    expect(saved).toMatchObject({ nextReviewDue: "2026-02-28", changed: true });
    expect(await article(a.id)).toMatchObject({
      lastReviewedOn: "2026-01-31",
      reviewIntervalMonths: 1,
      nextReviewDue: "2026-02-28",
      version: before.version + 1,
    });
    const interval = (await getWorkspaceSettings(db())).reviewIntervalMonths;
    await setDates(editor, a.id, "2026-01-31", null);
    expect(await article(a.id)).toMatchObject({
      reviewIntervalMonths: null,
      nextReviewDue: addMonths("2026-01-31", interval),
    });
    const events = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "article.review_dates"));
    const mine = events.filter((e) => e.entityId === a.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({
      actorId: editor.id,
      before: { lastReviewedOn: null, reviewIntervalMonths: null, nextReviewDue: null },
      after: { lastReviewedOn: "2026-01-31", reviewIntervalMonths: 1, nextReviewDue: "2026-02-28" },
    });
    expect(mine[1]?.after).toEqual({
      reviewIntervalMonths: null,
      nextReviewDue: addMonths("2026-01-31", interval),
    });
    // Saved unchanged: nothing written, no event.
    const n = await eventCount(a.id);
    expect(await setDates(editor, a.id, "2026-01-31", null)).toMatchObject({ changed: false });
    expect(await eventCount(a.id)).toBe(n);
  });

  it("a change of the workspace interval moves the next review of articles without their own", async () => {
    const editor = await createActor(db(), "editor");
    const admin = await createActor(db(), "admin");
    const follows = await newArticle(editor);
    const own = await newArticle(editor);
    const never = await newArticle(editor);
    await setDates(editor, follows.id, "2026-01-31");
    await setDates(editor, own.id, "2026-01-31", 6);
    const original = (await getWorkspaceSettings(db())).reviewIntervalMonths;
    const versions = [(await article(follows.id)).version, (await article(own.id)).version];
    try {
      await saveInterval(admin, 1);
      // PostgreSQL's month arithmetic agrees with addMonths at the month's end.
      expect(await article(follows.id)).toMatchObject({
        nextReviewDue: addMonths("2026-01-31", 1),
        version: versions[0],
      });
      expect((await article(follows.id)).nextReviewDue).toBe("2026-02-28");
      expect(await article(own.id)).toMatchObject({ nextReviewDue: "2026-07-31" });
      expect(await article(never.id)).toMatchObject({ lastReviewedOn: null, nextReviewDue: null });
      await saveInterval(admin, 24);
      expect((await article(follows.id)).nextReviewDue).toBe("2028-01-31");
    } finally {
      await saveInterval(admin, original);
    }
    expect((await article(follows.id)).nextReviewDue).toBe(addMonths("2026-01-31", original));
  });

  it("the queue lists overdue items first (days overdue), then those due within 30 days", async () => {
    const editor = await createActor(db(), "editor");
    const mark = randomUUID();
    const late = await newArticle(editor, `Late ${mark}`);
    const later = await newArticle(editor, `Very late ${mark}`);
    const soon = await newArticle(editor, `Soon ${mark}`);
    const far = await newArticle(editor, `Far ${mark}`);
    const now = new Date("2030-06-15T10:00:00Z");
    await setDates(editor, late.id, "2030-06-05", 1); // due 2030-07-05: soon
    await setDates(editor, later.id, "2029-06-10", 12); // due 2030-06-10: 5 days overdue
    await setDates(editor, soon.id, "2030-05-20", 1); // due 2030-06-20: due in 5 days
    await setDates(editor, far.id, "2030-06-01", 6); // due 2030-12-01: not listed
    const [entry] = await db()
      .insert(libraryEntries)
      .values({
        number: 900_000 + Math.floor(Math.random() * 99_999),
        canonicalText: `Entry ${mark}`,
        createdById: editor.id,
        reviewDue: "2030-06-01",
      })
      .returning();
    const queue = await loadDueQueue(db(), editor, now);
    const mine = (items: typeof queue.overdue) =>
      items.filter((i) => i.title.includes(mark)).map((i) => [i.kind, i.title, i.standing]);
    expect(mine(queue.overdue)).toEqual([
      ["library_entry", `Entry ${mark}`, { kind: "overdue", days: 14 }],
      ["article", `Very late ${mark}`, { kind: "overdue", days: 5 }],
    ]);
    expect(mine(queue.dueSoon)).toEqual([
      ["article", `Soon ${mark}`, { kind: "due_soon", days: 5 }],
      ["article", `Late ${mark}`, { kind: "due_soon", days: 20 }],
    ]);
    expect(await loadOverdueCount(db(), editor, now)).toBeGreaterThanOrEqual(2);
    // A viewer reads the queue too; anonymous callers do not.
    await expect(loadDueQueue(db(), await createActor(db(), "viewer"), now)).resolves.toBeTruthy();
    await expect(loadDueQueue(db(), null, now)).rejects.toMatchObject({ code: "unauthenticated" });
    await db()
      .delete(libraryEntries)
      .where(inArray(libraryEntries.id, [entry?.id ?? ""]));
  });

  it("refuses bad dates and intervals with a clear message and writes nothing", async () => {
    const editor = await createActor(db(), "editor");
    const a = await newArticle(editor);
    const before = await article(a.id);
    const events = await eventCount(a.id);
    const cases: [unknown, string, RegExp][] = [
      [{ lastReviewedOn: "2026-02-30" }, "lastReviewedOn", /date \(YYYY-MM-DD\)/],
      [{ lastReviewedOn: "3 December 2026" }, "lastReviewedOn", /date/],
      [{ reviewIntervalMonths: 0 }, "reviewIntervalMonths", /1 to 60 months/],
      [{ reviewIntervalMonths: 61 }, "reviewIntervalMonths", /1 to 60 months/],
      [{ reviewIntervalMonths: 2.5 }, "reviewIntervalMonths", /.+/],
    ];
    for (const [over, field, message] of cases) {
      const result = await run(setReviewDates, editor, {
        articleId: a.id,
        version: before.version,
        lastReviewedOn: "2026-01-01",
        reviewIntervalMonths: null,
        ...(over as object),
      });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe("validation");
      expect(result.error.fieldErrors?.[field]?.join(" ")).toMatch(message);
    }
    expect(await article(a.id)).toEqual(before);
    expect(await eventCount(a.id)).toBe(events);
  });

  it("refuses a stale version as a conflict that carries the newer dates", async () => {
    const editor = await createActor(db(), "editor");
    const other = await createActor(db(), "editor");
    const a = await newArticle(editor);
    const { version } = await article(a.id);
    await setDates(other, a.id, "2026-05-01", 3);
    const after = await article(a.id);
    const result = await run(setReviewDates, editor, {
      articleId: a.id,
      version,
      lastReviewedOn: "2020-01-01",
      reviewIntervalMonths: null,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        details: { version: after.version, lastReviewedOn: "2026-05-01", reviewIntervalMonths: 3 },
      },
    });
    expect(await article(a.id)).toEqual(after);
  });
});
