/**
 * The action wrapper's audit rule: a successful mutation writes an audit event in its
 * transaction; one declared `audit: "when-changed"` (its run may rightly find nothing to do)
 * writes one whenever it changed rows. In tests the wrapper refuses a run that breaks the rule
 * (it throws and the work is rolled back); in production the work stands and an error line is
 * logged. That every real action writes its event is checked by the authorization matrix,
 * which runs each one.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { insertAuditEvent } from "../../db/queries/audit";
import { articles, auditEvents } from "../../db/schema";
import { defineAction, executeAction, UnauditedMutation } from "../../lib/server/action";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, importArticle, ok } from "../helpers/fixtures";

const input = z.object({ articleId: z.string(), title: z.string() });

/** Renames an article and forgets the audit trail: the bug the wrapper catches. */
const unauditedRename = (name: string, audit?: "when-changed") =>
  defineAction({
    name,
    input,
    permission: "article:edit",
    audit,
    run: async ({ tx }, { articleId, title }) => {
      await tx.update(articles).set({ title }).where(eq(articles.id, articleId));
      return { renamed: true };
    },
  });
const renameWithoutAudit = unauditedRename("test.rename_without_audit");

/** The same rename, on the record. */
const renameWithAudit = defineAction({
  name: "test.rename_with_audit",
  input,
  permission: "article:edit",
  run: async ({ tx, actor }, { articleId, title }) => {
    await tx.update(articles).set({ title }).where(eq(articles.id, articleId));
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "settings.update",
      entityType: "settings",
      entityId: "1",
      before: {},
      after: { title },
    });
    return { renamed: true };
  },
});

/** Does nothing at all, and says nothing about it. */
const doNothing = defineAction({
  name: "test.do_nothing",
  input,
  permission: "article:edit",
  run: async () => ({ renamed: false }),
});

/** A rename that may find nothing to do, but forgets the audit trail when it does something. */
const renameWhenChangedWithoutAudit = unauditedRename(
  "test.rename_when_changed_without_audit",
  "when-changed",
);

/** Reads and locks, changes nothing: a no-op mutation, which needs no event. */
const renameToSameTitle = defineAction({
  name: "test.rename_to_same_title",
  input,
  permission: "article:edit",
  audit: "when-changed",
  run: async ({ tx }, { articleId }) => {
    await tx.select().from(articles).where(eq(articles.id, articleId)).for("update");
    await tx.update(articles).set({ title: "x" }).where(eq(articles.id, randomUUID()));
    return { renamed: false };
  },
});

const t = freshDatabasePerTest();

async function setup() {
  const editor = await createActor(t.db, "editor");
  const article = await importArticle(t.db, editor);
  const title = async () =>
    (await t.db.select().from(articles).where(eq(articles.id, article.id)))[0]?.title;
  const events = async () => (await t.db.select().from(auditEvents)).length;
  /** Runs a test definition as the editor, on the article. */
  const run = (definition: Parameters<typeof executeAction>[0], newTitle: string) =>
    executeAction(
      definition,
      { db: t.db, actor: editor },
      { articleId: article.id, title: newTitle },
    );
  return { editor, article, title, events, run };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("a mutation without its audit event", () => {
  it("is refused in tests: executeAction throws, and nothing is saved", async () => {
    const s = await setup();
    const [titleBefore, eventsBefore] = [await s.title(), await s.events()];
    await expect(s.run(renameWithoutAudit, "Renamed in secret")).rejects.toThrow(UnauditedMutation);
    await expect(s.run(renameWithoutAudit, "Renamed in secret")).rejects.toThrow(
      /"test\.rename_without_audit" finished without writing an audit event/,
    );
    expect(await s.title()).toBe(titleBefore);
    expect(await s.events()).toBe(eventsBefore);
  });

  it("is refused even when it wrote nothing at all, unless declared when-changed", async () => {
    const s = await setup();
    await expect(s.run(doNothing, "x")).rejects.toThrow(
      /"test\.do_nothing" finished without writing an audit event/,
    );
  });

  it("is refused when a when-changed definition changed rows", async () => {
    const s = await setup();
    const titleBefore = await s.title();
    await expect(s.run(renameWhenChangedWithoutAudit, "Renamed in secret")).rejects.toThrow(
      /"test\.rename_when_changed_without_audit" changed 1 row without writing an audit event/,
    );
    expect(await s.title()).toBe(titleBefore);
  });

  it("stands in production, with an error line in the log", async () => {
    const s = await setup();
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("VITEST", "");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const data = await ok(
      executeAction(
        renameWithoutAudit,
        { db: t.db, actor: s.editor, requestId: "req-1" },
        { articleId: s.article.id, title: "Renamed in production" },
      ),
    );
    expect(data).toEqual({ renamed: true });
    expect(await s.title()).toBe("Renamed in production");
    expect(logged).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(logged.mock.calls[0]?.[0]));
    expect(line).toMatchObject({
      level: "error",
      msg: "action wrote no audit event",
      action: "test.rename_without_audit",
      requestId: "req-1",
      actorId: s.editor.id,
      error: { name: "UnauditedMutation" },
    });
  });
});

describe("what the rule lets through", () => {
  it("a change with its audit event", async () => {
    const s = await setup();
    const eventsBefore = await s.events();
    await ok(s.run(renameWithAudit, "Renamed on the record"));
    expect(await s.title()).toBe("Renamed on the record");
    expect(await s.events()).toBe(eventsBefore + 1);
  });

  it("a when-changed run that changed nothing (row locks, empty updates)", async () => {
    const s = await setup();
    const logged = vi.spyOn(console, "error");
    expect(await ok(s.run(renameToSameTitle, "ignored"))).toEqual({ renamed: false });
    expect(logged).not.toHaveBeenCalled();
  });
});
