/**
 * The dashboard's figures on a real database, checked against counts and percentiles computed
 * here from the rows: the seeded demo desk (its claim graded through the real actions), then a
 * made-up desk whose claims got verdicts at known times, under its own tag so the two never
 * mix; the date and tag filters; the CSV. One database serves the file.
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  articles,
  articleTags,
  auditEvents,
  claims,
  claimTags,
  tags,
  users,
} from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { DEMO_ARTICLE_SLUG, seedDemo } from "../../lib/entry/demo/seed";
import { dashboardCsv, loadDashboard } from "../../lib/services/dashboard/read";
import { REPO_ROOT } from "../helpers/cli";
import { parseCsv } from "../helpers/csv";
import { databasePerFile } from "../helpers/db";
import { createActor, importArticle, resolvedInaccurateClaim } from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (pos - lo);
}

/** The Monday (UTC) of an instant's week. */
function mondayOf(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

async function actorByEmail(email: string): Promise<Actor> {
  const [u] = await db().select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

/** Every live claim with its first verdict's time, read from the rows, as the figures define it. */
async function claimRows() {
  const rows = await db()
    .select({
      id: claims.id,
      articleId: claims.articleId,
      status: claims.status,
      verdict: claims.verdict,
      assigneeId: claims.assigneeId,
      createdAt: claims.createdAt,
    })
    .from(claims)
    .where(isNull(claims.deletedAt));
  const events = await db()
    .select({ entityId: auditEvents.entityId, at: auditEvents.at, after: auditEvents.after })
    .from(auditEvents)
    .where(eq(auditEvents.entityType, "claim"));
  const first = new Map<string, Date>();
  for (const e of events) {
    if (e.after?.verdict == null) continue;
    const seen = first.get(e.entityId);
    if (!seen || e.at < seen) first.set(e.entityId, e.at);
  }
  return rows.map((r) => ({ ...r, firstVerdictAt: first.get(r.id) ?? null }));
}

/** Weekly counts, medians and 90th percentiles from rows, for comparison with the query. */
function expectedWeeks(rows: Awaited<ReturnType<typeof claimRows>>) {
  const byWeek = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.verdict || !r.firstVerdictAt) continue;
    const week = mondayOf(r.firstVerdictAt);
    const seconds = (r.firstVerdictAt.getTime() - r.createdAt.getTime()) / 1000;
    byWeek.set(week, [...(byWeek.get(week) ?? []), seconds]);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, s]) => ({
      week,
      claims: s.length,
      medianSeconds: percentileCont(s, 0.5),
      p90Seconds: percentileCont(s, 0.9),
    }));
}

const barValues = (figure: { bars: { key: string; value: number }[] }) =>
  Object.fromEntries(figure.bars.filter((b) => b.value > 0).map((b) => [b.key, b.value]));

const tally = <T>(items: T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>((acc, t) => {
    acc[key(t)] = (acc[key(t)] ?? 0) + 1;
    return acc;
  }, {});

describe("the seeded demo desk", () => {
  it("shows the demo's figures, equal to counts made from the database", async () => {
    await seedDemo(db(), REPO_ROOT);
    const reviewer = await actorByEmail("reviewer@example.com");
    const editor = await actorByEmail("editor@example.com");
    const [demo] = await db().select().from(articles).where(eq(articles.slug, DEMO_ARTICLE_SLUG));
    if (!demo?.currentRevisionId) throw new Error("no demo article");
    // The demo's canonical claim, graded through the real actions: its verdict's audit event
    // is the honest source of the time to verdict.
    await resolvedInaccurateClaim(db(), reviewer, demo.currentRevisionId);

    const data = await loadDashboard(db(), editor, {});
    const rows = await claimRows();
    expect(rows).toHaveLength(1);
    expect(barValues(data.verdicts)).toEqual(tally(rows, (r) => r.verdict ?? "none"));
    expect(barValues(data.verdicts)).toEqual({ inaccurate: 1 });
    expect(barValues(data.statuses)).toEqual({ resolved: 1 });
    const allArticles = await db().select({ state: articles.state }).from(articles);
    expect(barValues(data.articles)).toEqual(tally(allArticles, (a) => a.state));
    expect(data.time.weeks).toHaveLength(1);
    expect(data.time.weeks[0]?.claims).toBe(1);
    expect(data.time.weeks[0]?.medianSeconds).toBeCloseTo(
      expectedWeeks(rows)[0]?.medianSeconds ?? -1,
      3,
    );
    // Resolved: nobody has open work.
    expect(data.workload.total).toBe(0);
    expect(data.workload.summary).toBe("No open claims in this range.");
    // The seed dates the demo article's last review 13 months back: one overdue review.
    expect(data.overdue.map((o) => o.key)).toEqual([DEMO_ARTICLE_SLUG]);
    expect(data.overdue[0]?.days).toBeGreaterThan(0);
  });
});

describe("a made-up desk with verdicts at known times", () => {
  const HOUR = 3600_000;
  const base = new Date("2026-03-02T09:00:00Z"); // a Monday

  /** Claims inserted as rows with chosen times, and their verdict events at chosen times. */
  async function madeUpDesk() {
    const editor = await createActor(db(), "editor");
    const rita = await createActor(db(), "reviewer", `Rita ${randomUUID().slice(0, 4)}`);
    const sam = await createActor(db(), "reviewer", `Sam ${randomUUID().slice(0, 4)}`);
    const tagged = await importArticle(db(), editor, undefined, `Made-up ${randomUUID()}`);
    const other = await importArticle(db(), editor, undefined, `Other ${randomUUID()}`);
    const [tag] = await db()
      .insert(tags)
      .values({ name: `desk ${randomUUID().slice(0, 8)}`, createdById: editor.id })
      .returning();
    if (!tag) throw new Error("no tag");
    await db().insert(articleTags).values({ articleId: tagged.id, tagId: tag.id });

    let number = 0;
    const claim = async (
      article: { id: string; revisionId: string },
      createdAt: Date,
      fields: Partial<typeof claims.$inferInsert>,
      verdicts: { at: Date; verdict: string | null }[] = [],
    ) => {
      number += 1;
      const [row] = await db()
        .insert(claims)
        .values({
          articleId: article.id,
          number: 100 + number,
          createdInRevisionId: article.revisionId,
          createdById: rita.id,
          createdAt,
          ...fields,
        })
        .returning();
      if (!row) throw new Error("no claim");
      for (const v of verdicts) {
        await db()
          .insert(auditEvents)
          .values({
            at: v.at,
            actorId: rita.id,
            action: "claim.update",
            entityType: "claim",
            entityId: row.id,
            articleId: article.id,
            before: {},
            after: { verdict: v.verdict },
          });
      }
      return row;
    };
    const at = (hours: number) => new Date(base.getTime() + hours * HOUR);
    // Week 1 (from 2 March): verdicts after 2, 4, 10 and 30 hours; the 10-hour one was changed
    // a day later (the first verdict counts), the 30-hour one was first a null "verdict".
    await claim(tagged, at(0), { status: "resolved", verdict: "accurate" }, [
      { at: at(2), verdict: "accurate" },
    ]);
    await claim(tagged, at(1), { status: "resolved", verdict: "inaccurate" }, [
      { at: at(5), verdict: "inaccurate" },
    ]);
    await claim(tagged, at(2), { status: "resolved", verdict: "misleading" }, [
      { at: at(12), verdict: "unsupported" },
      { at: at(36), verdict: "misleading" },
    ]);
    await claim(tagged, at(3), { status: "resolved", verdict: "accurate" }, [
      { at: at(20), verdict: null },
      { at: at(33), verdict: "accurate" },
    ]);
    // Week 3 (from 16 March): one claim created in week 1, resolved 15 days later.
    await claim(tagged, at(4), { status: "resolved", verdict: "inaccurate" }, [
      { at: at(4 + 360), verdict: "inaccurate" },
    ]);
    // Not counted for time: a verdict given then taken back; and a deleted claim.
    await claim(tagged, at(5), { status: "in_review", verdict: null, assigneeId: rita.id }, [
      { at: at(6), verdict: "accurate" },
      { at: at(7), verdict: null },
    ]);
    await claim(
      tagged,
      at(6),
      { status: "resolved", verdict: "accurate", deletedAt: at(9), deletedById: rita.id },
      [{ at: at(8), verdict: "accurate" }],
    );
    // Open work: two for Rita, one for Sam, one unassigned; one created in April.
    await claim(tagged, at(7), { status: "open", assigneeId: rita.id });
    await claim(tagged, at(8), { status: "open", assigneeId: sam.id });
    await claim(tagged, at(9), { status: "dismissed" });
    await claim(tagged, new Date("2026-04-10T12:00:00Z"), { status: "open" });
    // On an untagged article: one claim tagged itself (in), one not (out).
    const own = await claim(other, at(10), { status: "open", assigneeId: sam.id });
    await db().insert(claimTags).values({ claimId: own.id, tagId: tag.id });
    await claim(other, at(11), { status: "open", assigneeId: rita.id });
    return { tag, editor, rita, sam, tagged, other, ownTaggedClaim: own.id };
  }

  it("counts, times and workload agree with the rows, under a tag and a date range", async () => {
    const desk = await madeUpDesk();
    const underTag = (await claimRows()).filter(
      (r) => r.articleId === desk.tagged.id || r.id === desk.ownTaggedClaim,
    );
    const data = await loadDashboard(db(), desk.editor, { tag: desk.tag.id });

    expect(barValues(data.verdicts)).toEqual(tally(underTag, (r) => r.verdict ?? "none"));
    expect(barValues(data.verdicts)).toEqual({
      accurate: 2,
      inaccurate: 2,
      misleading: 1,
      none: 6,
    });
    expect(barValues(data.statuses)).toEqual(tally(underTag, (r) => r.status));

    const weeks = expectedWeeks(underTag);
    expect(weeks.map((w) => [w.week, w.claims])).toEqual([
      ["2026-03-02", 4],
      ["2026-03-16", 1],
    ]);
    expect(data.time.weeks.map((w) => [w.week, w.claims])).toEqual(
      weeks.map((w) => [w.week, w.claims]),
    );
    data.time.weeks.forEach((w, i) => {
      expect(w.medianSeconds).toBeCloseTo(weeks[i]?.medianSeconds ?? -1, 3);
      expect(w.p90Seconds).toBeCloseTo(weeks[i]?.p90Seconds ?? -1, 3);
    });
    // By hand: week 1 took 2, 4, 10 and 30 hours: median 7, 90th percentile 10 + 0.7 × 20 = 24.
    expect((data.time.weeks[0]?.medianSeconds ?? 0) / 3600).toBeCloseTo(7, 6);
    expect((data.time.weeks[0]?.p90Seconds ?? 0) / 3600).toBeCloseTo(24, 6);

    const open = underTag.filter((r) => r.status === "open" || r.status === "in_review");
    expect(Object.fromEntries(data.workload.bars.map((b) => [b.key, b.value]))).toEqual(
      tally(open, (r) => r.assigneeId ?? "unassigned"),
    );
    expect(data.workload.table.rows).toContainEqual([desk.rita.name, 1, 1, 2]);
    expect(data.workload.table.rows).toContainEqual([desk.sam.name, 2, 0, 2]);
    expect(data.workload.table.rows).toContainEqual(["Unassigned", 1, 0, 1]);
    // Under the tag: only the tagged article (the other carries no tag).
    expect(barValues(data.articles)).toEqual({ draft: 1 });
    expect(data.overdue).toEqual([]);

    // March only: the April claim drops out of the counts; time keeps verdicts given in March.
    const march = await loadDashboard(db(), desk.editor, {
      tag: desk.tag.id,
      from: "2026-03-01",
      to: "2026-03-31",
    });
    const inMarch = underTag.filter((r) => r.createdAt < new Date("2026-04-01T00:00:00Z"));
    expect(march.verdicts.total).toBe(inMarch.length);
    expect(march.verdicts.total).toBe(data.verdicts.total - 1);
    expect(march.time.weeks.map((w) => w.week)).toEqual(["2026-03-02", "2026-03-16"]);
    // The first week only: the 15-day verdict is outside it.
    const firstWeek = await loadDashboard(db(), desk.editor, {
      tag: desk.tag.id,
      from: "2026-03-02",
      to: "2026-03-08",
    });
    expect(firstWeek.time.weeks.map((w) => [w.week, w.claims])).toEqual([["2026-03-02", 4]]);
    // A range with nothing in it.
    const empty = await loadDashboard(db(), desk.editor, {
      tag: desk.tag.id,
      from: "2025-01-01",
      to: "2025-01-31",
    });
    expect(empty.verdicts.total).toBe(0);
    expect(empty.verdicts.summary).toBe("No claims in this range.");
    expect(empty.time.summary).toBe("No verdicts given in this range.");
  });

  it("writes each figure's CSV from the same rows as its table", async () => {
    const desk = await madeUpDesk();
    const query = { tag: desk.tag.id };
    const data = await loadDashboard(db(), desk.editor, query);
    const csv = await dashboardCsv(db(), desk.editor, "verdicts", query);
    expect(csv.startsWith("\uFEFFVerdict,Claims\r\n")).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      ["Verdict", "Claims"],
      ...data.verdicts.table.rows.map((r) => r.map(String)),
    ]);
    const time = parseCsv(
      (await dashboardCsv(db(), desk.editor, "time-to-verdict", query)).slice(1),
    );
    expect(time).toEqual([
      ["week_of", "verdicts", "median_hours", "p90_hours"],
      ["2026-03-02", "4", "7", "24"],
      ["2026-03-16", "1", "360", "360"],
    ]);
    const workload = parseCsv((await dashboardCsv(db(), desk.editor, "workload", query)).slice(1));
    expect(workload.slice(1)).toEqual(data.workload.table.rows.map((r) => r.map(String)));
  });

  it("refuses anyone signed out, and lets a viewer read", async () => {
    const viewer = await createActor(db(), "viewer");
    await expect(loadDashboard(db(), null, {})).rejects.toMatchObject({
      code: "unauthenticated",
    });
    const data = await loadDashboard(db(), viewer, {});
    const live = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(claims)
      .where(and(isNull(claims.deletedAt)));
    expect(data.verdicts.total).toBe(live[0]?.n);
  });
});
