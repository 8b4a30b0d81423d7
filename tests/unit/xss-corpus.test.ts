/**
 * Issue 6, security item 3: every payload of the XSS corpus (tests/fixtures/xss/payloads.json)
 * through every path user text takes — import (pasted HTML, Markdown and text, an .html page's
 * title, a .docx with the payload as text and as a link target), rationale and comment markdown,
 * and every export renderer and the public page with the payload in every string of the export
 * model (article text, a link's href, title, byline, rationale, suggested correction, editor's
 * note, reviewer, every evidence field, the retraction note). Nothing executable may come out:
 * HTML is parsed and checked against allow-lists (tests/helpers/xss.ts), the other formats must
 * carry the payload as the same inert text. The browser half is tests/e2e/xss.spec.ts.
 */

import { describe, expect, it } from "vitest";
import type { PublicPublication } from "@/db/queries/publications";
import { renderDocHtml } from "@/lib/core/document/render-html";
import { SAFE_HREF } from "@/lib/core/document/safe-href";
import type { DocNode, DocRoot } from "@/lib/core/document/schema";
import { CSV_COLUMNS, neutraliseFormula } from "@/lib/core/export/csv";
import { xmlSafe } from "@/lib/core/export/docx";
import { type ExportFormatId, renderExport } from "@/lib/core/export/formats";
import { renderHtmlExport } from "@/lib/core/export/html";
import { buildExportModel, type ExportModel } from "@/lib/core/export/model";
import { type ImportSource, importToDoc } from "@/lib/core/import/import-to-doc";
import { renderMarkdown } from "@/lib/core/markdown/render";
import { renderPublicationHtml } from "@/lib/services/publications/page";
import { assertEditorDocument } from "../helpers/article-schema";
import { parseCsv } from "../helpers/csv";
import { buildDocx, paragraph as docxParagraph, hyperlink, run } from "../helpers/docx";
import { claimOn, demoDoc, demoModel, exportSource } from "../helpers/export-models";
import {
  csvFormulaCells,
  htmlProblems,
  jsonLdBlocks,
  jsonStrings,
  jsonUrlProblems,
  markdownAsHtml,
  marker,
  readDocx,
  squash,
  visibleText,
  XSS_PAYLOADS,
  type XssPayload,
} from "../helpers/xss";

describe("the corpus", () => {
  it("holds at least 50 distinct payloads of every kind, each carrying its marker", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(XSS_PAYLOADS.map((p) => p.payload)).size).toBe(XSS_PAYLOADS.length);
    expect(XSS_PAYLOADS.map((p) => p.id)).toEqual(XSS_PAYLOADS.map((_, i) => i + 1));
    const kinds = new Set(XSS_PAYLOADS.map((p) => p.kind));
    for (const kind of [
      "script",
      "event-handler",
      "javascript-url",
      "svg",
      "malformed",
      "css",
      "data-url",
      "entity-encoded",
      "mxss",
      "template",
      "markdown",
      "csv-formula",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    for (const p of XSS_PAYLOADS) expect(p.payload, `payload ${p.id}`).toContain(marker(p));
  });
});

describe("the HTML check", () => {
  // Without this, a check that never finds anything would pass every test below.
  it("flags every payload written into HTML unescaped, in one context or another", () => {
    for (const p of XSS_PAYLOADS) {
      const contexts = [
        `<p>${p.payload}</p>`,
        `<p title="${p.payload}">x</p>`,
        `<p title='${p.payload}'>x</p>`,
        `<a href="${p.payload}">x</a>`,
      ];
      expect(
        contexts.some((html) => htmlProblems(html).length > 0),
        `payload ${p.id}`,
      ).toBe(true);
    }
    expect(htmlProblems('<script type="application/ld+json">["</script>"]</script>')).not.toEqual(
      [],
    );
    expect(htmlProblems("<p>ok</p><style>p{}</style>")).not.toEqual([]);
  });
});

/** The sources an editor can import the payload from. */
function importSources(p: XssPayload): Record<string, ImportSource> {
  const s = p.payload;
  const around = `Before ${marker(p)}.\n\n${s}\n\nAfter.`;
  return {
    "pasted HTML": { format: "html", text: `<p>Before ${marker(p)}.</p>${s}<p>After.</p>` },
    // Pasted rather than uploaded: a file holding a NUL byte is refused as binary.
    "an HTML page (title and body)": {
      format: "html",
      text: `<!doctype html><html><head><title>${s}</title></head><body><p>Before ${marker(p)}.</p><h2>${s}</h2>${s}<p>After.</p></body></html>`,
    },
    "pasted Markdown": { format: "markdown", text: around },
    "pasted text": { format: "text", text: around },
    "a .docx (text and link target)": {
      fileName: "article.docx",
      bytes: buildDocx(
        [
          docxParagraph(run(`Before ${marker(p)}.`)),
          docxParagraph(run(s)),
          docxParagraph(hyperlink("rIdXss", `link ${marker(p)}`)),
        ],
        { rIdXss: s },
      ),
    },
  };
}

function docLinks(node: DocNode): string[] {
  const own =
    node.type === "text"
      ? (node.marks ?? []).flatMap((m) => (m.type === "link" ? [m.attrs.href] : []))
      : [];
  const children = "content" in node ? ((node.content ?? []) as DocNode[]) : [];
  return [...own, ...children.flatMap(docLinks)];
}

/** A publication of `model` as the public page receives it. */
function publication(
  model: ExportModel,
  retraction: { at: Date; note: string } | null = null,
): PublicPublication {
  return {
    number: 1,
    publishedAt: new Date("2026-11-03T10:00:00Z"),
    snapshot: model,
    latest: {
      number: 1,
      retractedAt: retraction?.at ?? null,
      retractionNote: retraction?.note ?? null,
    },
  };
}

/**
 * An export model with the payload in every string a person can write (and in some that
 * validation would refuse, such as a `javascript:` evidence URL, so that the renderers are
 * tested on their own), plus the document and title imported from the payload as an HTML page.
 */
function hostileModel(p: XssPayload, imported: DocRoot, title: string): ExportModel {
  const s = p.payload;
  // A text node holds no line breaks (the schema has hard breaks for them).
  const inline = s.replace(/\n/g, " ");
  const doc = demoDoc([
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: inline }] },
    { type: "paragraph", content: [{ type: "text", text: `Said: ${inline}` }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: `link ${marker(p)}`, marks: [{ type: "link", attrs: { href: s } }] },
      ],
    },
    ...imported.content,
  ]);
  const hostile = claimOn(doc, inline, {
    rationale: s,
    suggestedCorrection: s,
    editorNote: s,
    reviewer: s,
  });
  hostile.evidence = hostile.evidence.map((e) => ({
    ...e,
    title: s,
    authors: s,
    publisher: s,
    url: s,
    doi: s,
    pmid: s,
    excerpt: s,
  }));
  const open = claimOn(doc, `Said: ${inline}`, {
    status: "in_review",
    verdict: null,
    rationale: `Still checking ${s}`,
    evidence: [],
  });
  return buildExportModel(
    exportSource(doc, [hostile, open], {
      organization: { name: s, url: "https://desk.example" },
      article: {
        slug: "xss-corpus",
        title,
        sourceUrl: s,
        originalAuthor: s,
        originalPublishedAt: s,
      },
    }),
  );
}

const text = async (model: ExportModel, format: ExportFormatId) =>
  new TextDecoder().decode(await renderExport(model, format));

describe.each(XSS_PAYLOADS)("payload $id ($kind)", (p) => {
  const s = p.payload;

  it("is imported from every format as a document the editor holds, with safe links only", async () => {
    for (const [how, source] of Object.entries(importSources(p))) {
      const imported = await importToDoc(source);
      expect(() => assertEditorDocument(imported.doc), how).not.toThrow();
      for (const href of docLinks(imported.doc)) expect(href, how).toMatch(SAFE_HREF);
      expect(htmlProblems(renderDocHtml(imported.doc)), how).toEqual([]);
      expect(imported.plainText, how).toContain(`Before ${marker(p)}.`);
      if (how === "pasted text") expect(squash(imported.plainText)).toContain(squash(s));
      if (how === "pasted HTML") expect(imported.plainText.endsWith("After.")).toBe(!p.unclosed);
    }
  });

  it("renders as inert markdown in a rationale or a comment", () => {
    for (const source of [s, `Before ${s} after`, `> ${s}\n\n- ${s}\n\n**${s}**`]) {
      const html = renderMarkdown(source);
      expect(htmlProblems(html)).toEqual([]);
      // Kept, as text or inside a web link's address (`![x](https://…"onerror=…)`).
      expect(html).toContain(marker(p));
    }
  });

  it("stays inert text in every export and on the public page", async () => {
    const page = await importToDoc(
      importSources(p)["an HTML page (title and body)"] as ImportSource,
    );
    // The title is the one the import read from the page's <title>, the payload as text.
    expect(page.title).not.toBeNull();
    const model = hostileModel(p, page.doc, page.title ?? "");

    // HTML: the export file, and the public page in its three shapes (with the rationale as
    // markdown), plus the retraction notice, whose note is the editor's own text.
    const pages = {
      export: renderHtmlExport(model),
      "public page": renderPublicationHtml(publication(model), "latest"),
      "version page": renderPublicationHtml(publication(model), "version"),
      "public download": renderPublicationHtml(publication(model), "latest", { download: true }),
      retracted: renderPublicationHtml(
        publication(model, { at: new Date("2026-11-04T10:00:00Z"), note: s }),
        "latest",
      ),
    };
    for (const [name, html] of Object.entries(pages)) {
      expect(htmlProblems(html, { page: true }), name).toEqual([]);
      expect(squash(visibleText(html)), name).toContain(squash(s));
    }
    // The ClaimReview data block holds the rationale as the same string.
    const reviews = jsonStrings(jsonLdBlocks(pages.export));
    expect(reviews).toContain(s.trim());

    // W3C and ClaimReview: JSON whose strings are the payload as written; links only to the web
    // (or a URN), never a payload's scheme.
    for (const format of ["w3c", "claimreview"] as const) {
      const json: unknown = JSON.parse(await text(model, format));
      expect(jsonStrings(json), format).toContain(format === "w3c" ? s : s.trim());
      expect(jsonUrlProblems(json), format).toEqual([]);
    }

    // Markdown: read by the most permissive renderer, nothing becomes markup and the text reads
    // back as written.
    const markdownHtml = markdownAsHtml(await text(model, "md"));
    expect(htmlProblems(markdownHtml)).toEqual([]);
    expect(squash(visibleText(markdownHtml))).toContain(squash(s));

    // CSV: valid RFC 4180, no cell a spreadsheet would run, the payload kept as text.
    const csv = await text(model, "csv");
    expect(csvFormulaCells(csv)).toEqual([]);
    const reviewer = parseCsv(csv.replace(/^\uFEFF/, ""))[1]?.[CSV_COLUMNS.indexOf("reviewer")];
    expect(reviewer).toBe(neutraliseFormula(s));

    // Word: only Word's own markup; the payload is the text of one run.
    const docx = await readDocx(await renderExport(model, "docx"));
    expect(docx.problems).toEqual([]);
    const firstLine = xmlSafe(s.split("\n")[0] ?? "").trim();
    expect(docx.runs.some((r) => r.includes(firstLine))).toBe(true);
  });
});

describe("the organization's URL (workspace configuration, no form checks it yet)", () => {
  const urls = XSS_PAYLOADS.filter((p) => /url$/.test(p.kind));

  it.each(urls)("is linked only when it is a web address: payload $id", (p) => {
    const model = demoModel({ organization: { name: "Health Desk", url: p.payload } });
    for (const html of [
      renderHtmlExport(model),
      renderPublicationHtml(publication(model), "latest"),
      renderPublicationHtml(publication(model), "version"),
    ]) {
      expect(htmlProblems(html, { page: true })).toEqual([]);
    }
  });
});
