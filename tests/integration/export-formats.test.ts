/**
 * Every export format, from a model loaded out of the database as the export route loads it
 * (an article reviewed and approved through the services), checked for what each format must
 * carry. The renderers' details are unit-tested in tests/unit/*-export.test.ts.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { articles } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import type { ClaimReviewJson } from "../../lib/core/export/claimreview";
import {
  EXPORT_FORMAT_IDS,
  EXPORT_FORMATS,
  exportFilename,
  renderExport,
} from "../../lib/core/export/formats";
import type { W3cAnnotationPage } from "../../lib/core/export/w3c";
import { executeAction } from "../../lib/server/action";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote } from "../../lib/services/claims/service";
import { loadExportModel } from "../../lib/services/exports/load";
import { freshDatabasePerTest } from "../helpers/db";
import {
  createActor,
  importArticle,
  ok,
  STEM_CELL_QUOTE as QUOTE,
  resolvedInaccurateClaim,
  triageSuggestions,
} from "../helpers/fixtures";
import { failedAssertions, webAnnotationSuite } from "../helpers/web-annotation-schemas";

const h = freshDatabasePerTest();

async function approvedArticle() {
  const editor = await createActor(h.db, "editor", "Ed Itor");
  const approver = await createActor(h.db, "editor", "Man Aging");
  const reviewer = await createActor(h.db, "reviewer", "Rev Iewer");
  const imported = await importArticle(h.db, editor);
  const as = (actor: Actor) => ({ db: h.db, actor });
  const version = async () =>
    (await h.db.select().from(articles)).find((a) => a.id === imported.id)?.version ?? 0;
  const resolved = await resolvedInaccurateClaim(h.db, reviewer, imported.revisionId, {
    evidenceTitle: "Adverse events of stem cell therapy: <b>a systematic review</b>",
    doi: "10.1000/claimdesk.test",
    rationale: "Immune rejection is documented, = see the review.",
  });
  await ok(
    executeAction(transitionArticle, as(editor), {
      articleId: imported.id,
      transition: "submit",
      version: await version(),
    }),
  );
  await ok(
    executeAction(setEditorNote, as(approver), {
      claimId: resolved.id,
      version: resolved.version,
      editorNote: "We publish this with our correction.",
    }),
  );
  await triageSuggestions(h.db, reviewer, imported.id);
  await ok(
    executeAction(transitionArticle, as(approver), {
      articleId: imported.id,
      transition: "approve",
      version: await version(),
    }),
  );
  return loadExportModel(h.db, await createActor(h.db, "viewer"), "stem-cells");
}

describe("export formats on a reviewed, approved article", () => {
  it("renders every format from the loaded model, with its file name and media type", async () => {
    const model = await approvedArticle();
    expect(model.revision.approved).toBe(true);
    const decoded: Record<string, string> = {};
    for (const format of EXPORT_FORMAT_IDS) {
      const bytes = await renderExport(model, format);
      expect(bytes.byteLength, format).toBeGreaterThan(0);
      expect(exportFilename(model, format)).toBe(
        `stem-cells-r1.${EXPORT_FORMATS[format].extension}`,
      );
      // ignoreBOM: keep the byte order mark in the text, where the CSV must have it.
      if (format !== "docx") {
        decoded[format] = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      }
    }
    expect(Object.values(EXPORT_FORMATS).map((f) => f.mediaType)).toEqual([
      "text/html; charset=utf-8",
      'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
      "application/ld+json",
      "text/markdown; charset=utf-8",
      "text/csv; charset=utf-8",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]);

    // The demo workspace has no organization URL: the article is named by URN.
    const page = JSON.parse(decoded.w3c ?? "") as W3cAnnotationPage;
    const suite = webAnnotationSuite();
    expect(failedAssertions(suite.pageMusts, page)).toEqual([]);
    for (const item of page.items)
      expect(failedAssertions(suite.annotationMusts, item)).toEqual([]);
    expect(page.items.map((a) => a.motivation)).toEqual(["assessing", "commenting"]);

    const [review] = JSON.parse(decoded.claimreview ?? "") as ClaimReviewJson[];
    expect(review).toMatchObject({
      claimReviewed: QUOTE,
      reviewRating: { ratingValue: 1, alternateName: "Inaccurate" },
      // The organization, with the reviewer who gave the verdict.
      author: [
        { "@type": "Organization", name: "Claimdesk" },
        { "@type": "Person", name: "Rev Iewer" },
      ],
      datePublished: model.revision.approvedAt,
    });
    expect(decoded.html).toContain('<script type="application/ld+json">');

    expect(decoded.md).toContain(`${QUOTE}[^1]`);
    expect(decoded.md).toContain("**Editor’s note:**\n    We publish this with our correction.");
    expect(decoded.md).toContain("\\<b>a systematic review\\</b>");

    const csv = decoded.csv ?? "";
    expect(csv.startsWith("\uFEFFnote,claim,quote,")).toBe(true);
    expect(csv.split("\r\n")[1]).toMatch(
      /^1,\d+,no toxicity and rejection reaction,Resolved,Inaccurate,1,no,High,1,1,,Rev Iewer,exact,/,
    );

    const zip = await JSZip.loadAsync(await renderExport(model, "docx"));
    const document = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const comments = (await zip.file("word/comments.xml")?.async("string")) ?? "";
    expect(document).toMatch(
      new RegExp(
        `<w:commentRangeStart w:id="1"/><w:r><w:t xml:space="preserve">${QUOTE}</w:t></w:r><w:commentRangeEnd w:id="1"/>`,
      ),
    );
    expect(comments).toContain("&lt;b&gt;a systematic review&lt;/b&gt;");
    expect(comments).toContain("We publish this with our correction.");
  });

  it("exports the work in progress of an article that has no approved revision", async () => {
    const editor = await createActor(h.db, "editor");
    await importArticle(h.db, editor);
    const model = await loadExportModel(h.db, editor, "stem-cells");
    for (const format of EXPORT_FORMAT_IDS) {
      expect((await renderExport(model, format)).byteLength, format).toBeGreaterThan(0);
    }
    expect(new TextDecoder().decode(await renderExport(model, "md"))).toContain(
      "> **Not yet approved.**",
    );
  });
});
