/**
 * The article checklist on a real database: saved with a version, audited with what changed,
 * refused (writing nothing) when stale or malformed, and copied into a publication's snapshot
 * when the workspace shows it on public pages.
 */
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getWorkspaceSettings } from "../../db/queries/settings";
import { articleChecklists, articles, auditEvents, publications } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { renderMarkdownExport } from "../../lib/core/export/markdown";
import type { ExportModel } from "../../lib/core/export/model";
import { transitionArticle } from "../../lib/services/articles/service";
import { renderPublicationHtml } from "../../lib/services/publications/page";
import { getPublicPublication } from "../../lib/services/publications/read";
import { saveChecklist } from "../../lib/services/review/service";
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

async function checklistRow(articleId: string) {
  const [row] = await db()
    .select()
    .from(articleChecklists)
    .where(eq(articleChecklists.articleId, articleId));
  return row ?? null;
}

const events = (articleId: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.articleId, articleId))
    .orderBy(auditEvents.id);

const eventCount = async (articleId: string) =>
  (
    await db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.articleId, articleId))
  )[0]?.n;

const ITEMS = {
  costs: { rating: "not_applicable", note: "The clinic does not say; a free trial." },
  harms: { rating: "not_satisfactory", note: "“No toxicity and rejection reaction” is false." },
  evidence_quality: { rating: "satisfactory", note: "" },
} as const;

async function transition(actor: Actor, articleId: string, name: "submit" | "approve" | "publish") {
  const [row] = await db().select().from(articles).where(eq(articles.id, articleId));
  return ok(
    run(transitionArticle, actor, { articleId, transition: name, version: row?.version, note: "" }),
  );
}

describe("article checklist", () => {
  it("saves a new checklist, then only the changed criteria are audited", async () => {
    const editor = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const a = await importArticle(db(), editor, STEM_CELL_TEXT, `Checklist ${randomUUID()}`);
    const first = await ok(
      run(saveChecklist, reviewer, { articleId: a.id, version: 0, items: ITEMS }),
    );
    expect(first).toEqual({
      version: 1,
      summary: "1 of 10 satisfactory, 1 not applicable, 7 not rated",
      changed: true,
    });
    expect(await checklistRow(a.id)).toMatchObject({
      items: ITEMS,
      version: 1,
      updatedById: reviewer.id,
    });

    const second = await ok(
      run(saveChecklist, reviewer, {
        articleId: a.id,
        version: 1,
        items: { ...ITEMS, harms: { rating: "satisfactory", note: "Corrected in revision 2." } },
      }),
    );
    expect(second.version).toBe(2);
    const audited = (await events(a.id)).filter((e) => e.action === "article.checklist");
    expect(audited).toHaveLength(2);
    expect(audited[0]).toMatchObject({ before: { items: {} }, after: { items: ITEMS } });
    expect(audited[1]).toMatchObject({
      actorId: reviewer.id,
      before: { items: { harms: ITEMS.harms } },
      after: {
        items: { harms: { rating: "satisfactory", note: "Corrected in revision 2." } },
        summary: "2 of 10 satisfactory, 1 not applicable, 7 not rated",
      },
    });
    expect(Object.keys((audited[1]?.after as { items: object } | undefined)?.items ?? {})).toEqual([
      "harms",
    ]);
  });

  it("refuses a stale version (and a second first save) with the newer checklist", async () => {
    const editor = await createActor(db(), "editor");
    const a = await importArticle(db(), editor, STEM_CELL_TEXT, `Checklist ${randomUUID()}`);
    await ok(run(saveChecklist, editor, { articleId: a.id, version: 0, items: ITEMS }));
    const saved = await checklistRow(a.id);
    for (const version of [0, 7]) {
      const result = await run(saveChecklist, editor, {
        articleId: a.id,
        version,
        items: { novelty: { rating: "satisfactory", note: "" } },
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: "conflict", details: { version: 1, items: ITEMS } },
      });
    }
    expect(await checklistRow(a.id)).toEqual(saved);
  });

  it("refuses bad ratings, unknown criteria and over-long notes, writing nothing", async () => {
    const editor = await createActor(db(), "editor");
    const a = await importArticle(db(), editor, STEM_CELL_TEXT, `Checklist ${randomUUID()}`);
    const before = await eventCount(a.id);
    const cases: [unknown, string, RegExp][] = [
      [{ costs: { rating: "great", note: "" } }, "items.costs.rating", /satisfactory/],
      [{ costs: { rating: "", note: "A note without a rating" } }, "items.costs.rating", /Choose/],
      [{ costs: { rating: "satisfactory", note: "x".repeat(2001) } }, "items.costs.note", /2,000/],
      [{ wellness: { rating: "satisfactory", note: "" } }, "items", /.+/],
    ];
    for (const [items, field, message] of cases) {
      const result = await run(saveChecklist, editor, { articleId: a.id, version: 0, items });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe("validation");
      const errors = Object.entries(result.error.fieldErrors ?? {})
        .filter(([k]) => k.startsWith(field))
        .flatMap(([, v]) => v);
      expect(errors.join(" ")).toMatch(message);
    }
    expect(await checklistRow(a.id)).toBeNull();
    expect(await eventCount(a.id)).toBe(before);
  });

  it("is copied into the publication with the review dates when the workspace shows it", async () => {
    const author = await createActor(db(), "editor");
    const approver = await createActor(db(), "editor");
    const admin = await createActor(db(), "admin");
    const reviewer = await createActor(db(), "reviewer");
    const settings = await getWorkspaceSettings(db());
    const publish = async (checklistPublic: boolean) => {
      await ok(run(updateSettings, admin, { ...settings, checklistPublic }));
      const a = await importArticle(db(), author, STEM_CELL_TEXT, `Checklist ${randomUUID()}`);
      await ok(run(saveChecklist, reviewer, { articleId: a.id, version: 0, items: ITEMS }));
      await transition(author, a.id, "submit");
      await triageSuggestions(db(), reviewer, a.id);
      await transition(approver, a.id, "approve");
      await transition(approver, a.id, "publish");
      const [p] = await db().select().from(publications).where(eq(publications.articleId, a.id));
      return { a, snapshot: p?.snapshot as ExportModel };
    };
    try {
      const shown = await publish(true);
      expect(shown.snapshot.checklist?.map((r) => [r.criterion, r.rating])).toEqual([
        ["costs", "not_applicable"],
        ["harms", "not_satisfactory"],
        ["evidence_quality", "satisfactory"],
      ]);
      const [row] = await db().select().from(articles).where(eq(articles.id, shown.a.id));
      expect(shown.snapshot.reviewDates).toEqual({
        lastReviewedOn: row?.lastReviewedOn,
        nextReviewDue: row?.nextReviewDue,
      });
      expect(row?.lastReviewedOn).toBeTruthy();
      const html = renderPublicationHtml(await getPublicPublication(db(), shown.a.slug), "latest");
      expect(html).toContain("Article checklist");
      expect(html).toContain("1 of 10 satisfactory, 1 not applicable, 7 not rated");
      expect(html).toContain("“No toxicity and rejection reaction” is false.");
      expect(html).toMatch(
        /Medically reviewed \d{1,2} \w+ \d{4} · Next review due \d{1,2} \w+ \d{4}/,
      );
      expect(renderMarkdownExport(shown.snapshot)).toContain(
        "| Does it explain the harms? | Not satisfactory |",
      );

      const hidden = await publish(false);
      expect(hidden.snapshot.checklist).toBeNull();
      const hiddenHtml = renderPublicationHtml(
        await getPublicPublication(db(), hidden.a.slug),
        "latest",
      );
      expect(hiddenHtml).not.toContain("Article checklist");
      expect(hiddenHtml).toContain("Medically reviewed");
    } finally {
      await ok(run(updateSettings, admin, settings));
    }
  });

  it("renders a snapshot frozen before review dates and checklists existed", async () => {
    const editor = await createActor(db(), "editor");
    const approver = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const a = await importArticle(db(), editor, STEM_CELL_TEXT, `Old ${randomUUID()}`);
    await transition(editor, a.id, "submit");
    await triageSuggestions(db(), reviewer, a.id);
    await transition(approver, a.id, "approve");
    await transition(approver, a.id, "publish");
    const pub = await getPublicPublication(db(), a.slug);
    const { reviewDates: _d, checklist: _c, ...old } = pub.snapshot;
    const html = renderPublicationHtml({ ...pub, snapshot: old as ExportModel }, "latest");
    expect(html).not.toContain("Medically reviewed");
    expect(html).not.toContain("Article checklist");
    expect(renderMarkdownExport(old as ExportModel)).toContain(a.title.split(" ")[0]);
  });
});
