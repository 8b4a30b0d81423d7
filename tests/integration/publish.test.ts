/**
 * Publishing and retraction on a real database: the publication is written by the workflow
 * transition in its transaction, its snapshot never changes afterwards, and the public reads
 * see only publications. One database serves the file; each test makes its own article.
 */
import { randomUUID } from "node:crypto";
import zlib from "node:zlib";
import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { PublicPublication } from "../../db/queries/publications";
import { articles, auditEvents, publications } from "../../db/schema";
import type { ArticleTransition } from "../../lib/core/articles/workflow";
import type { Actor } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import type { ExportModel } from "../../lib/core/export/model";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote, updateClaim } from "../../lib/services/claims/service";
import { publicationPageResponse } from "../../lib/services/publications/http";
import {
  renderPublicationExport,
  renderPublicationHtml,
} from "../../lib/services/publications/page";
import { getPublicPublication } from "../../lib/services/publications/read";
import { cachedPublicationRender } from "../../lib/services/publications/render-cache";
import { saveRevision } from "../../lib/services/revisions/service";
import { databasePerFile } from "../helpers/db";
import {
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  STEM_CELL_TEXT,
  triageSuggestions,
  withAuditEventsFailing,
} from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

async function article(id: string) {
  const [row] = await db().select().from(articles).where(eq(articles.id, id));
  if (!row) throw new Error("article not found");
  return row;
}

async function transition(actor: Actor, articleId: string, name: ArticleTransition, note = "") {
  const { version } = await article(articleId);
  return run(transitionArticle, actor, { articleId, transition: name, version, note });
}

const publicationsOf = (articleId: string) =>
  db()
    .select()
    .from(publications)
    .where(eq(publications.articleId, articleId))
    .orderBy(publications.number);

const eventsOf = (articleId: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.articleId, articleId))
    .orderBy(auditEvents.id);

/** A publication row's snapshot, which holds `buildExportModel`'s output. */
function snapshotOf(row: { snapshot: ExportModel } | undefined): ExportModel {
  if (!row) throw new Error("no publication");
  return row.snapshot;
}

/** An article approved by a second editor: one claim resolved Inaccurate with an editor's note. */
async function approvedArticle() {
  const author = await createActor(db(), "editor");
  const approver = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const imported = await importArticle(db(), author, STEM_CELL_TEXT, `Publish ${randomUUID()}`);
  await ok(transition(author, imported.id, "submit"));
  const claim = await resolvedInaccurateClaim(db(), reviewer, imported.revisionId, {
    rationale: "Immune **rejection** is documented <script>alert(1)</script>.",
  });
  const noted = await ok(
    run(setEditorNote, approver, {
      claimId: claim.id,
      version: claim.version,
      editorNote: "Published with the correction.",
    }),
  );
  await triageSuggestions(db(), reviewer, imported.id);
  await ok(transition(approver, imported.id, "approve"));
  return { author, approver, reviewer, article: imported, claim: noted };
}

describe("publish", () => {
  it("writes the snapshot, its number and the audit event with the transition", async () => {
    const { approver, article: a } = await approvedArticle();
    const result = await transition(approver, a.id, "publish");
    expect(result).toMatchObject({ ok: true, data: { state: "published" } });

    const [p, ...more] = await publicationsOf(a.id);
    expect(more).toHaveLength(0);
    expect(p).toMatchObject({
      number: 1,
      revisionId: a.revisionId,
      publishedById: approver.id,
      retractedAt: null,
    });
    const snapshot = snapshotOf(p);
    expect(snapshot.article.slug).toBe(a.slug);
    expect(snapshot.revision).toMatchObject({
      number: 1,
      approved: true,
      approvedBy: approver.name,
    });
    expect(snapshot.plainText).toContain("no toxicity and rejection reaction");
    expect(snapshot.claims).toHaveLength(1);
    expect(snapshot.claims[0]).toMatchObject({
      verdict: "inaccurate",
      editorNote: "Published with the correction.",
      evidence: [{ studyDesign: "systematic_review_rct", cebmLevel: 1 }],
    });

    const event = (await eventsOf(a.id)).at(-1);
    expect(event).toMatchObject({
      action: "article.transition.publish",
      actorId: approver.id,
      after: { state: "published", publication: { id: p?.id, number: 1, revision: 1, claims: 1 } },
    });
  });

  it("writes nothing when the audit event cannot be stored (one transaction)", async () => {
    const { approver, article: a } = await approvedArticle();
    const before = await article(a.id);
    const { result } = await withAuditEventsFailing(db(), a.id, () =>
      transition(approver, a.id, "publish"),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(await publicationsOf(a.id)).toHaveLength(0);
    expect(await article(a.id)).toMatchObject({ state: "approved", version: before.version });
  });

  it("keeps the snapshot as published through edits, and a second publish makes version 2", async () => {
    const { author, approver, reviewer, article: a, claim } = await approvedArticle();
    await ok(transition(approver, a.id, "publish"));
    const [v1] = await publicationsOf(a.id);

    // The verdict's rationale changes, then the text: the article goes back to draft.
    const changed = await ok(
      run(updateClaim, reviewer, {
        claimId: claim.id,
        version: claim.version,
        status: "resolved",
        verdict: "inaccurate",
        severity: "high",
        rationale: "A later, different rationale.",
        suggestedCorrection: "",
      }),
    );
    const saved = await ok(
      run(saveRevision, author, {
        articleId: a.id,
        baseRevisionId: a.revisionId,
        summary: "Added a sentence",
        doc: textToDoc(`${STEM_CELL_TEXT}\n\nA new closing sentence.`),
      }),
    );
    expect(saved.state).toBe("draft");
    const [stillV1] = await publicationsOf(a.id);
    expect(stillV1).toEqual(v1);
    expect(JSON.stringify(stillV1?.snapshot)).not.toContain("A later, different rationale.");

    // Published articles cannot be published again until re-approved.
    expect(await transition(approver, a.id, "publish")).toMatchObject({
      ok: false,
      error: { code: "rule" },
    });
    await ok(transition(author, a.id, "submit"));
    await ok(
      run(setEditorNote, approver, {
        claimId: claim.id,
        version: changed.version,
        editorNote: "Still published with the correction.",
      }),
    );
    await ok(transition(approver, a.id, "approve"));
    await ok(transition(approver, a.id, "publish"));

    const [first, second] = await publicationsOf(a.id);
    expect(first).toEqual(v1);
    expect(second).toMatchObject({ number: 2, revisionId: saved.revisionId });
    const v2 = snapshotOf(second);
    expect(v2.plainText).toContain("A new closing sentence.");
    expect(v2.claims[0]?.rationale).toBe("A later, different rationale.");

    // The public reads: the latest is version 2, version 1 stays at its number.
    const latest = await getPublicPublication(db(), a.slug);
    expect(latest).toMatchObject({ number: 2, latest: { number: 2, retractedAt: null } });
    const old = await getPublicPublication(db(), a.slug, 1);
    expect(old.number).toBe(1);
    expect(old.snapshot).toEqual(v1?.snapshot);
    expect(renderPublicationHtml(old, "version")).toContain(
      "an earlier version of this fact-check",
    );
  });
});

describe("retract", () => {
  it("needs a note, then marks the latest publication and keeps the record", async () => {
    const { author, approver, article: a } = await approvedArticle();
    await ok(transition(approver, a.id, "publish"));
    const events = (await eventsOf(a.id)).length;

    expect(await transition(author, a.id, "retract", "  ")).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { note: ["A retraction needs a note."] } },
    });
    expect((await eventsOf(a.id)).length).toBe(events);
    expect(await article(a.id)).toMatchObject({ state: "published" });

    const note = "The cited review was withdrawn.";
    expect(await transition(author, a.id, "retract", note)).toMatchObject({
      ok: true,
      data: { state: "retracted" },
    });
    const [p, ...more] = await publicationsOf(a.id);
    expect(more).toHaveLength(0);
    expect(p?.retractionNote).toBe(note);
    expect(p?.retractedAt).toBeInstanceOf(Date);
    expect(snapshotOf(p).claims).toHaveLength(1);
    expect((await eventsOf(a.id)).at(-1)).toMatchObject({
      action: "article.transition.retract",
      note,
      after: { state: "retracted", publication: { id: p?.id, number: 1 } },
    });

    // The latest page shows the notice instead of the text; the version keeps it, marked.
    const latest = await getPublicPublication(db(), a.slug);
    const page = renderPublicationHtml(latest, "latest");
    expect(page).toContain(note);
    expect(page).not.toContain("<mark");
    expect(page).not.toContain("application/ld+json");
    const version = renderPublicationHtml(latest, "version");
    expect(version).toContain(note);
    expect(version).toContain("<mark");
  });
});

describe("who and when", () => {
  it("refuses to publish an article that is not approved", async () => {
    const author = await createActor(db(), "editor");
    const imported = await importArticle(db(), author, STEM_CELL_TEXT, `Draft ${randomUUID()}`);
    expect(await transition(author, imported.id, "publish")).toMatchObject({
      ok: false,
      error: { code: "rule" },
    });
    await ok(transition(author, imported.id, "submit"));
    expect(await transition(author, imported.id, "publish")).toMatchObject({
      ok: false,
      error: { code: "rule" },
    });
    expect(await publicationsOf(imported.id)).toHaveLength(0);
    await expect(getPublicPublication(db(), imported.slug)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses viewers and reviewers, and writes nothing", async () => {
    const { article: a } = await approvedArticle();
    for (const role of ["viewer", "reviewer"] as const) {
      const actor = await createActor(db(), role);
      expect(await transition(actor, a.id, "publish")).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    const [n] = await db()
      .select({ n: count() })
      .from(publications)
      .where(eq(publications.articleId, a.id));
    expect(n?.n).toBe(0);
    expect(await article(a.id)).toMatchObject({ state: "approved" });
  });
});

describe("the public page", () => {
  it("renders the snapshot with highlights, notes, safe markdown and one ClaimReview per verdict", async () => {
    const { approver, article: a } = await approvedArticle();
    await ok(transition(approver, a.id, "publish"));
    const pub = await getPublicPublication(db(), a.slug);
    const page = renderPublicationHtml(pub, "latest");
    expect(page).toContain('<mark class="claim verdict-inaccurate"');
    expect(page).toContain("<strong>rejection</strong>");
    expect(page).not.toContain("<script>alert");
    expect(page).toContain('aria-label="Legend"');
    expect(page).toContain(`/p/${a.slug}/export?format=w3c`);
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1];
    const reviews = JSON.parse(jsonLd ?? "null") as { url: string }[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.url).toBe(`/p/${a.slug}#claim-1`);

    const w3c = JSON.parse(
      new TextDecoder().decode(await renderPublicationExport(pub, "version", "w3c")),
    ) as { items: { target: { source: string } }[] };
    expect(w3c.items[0]?.target.source).toBe(`urn:claimdesk:article:${a.slug}`);
  });
});

describe("the public pages' render cache", () => {
  const get = (slug: string, headers: Record<string, string> = {}) =>
    publicationPageResponse(
      db(),
      new Request(`http://localhost/p/${slug}`, { headers }),
      slug,
      null,
    );

  it("renders a publication once per key, and again when a retraction changes the key", async () => {
    const { author, approver, article: a } = await approvedArticle();
    await ok(transition(approver, a.id, "publish"));
    let renders = 0;
    const render = async (p: PublicPublication) => {
      renders++;
      return new TextEncoder().encode(
        `version ${p.number}, retracted: ${p.latest.retractedAt !== null}`,
      );
    };
    const first = await cachedPublicationRender(db(), a.slug, null, "test:count", render);
    const again = await cachedPublicationRender(db(), a.slug, null, "test:count", render);
    expect(renders).toBe(1);
    expect(again.render).toBe(first.render);
    // A burst for a new key renders once too.
    await Promise.all(
      Array.from({ length: 5 }, () =>
        cachedPublicationRender(db(), a.slug, 1, "test:burst", render),
      ),
    );
    expect(renders).toBe(2);

    await ok(transition(author, a.id, "retract", "The source was withdrawn."));
    const retracted = await cachedPublicationRender(db(), a.slug, null, "test:count", render);
    expect(renders).toBe(3);
    expect(new TextDecoder().decode(retracted.render.body)).toBe("version 1, retracted: true");
    expect(retracted.render.etag).not.toBe(first.render.etag);
  });

  it("serves the page with an ETag, 304 for a client that has it, and the retraction at once", async () => {
    const { author, approver, article: a } = await approvedArticle();
    await ok(transition(approver, a.id, "publish"));
    const page = await get(a.slug);
    expect(page.status).toBe(200);
    const etag = page.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(await page.text()).toContain("Immune <strong>rejection</strong>");

    const revalidated = await get(a.slug, { "if-none-match": etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect((await get(a.slug, { "if-none-match": '"other"' })).status).toBe(200);

    await ok(transition(author, a.id, "retract", "The source was withdrawn."));
    const after = await get(a.slug, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("The source was withdrawn.");
  });

  it("keeps the render compressed, and serves each coding with its own ETag and 304", async () => {
    const { approver, article: a } = await approvedArticle();
    await ok(transition(approver, a.id, "publish"));
    const identity = await get(a.slug);
    const html = await identity.text();
    const tags = new Set([identity.headers.get("etag")]);
    for (const [acceptEncoding, coding, decode] of [
      ["gzip, deflate, br", "br", zlib.brotliDecompressSync],
      ["gzip", "gzip", zlib.gunzipSync],
    ] as const) {
      const page = await get(a.slug, { "accept-encoding": acceptEncoding });
      // Next drops this header (next.config.mjs labels the response); withNegotiatedEncoding
      // reads it as "already encoded".
      expect(page.headers.get("content-encoding")).toBe(coding);
      const bytes = Buffer.from(await page.arrayBuffer());
      expect(decode(bytes).toString("utf8")).toBe(html);
      expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(html) / 2);
      const etag = page.headers.get("etag") ?? "";
      tags.add(etag);
      const again = await get(a.slug, { "accept-encoding": acceptEncoding, "if-none-match": etag });
      expect(again.status).toBe(304);
    }
    expect(tags.size).toBe(3);
  });

  it("shows a retraction made by another instance within a second", async () => {
    const { approver, article: a } = await approvedArticle();
    await ok(transition(approver, a.id, "publish"));
    expect(await (await get(a.slug)).text()).not.toContain("Retracted on");
    // Another instance retracts: this process learns of it from the database alone.
    await db()
      .update(publications)
      .set({ retractedAt: sql`now()`, retractionNote: "Withdrawn elsewhere." })
      .where(eq(publications.articleId, a.id));
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await (await get(a.slug)).text()).toContain("Withdrawn elsewhere.");
  });

  it("answers 404 for an article that was never published", async () => {
    const editor = await createActor(db(), "editor");
    const draft = await importArticle(db(), editor, STEM_CELL_TEXT, `Draft ${randomUUID()}`);
    const response = await get(draft.slug);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
