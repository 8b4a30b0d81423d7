/**
 * Importing pasted Markdown/HTML and uploaded files through the real action definition on a
 * real database (PGlite, and PostgreSQL with TEST_DATABASE_URL): what is stored, the audit
 * event, and that a refused source writes nothing. One database for the file; each test makes
 * its own users and counts only totals around its own calls.
 */
import { randomUUID } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { articles, auditEvents, revisions } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { docToPlainText } from "../../lib/core/document/text-map";
import { MAX_IMPORT_BYTES } from "../../lib/core/import/limits";
import { executeAction } from "../../lib/server/action";
import { importArticleDocument } from "../../lib/services/articles/service";
import { assertEditorDocument } from "../helpers/article-schema";
import { createTestDatabase } from "../helpers/db";
import { buildDocx, hyperlink, paragraph, run } from "../helpers/docx";
import { claimQuote, createActor } from "../helpers/fixtures";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});
const db = () => handle.db;

const importAs = (actor: Actor | null, input: unknown) =>
  executeAction(importArticleDocument, { db: db(), actor }, input);

/** Imports and expects a new article (not a revision of an existing one). */
async function importNew(actor: Actor, input: unknown) {
  const result = await importAs(actor, input);
  if (!result.ok) throw new Error(result.error.message);
  if (result.data.kind !== "article")
    throw new Error(`expected a new article, got ${result.data.kind}`);
  return result.data;
}

async function totals() {
  const [a] = await db().select({ n: count() }).from(articles);
  const [r] = await db().select({ n: count() }).from(revisions);
  const [e] = await db().select({ n: count() }).from(auditEvents);
  return { articles: a?.n, revisions: r?.n, events: e?.n };
}

async function stored(articleId: string) {
  const [article] = await db().select().from(articles).where(eq(articles.id, articleId));
  const revs = await db()
    .select()
    .from(revisions)
    .where(eq(revisions.articleId, articleId))
    .orderBy(asc(revisions.number));
  const events = await db().select().from(auditEvents).where(eq(auditEvents.articleId, articleId));
  return { article, revs, events };
}

const STEM_CELL_DOCX = buildDocx(
  [
    paragraph(run("Stem cell therapy for kidney failure"), { style: "Title" }),
    paragraph(
      run("Even though stem cell therapy has ") +
        run("no toxicity and rejection reaction", { bold: true }) +
        run(", it still has some side effects."),
    ),
    paragraph(run("Read ") + hyperlink("rSrc", "the source") + run(".")),
  ],
  { rSrc: "https://clinic.example/kidney" },
);

/** The import form's FormData, as the browser sends it. */
function uploadForm(file: File, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set("source", "file");
  form.set("file", file);
  for (const [k, v] of Object.entries({ title: "", sourceUrl: "", ...fields })) form.set(k, v);
  return form;
}

describe("importing a document", () => {
  it("imports an uploaded .docx sent as FormData, guessing the title, with an audit event", async () => {
    const editor = await createActor(db(), "editor");
    const result = await importAs(
      editor,
      uploadForm(new File([STEM_CELL_DOCX], "kidney.docx"), {
        sourceUrl: "https://clinic.example/kidney",
        originalAuthor: "Clinic staff",
        originalPublishedAt: "2016-04-02",
      }),
    );
    if (!result.ok) throw new Error(result.error.message);
    if (result.data.kind !== "article") throw new Error("expected a new article");
    expect(result.data).toMatchObject({ title: "Stem cell therapy for kidney failure" });

    const { article, revs, events } = await stored(result.data.id);
    expect(article).toMatchObject({
      state: "draft",
      slug: result.data.slug,
      sourceUrl: "https://clinic.example/kidney",
      originalAuthor: "Clinic staff",
      originalPublishedAt: "2016-04-02",
      createdById: editor.id,
      currentRevisionId: result.data.revisionId,
    });
    expect(revs).toHaveLength(1);
    const [rev] = revs;
    if (!rev) throw new Error("no revision");
    assertEditorDocument(rev.doc);
    expect(rev.plainText).toBe(docToPlainText(rev.doc));
    expect(rev.plainText).toBe(
      "Stem cell therapy for kidney failure\n\n" +
        "Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects.\n\n" +
        "Read the source.",
    );
    expect(JSON.stringify(rev.doc)).toContain('"href":"https://clinic.example/kidney"');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "article.import",
      actorId: editor.id,
      entityId: article?.id,
      after: {
        slug: result.data.slug,
        revision: 1,
        format: "docx",
        fileName: "kidney.docx",
        characters: rev.plainText.length,
      },
    });
  });

  it("imports pasted Markdown and HTML, keeping a typed title over the guessed one", async () => {
    const editor = await createActor(db(), "editor");
    const md = await importAs(editor, {
      source: "paste",
      format: "markdown",
      title: "",
      text: "# Kidney *claims*\n\nStem cells **heal** kidneys.",
    });
    expect(md).toMatchObject({ ok: true, data: { title: "Kidney claims" } });
    const html = await importAs(editor, {
      source: "paste",
      format: "html",
      title: " Typed title ",
      text: '<h1>Page heading</h1><p onclick="x()">Body<script>alert(1)</script></p>',
    });
    if (!html.ok) throw new Error(html.error.message);
    if (html.data.kind !== "article") throw new Error("expected a new article");
    expect(html.data.title).toBe("Typed title");
    const { revs, events } = await stored(html.data.id);
    expect(revs[0]?.plainText).toBe("Page heading\n\nBody");
    expect(JSON.stringify(revs[0]?.doc)).not.toMatch(/script|onclick|alert/);
    expect(events[0]?.after).toMatchObject({ format: "html", fileName: null });
  });

  it("imports pasted plain text as the text import does", async () => {
    const editor = await createActor(db(), "editor");
    const result = await importAs(editor, {
      source: "paste",
      format: "text",
      title: "",
      text: "First line\nsecond\n\nNext.",
    });
    if (!result.ok) throw new Error(result.error.message);
    if (result.data.kind !== "article") throw new Error("expected a new article");
    expect(result.data.title).toBe("First line");
    expect((await stored(result.data.id)).revs[0]?.plainText).toBe("First line\nsecond\n\nNext.");
  });
  it("makes a re-import of the same source URL the article's next revision, not a new article", async () => {
    const editor = await createActor(db(), "editor");
    const reviewer = await createActor(db(), "reviewer");
    const sourceUrl = `https://clinic.example/${randomUUID()}`;
    const first = await importNew(editor, {
      source: "paste",
      format: "markdown",
      title: "Kidney clinic page",
      text: "# Kidney clinic\n\nStem cell therapy has no toxicity and rejection reaction at all.",
      sourceUrl,
    });
    await claimQuote(db(), reviewer, first.revisionId, "no toxicity and rejection reaction");
    const before = await totals();

    const again = await importAs(editor, {
      source: "paste",
      format: "markdown",
      title: "",
      text: "# Kidney clinic\n\nUpdated: stem cell therapy has no toxicity and rejection reaction at all.",
      sourceUrl,
    });
    expect(again).toMatchObject({
      ok: true,
      data: {
        kind: "revision",
        articleId: first.id,
        slug: first.slug,
        number: 2,
        unchanged: false,
      },
    });
    const after = await totals();
    expect(after.articles).toBe(before.articles);
    expect(after.revisions).toBe((before.revisions ?? 0) + 1);
    const { article, revs } = await stored(first.id);
    expect(revs.map((r) => r.summary)).toEqual(["Imported", `Re-imported from ${sourceUrl}`]);
    expect(article?.currentRevisionId).toBe(revs[1]?.id);

    // The same text once more: nothing is written.
    const same = await importAs(editor, {
      source: "paste",
      format: "markdown",
      title: "",
      text: "# Kidney clinic\n\nUpdated: stem cell therapy has no toxicity and rejection reaction at all.",
      sourceUrl,
    });
    expect(same).toMatchObject({
      ok: true,
      data: { kind: "revision", number: 2, unchanged: true },
    });
    expect(await totals()).toEqual(after);
  });
});

describe("refusals write nothing", () => {
  const bad: [string, unknown, string, string][] = [
    ["no file chosen", uploadForm(new File([], "")), "file", "Choose a file to import."],
    ["an empty file", uploadForm(new File([], "empty.txt")), "file", "The file is empty."],
    [
      "a wrong type",
      uploadForm(new File(["x"], "scan.pdf")),
      "file",
      "PDF files cannot be imported: copy the text from the PDF and paste it instead.",
    ],
    [
      "a corrupt .docx",
      uploadForm(new File([STEM_CELL_DOCX.subarray(0, 300)], "broken.docx")),
      "file",
      "This .docx file could not be read: it is damaged or not really a Word document. Open it in Word and save it again as .docx.",
    ],
    [
      "a file over the limit",
      uploadForm(new File([new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)], "big.txt")),
      "file",
      "The file is 2.1 MB; the limit is 2 MB.",
    ],
    [
      "a paste without text",
      { source: "paste", format: "html", title: "T", text: "<p> </p><script>x()</script>" },
      "text",
      "The pasted text has no text to import.",
    ],
    [
      "an unknown paste format",
      { source: "paste", format: "rtf", title: "T", text: "x" },
      "format",
      "Choose the format of the pasted text.",
    ],
    [
      "no source at all",
      { title: "T" },
      "source",
      "Choose whether to paste the text or upload a file.",
    ],
    [
      "an unsafe source URL",
      uploadForm(new File(["Text."], "a.txt"), { sourceUrl: "javascript:alert(1)" }),
      "sourceUrl",
      "Source URL must start with http:// or https://.",
    ],
  ];

  it.each(bad)("refuses %s with a message next to its field", async (_, input, field, message) => {
    const editor = await createActor(db(), "editor");
    const before = await totals();
    const result = await importAs(editor, input);
    expect(result).toEqual({
      ok: false,
      error: { code: "validation", message, fieldErrors: { [field]: [message] } },
    });
    expect(await totals()).toEqual(before);
  });

  it("refuses reviewers, viewers and anonymous visitors before reading the file", async () => {
    const input = uploadForm(new File([STEM_CELL_DOCX], "kidney.docx"));
    const reviewer = await createActor(db(), "reviewer");
    const viewer = await createActor(db(), "viewer");
    const before = await totals();
    expect(await importAs(reviewer, input)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await importAs(viewer, input)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await importAs(null, input)).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    expect(await totals()).toEqual(before);
  });
});
