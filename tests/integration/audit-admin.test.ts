/**
 * The admin's audit log: filters, keyset paging, who may read it, and the CSV download's
 * content (RFC 4180, formula injection neutralised, UTF-8 with a byte order mark).
 */
import { describe, expect, it } from "vitest";
import { findArticleById } from "../../db/queries/articles";
import { auditEvents } from "../../db/schema";
import { AUDIT_CSV_COLUMNS } from "../../lib/core/audit/csv";
import type { Actor } from "../../lib/core/auth/permissions";
import { AppError, ERROR_STATUS } from "../../lib/core/errors";
import { type AuditLogQuery, auditLogQuerySchema } from "../../lib/core/validation/audit";
import { executeAction } from "../../lib/server/action";
import { transitionArticle } from "../../lib/services/articles/service";
import { AUDIT_PAGE_SIZE, auditCsvStream, readAuditLog } from "../../lib/services/audit/read";
import { assignClaim } from "../../lib/services/claims/assign";
import { addComment } from "../../lib/services/comments/service";
import { parseCsv } from "../helpers/csv";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle, ok, STEM_CELL_TEXT } from "../helpers/fixtures";

const h = freshDatabasePerTest();
const run = <T>(def: Parameters<typeof executeAction>[0], actor: Actor | null, input: T) =>
  ok(executeAction(def, { db: h.db, actor }, input));

/** The URL's query as the page and the route parse it. */
const q = (params: Record<string, string> = {}): AuditLogQuery => auditLogQuerySchema.parse(params);

const today = () => new Date().toISOString().slice(0, 10);
const shiftDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function setup() {
  const admin = await createActor(h.db, "admin", "Ada Admin");
  const editor = await createActor(h.db, "editor", "Edna Editor");
  const reviewer = await createActor(h.db, "reviewer", '=Rita, "the" Reviewer');
  const stem = await importArticle(h.db, editor, STEM_CELL_TEXT, "Stem cells");
  const vitamin = await importArticle(h.db, editor, "Vitamin C cures colds.", "Vitamin C");
  const claim = await claimQuote(h.db, reviewer, stem.revisionId);
  await run(assignClaim, editor, { claimId: claim.id, assigneeId: reviewer.id });
  await run(addComment, reviewer, {
    claimId: claim.id,
    body: 'Line one, with "quotes"\nline two: élève',
  });
  await run(transitionArticle, editor, {
    articleId: vitamin.id,
    transition: "submit",
    note: '=HYPERLINK("https://evil.example","click")',
    version: (await findArticleById(h.db, vitamin.id))?.version ?? 0,
  });
  return { admin, editor, reviewer, stem, vitamin, claim };
}

const actions = async (actor: Actor, query: AuditLogQuery) =>
  (await readAuditLog(h.db, actor, query)).events.map((e) => e.action);

/** The body as sent: UTF-8 bytes, decoded keeping the byte order mark (which `text()` drops). */
async function download(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** The status the route answers for an actor: its AppError's, or 200. */
function status(fn: () => unknown): number {
  try {
    fn();
    return 200;
  } catch (err) {
    if (err instanceof AppError) return ERROR_STATUS[err.code];
    throw err;
  }
}

describe("audit log for admins", () => {
  it("filters by actor, action (or its first words), entity type, article and dates", async () => {
    const s = await setup();
    expect(await actions(s.admin, q())).toEqual([
      "article.transition.submit",
      "comment.add",
      "claim.assign",
      "claim.create",
      "article.import",
      "article.import",
    ]);
    expect(await actions(s.admin, q({ actor: s.reviewer.id }))).toEqual([
      "comment.add",
      "claim.create",
    ]);
    expect(await actions(s.admin, q({ action: "claim" }))).toEqual([
      "claim.assign",
      "claim.create",
    ]);
    expect(await actions(s.admin, q({ action: "claim.assign" }))).toEqual(["claim.assign"]);
    expect(await actions(s.admin, q({ action: "article.transition" }))).toEqual([
      "article.transition.submit",
    ]);
    // A prefix matches whole words only, and LIKE's wildcards are taken literally.
    expect(await actions(s.admin, q({ action: "clai" }))).toEqual([]);
    expect(await actions(s.admin, q({ action: "claim_assign" }))).toEqual([]);
    expect(await actions(s.admin, q({ entity: "comment" }))).toEqual(["comment.add"]);
    expect(await actions(s.admin, q({ article: s.vitamin.id }))).toEqual([
      "article.transition.submit",
      "article.import",
    ]);
    expect(await actions(s.admin, q({ article: s.stem.id, actor: s.editor.id }))).toEqual([
      "claim.assign",
      "article.import",
    ]);
    expect(await actions(s.admin, q({ from: today(), to: today() }))).toHaveLength(6);
    expect(await actions(s.admin, q({ from: shiftDay(1) }))).toEqual([]);
    expect(await actions(s.admin, q({ to: shiftDay(-1) }))).toEqual([]);

    const [assign] = (await readAuditLog(h.db, s.admin, q({ action: "claim.assign" }))).events;
    expect(assign).toMatchObject({
      actorName: "Edna Editor",
      entityType: "claim",
      entityId: s.claim.id,
      articleSlug: s.stem.slug,
      articleTitle: "Stem cells",
      after: { assigneeId: s.reviewer.id },
    });
  });

  it("reads the filters from the URL: blanks mean any, nonsense is refused", () => {
    expect(q({ actor: "", action: " ", entity: "", article: "", from: "", to: "" })).toEqual({});
    const bad = (params: Record<string, string>) =>
      auditLogQuerySchema.safeParse(params).error?.issues.map((i) => i.path.join("."));
    expect(bad({ from: "2026-11-20", to: "2026-11-01" })).toEqual(["to"]);
    expect(bad({ action: "claim' OR 1=1" })).toEqual(["action"]);
    expect(bad({ entity: "password" })).toEqual(["entity"]);
    expect(bad({ actor: "ada" })).toEqual(["actor"]);
    expect(bad({ from: "25/11/2026" })).toEqual(["from"]);
    expect(bad({ before: "-3" })).toEqual(["before"]);
  });

  it("pages 100 at a time, newest first, with a keyset cursor", async () => {
    const admin = await createActor(h.db, "admin", "Ada Admin");
    for (let i = 1; i <= AUDIT_PAGE_SIZE + 5; i++) {
      // A code no writer uses (insertAuditEvent takes only typed kinds): a raw row.
      await h.db.insert(auditEvents).values({
        actorId: admin.id,
        action: "test.bulk",
        entityType: "settings",
        entityId: String(i),
      });
    }
    const first = await readAuditLog(h.db, admin, q({ action: "test" }));
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]?.entityId).toBe(String(AUDIT_PAGE_SIZE + 5));
    expect(first.olderCursor).toBe(first.events.at(-1)?.id);
    const second = await readAuditLog(
      h.db,
      admin,
      q({ action: "test", before: String(first.olderCursor) }),
    );
    expect(second.events.map((e) => e.entityId)).toEqual(["5", "4", "3", "2", "1"]);
    expect(second.olderCursor).toBeNull();
  });

  it("is for admins only: 401 signed out, 403 for every other role", async () => {
    const s = await setup();
    const viewer = await createActor(h.db, "viewer");
    const cases: [Actor | null, number][] = [
      [null, 401],
      [viewer, 403],
      [s.reviewer, 403],
      [s.editor, 403],
      [s.admin, 200],
    ];
    for (const [actor, expected] of cases) {
      expect(
        status(() => auditCsvStream(h.db, actor, q())),
        actor?.role ?? "anonymous",
      ).toBe(expected);
      await expect(readAuditLog(h.db, actor, q()))
        .rejects.toBeDefined()
        .catch(() => undefined);
    }
    await expect(readAuditLog(h.db, s.editor, q())).rejects.toMatchObject({ code: "forbidden" });
    await expect(readAuditLog(h.db, null, q())).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  it("exports the filtered log as CSV: BOM, header, one quoted record per event, no formulas", async () => {
    const s = await setup();
    const csv = await download(auditCsvStream(h.db, s.admin, q()));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    const records = rows.map((r) => {
      expect(r).toHaveLength(AUDIT_CSV_COLUMNS.length);
      return Object.fromEntries(AUDIT_CSV_COLUMNS.map((k, i) => [k, r[i] as string]));
    });
    expect(records.map((r) => r.action)).toEqual(await actions(s.admin, q()));

    const submit = records.find((r) => r.action === "article.transition.submit");
    expect(submit).toMatchObject({
      actor: "Edna Editor",
      actor_email: "edna.editor@example.com",
      entity_type: "article",
      entity_id: s.vitamin.id,
      article: s.vitamin.slug,
      note: '\'=HYPERLINK("https://evil.example","click")',
    });
    expect(new Date(submit?.at ?? "").toISOString()).toBe(submit?.at);
    const comment = records.find((r) => r.action === "comment.add");
    expect(comment?.actor).toBe('\'=Rita, "the" Reviewer');
    expect(JSON.parse(comment?.after ?? "")).toEqual({
      claimId: s.claim.id,
      body: 'Line one, with "quotes"\nline two: élève',
      mentions: [],
    });

    // The same filters as the page.
    const filtered = await download(auditCsvStream(h.db, s.admin, q({ actor: s.reviewer.id })));
    expect(
      parseCsv(filtered.slice(1))
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(["comment.add", "claim.create"]);
  });
});
