/**
 * Exports and the public page carry true facts: absolute URLs
 * from the configured public base URL (else NEXTAUTH_URL), ClaimReview field by field with the
 * named reviewer, Markdown escaping only what it must, no "et al..", CSV notes = claim numbers
 * after a gap, the reviewer and approver lines frozen into the publication, rationale Markdown
 * rendered alike in HTML and Word, the draft download, and our W3C export imported back whole.
 */
import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { articles, auditEvents, claims, users, workspaceSettings } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import type { ClaimReviewJson } from "../../lib/core/export/claimreview";
import { renderExport } from "../../lib/core/export/formats";
import type { ExportModel } from "../../lib/core/export/model";
import type { W3cAnnotationPage } from "../../lib/core/export/w3c";
import { importAnnotations } from "../../lib/services/annotations/service";
import { createArticleFromText, transitionArticle } from "../../lib/services/articles/service";
import { createClaim, setEditorNote, updateClaim } from "../../lib/services/claims/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { loadExportChoice, loadExportModel } from "../../lib/services/exports/load";
import { renderPublicationHtml } from "../../lib/services/publications/page";
import { getPublicPublication } from "../../lib/services/publications/read";
import { saveRevision } from "../../lib/services/revisions/service";
import { databasePerFile } from "../helpers/db";
import { createActor, ok } from "../helpers/fixtures";

const file = databasePerFile();
const db = () => file.db;
const run = file.run;

const TEXT = `Stem cell therapy as one of the new treatment of kidney failure, it has been used to treat various kidney diseases widely.

Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.

It repairs damaged kidney cells within weeks.`;
const QUOTE =
  "stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks";
const SECOND = "It repairs damaged kidney cells within weeks.";
const FIRST = "it has been used to treat various kidney diseases widely";
const SOURCE = "https://clinic.kidney-blog.test/blog/stem-cells";

let savedNextAuthUrl: string | undefined;
beforeEach(() => {
  savedNextAuthUrl = process.env.NEXTAUTH_URL;
});
afterEach(() => {
  if (savedNextAuthUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedNextAuthUrl;
});

async function settings(values: {
  publicBaseUrl: string | null;
  organizationUrl?: string | null;
  logoText?: string | null;
}) {
  const row = {
    organizationName: "Health Desk",
    organizationUrl: values.organizationUrl ?? null,
    publicBaseUrl: values.publicBaseUrl,
    logoText: values.logoText ?? null,
  };
  await db()
    .insert(workspaceSettings)
    .values({ id: 1, ...row })
    .onConflictDoUpdate({ target: workspaceSettings.id, set: row });
}

async function version(articleId: string) {
  const [row] = await db().select().from(articles).where(eq(articles.id, articleId));
  return row?.version ?? 0;
}

async function claimOn(reviewer: Actor, revisionId: string, plainText: string, quote: string) {
  const start = plainText.indexOf(quote);
  if (start < 0) throw new Error(`missing ${quote}`);
  return ok(
    run(createClaim, reviewer, { revisionId, start, end: start + quote.length, exact: quote }),
  );
}

/**
 * An article with three claims: claim 1 dismissed (so the exported numbers have a gap), claim 2
 * resolved Inaccurate and claim 3 Misleading by a reviewer with credentials, both with an
 * editor's note; approved by a second editor.
 */
async function reviewedArticle(title: string) {
  const author = await createActor(db(), "editor", `Author ${title}`);
  const approver = await createActor(db(), "editor", `Man Aging ${title}`);
  const reviewer = await createActor(db(), "reviewer", `Rita Reviewer ${title}`);
  await db()
    .update(users)
    .set({ credentials: "MD, nephrologist" })
    .where(eq(users.id, reviewer.id));
  const created = await db().transaction((tx) =>
    createArticleFromText(tx, author.id, {
      title,
      text: TEXT,
      sourceUrl: SOURCE,
      originalAuthor: "Dr. Jane Roe",
      originalPublishedAt: "2 April 2016",
    }),
  );
  const plain = (await loadExportModel(db(), author, created.slug)).plainText;
  const first = await claimOn(reviewer, created.revisionId, plain, FIRST);
  const main = await claimOn(reviewer, created.revisionId, plain, QUOTE);
  const third = await claimOn(reviewer, created.revisionId, plain, SECOND);
  await ok(
    run(updateClaim, reviewer, {
      claimId: first.id,
      version: first.version,
      status: "dismissed",
      verdict: null,
      severity: "low",
      rationale: "",
      suggestedCorrection: "",
    }),
  );
  await ok(
    run(addEvidence, reviewer, {
      claimId: main.id,
      title: "Adverse events of stem cell therapy: a systematic review.",
      authors: "Smith J, et al.",
      publisher: "Kidney Int.",
      year: 2021,
      stance: "contradicts",
      studyDesign: "systematic_review_rct",
    }),
  );
  const resolved = await ok(
    run(updateClaim, reviewer, {
      claimId: main.id,
      version: main.version,
      status: "resolved",
      verdict: "inaccurate",
      severity: "high",
      rationale: "Checked at 10:37: **rejection** is documented.\n\n- one\n- two",
      suggestedCorrection: "Say that rejection occurs.",
    }),
  );
  const misleading = await ok(
    run(updateClaim, reviewer, {
      claimId: third.id,
      version: third.version,
      status: "resolved",
      verdict: "misleading",
      severity: "medium",
      rationale: "Looking for *trials*.",
      suggestedCorrection: "",
    }),
  );
  for (const c of [resolved, misleading]) {
    await ok(
      run(setEditorNote, approver, {
        claimId: c.id,
        version: c.version,
        editorNote: "Published with our correction.",
      }),
    );
  }
  await ok(
    run(transitionArticle, author, {
      articleId: created.id,
      transition: "submit",
      version: await version(created.id),
    }),
  );
  await ok(
    run(transitionArticle, approver, {
      articleId: created.id,
      transition: "approve",
      version: await version(created.id),
    }),
  );
  return { author, approver, reviewer, article: created, claim: resolved };
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const claimReviews = async (model: ExportModel) =>
  JSON.parse(decode(await renderExport(model, "claimreview"))) as ClaimReviewJson[];
const longDate = (d: Date | string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(d));

describe("exports carry true facts", () => {
  it("takes every absolute URL from the public base URL setting, never the organization's homepage", async () => {
    await settings({
      publicBaseUrl: "https://facts.health.test/",
      organizationUrl: "https://health.test",
    });
    process.env.NEXTAUTH_URL = "https://auth.health.test";
    const { reviewer, approver, article } = await reviewedArticle("Base URL setting");
    const model = await loadExportModel(db(), reviewer, article.slug);
    expect(model.publicBaseUrl).toBe("https://facts.health.test");
    const page = `https://facts.health.test/p/${article.slug}`;

    const [review, third, ...others] = await claimReviews(model);
    expect(others).toEqual([]); // the dismissed claim is out
    expect(third?.url).toBe(`${page}#claim-3`);
    const [approverRow] = await db().select().from(users).where(eq(users.id, approver.id));
    expect(review).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `${page}#claim-2`,
      claimReviewed: QUOTE,
      reviewRating: {
        "@type": "Rating",
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        alternateName: "Inaccurate",
      },
      reviewBody: "Checked at 10:37: **rejection** is documented.\n\n- one\n- two",
      author: [
        { "@type": "Organization", name: "Health Desk", url: "https://health.test" },
        { "@type": "Person", name: reviewer.name, description: "MD, nephrologist" },
      ],
      editor: { "@type": "Person", name: approverRow?.name },
      datePublished: model.revision.approvedAt,
      itemReviewed: {
        "@type": "Claim",
        text: QUOTE,
        author: { "@type": "Person", name: "Dr. Jane Roe" },
        datePublished: "2016-04-02",
        appearance: { "@type": "CreativeWork", url: SOURCE, headline: "Base URL setting" },
        firstAppearance: { "@type": "CreativeWork", url: SOURCE, headline: "Base URL setting" },
      },
    });

    const w3c = JSON.parse(decode(await renderExport(model, "w3c"))) as W3cAnnotationPage;
    expect(w3c.id).toBe(`${page}#annotations-r1`);
    expect(new Set(w3c.items.map((a) => a.target.source))).toEqual(new Set([page]));
    expect(w3c.items.filter((a) => a.motivation === "assessing").map((a) => a.id)).toEqual([
      `${page}#annotation-2`,
      `${page}#annotation-3`,
    ]);
    const html = decode(await renderExport(model, "html"));
    expect(html).toContain(`"url":"${page}#claim-2"`);
    // No made-up or relative public URL anywhere.
    for (const format of ["html", "w3c", "claimreview", "md"] as const) {
      const text = decode(await renderExport(model, format));
      expect(text, format).not.toMatch(/\.example\b|localhost|urn:claimdesk|"\/p\//);
    }
  });

  it("falls back to NEXTAUTH_URL when the setting is empty", async () => {
    await settings({ publicBaseUrl: null });
    process.env.NEXTAUTH_URL = "https://desk.health.test:8443/claimdesk/";
    const { reviewer, article } = await reviewedArticle("Base URL from NEXTAUTH_URL");
    const model = await loadExportModel(db(), reviewer, article.slug);
    const page = `https://desk.health.test:8443/claimdesk/p/${article.slug}`;
    const [review] = await claimReviews(model);
    expect(review?.url).toBe(`${page}#claim-2`);
    // Without an organization URL, the publisher is the site that publishes the fact-check.
    expect(review?.author).toEqual([
      {
        "@type": "Organization",
        name: "Health Desk",
        url: "https://desk.health.test:8443/claimdesk",
      },
      { "@type": "Person", name: reviewer.name, description: "MD, nephrologist" },
    ]);
    const w3c = JSON.parse(decode(await renderExport(model, "w3c"))) as W3cAnnotationPage;
    expect(w3c.items[0]?.target.source).toBe(page);
  });

  it("shows the workspace's logo text on the HTML export, escaped, and none when it is empty", async () => {
    await settings({ publicBaseUrl: "https://facts.health.test", logoText: "HD <b>" });
    const { reviewer, article } = await reviewedArticle("Logo text");
    const html = decode(
      await renderExport(await loadExportModel(db(), reviewer, article.slug), "html"),
    );
    expect(html).toContain('<span class="logo" data-testid="logo">HD &lt;b&gt;</span> Health Desk');
    await settings({ publicBaseUrl: "https://facts.health.test", logoText: null });
    const plain = decode(
      await renderExport(await loadExportModel(db(), reviewer, article.slug), "html"),
    );
    expect(plain).not.toContain('class="logo"');
  });

  it("writes Markdown, CSV and Word as the facts are: 10:37, et al., claim numbers, formatted rationale", async () => {
    await settings({ publicBaseUrl: "https://facts.health.test" });
    const { reviewer, article } = await reviewedArticle("Formats as facts");
    const model = await loadExportModel(db(), reviewer, article.slug);

    const md = decode(await renderExport(model, "md"));
    expect(md).toContain("Checked at 10:37");
    expect(md).not.toContain("10\\:37");
    expect(md).toContain("Smith J, et al. Kidney Int. 2021.");
    expect(md).toContain(`[^2]: **Inaccurate** (1 of 5)`);
    expect(md).toContain(`[^3]: **Misleading** (3 of 5)`);
    expect(md).not.toContain("[^1]");
    expect(md).toContain(`*Medically reviewed by ${reviewer.name}, MD, nephrologist on`);

    const html = decode(await renderExport(model, "html"));
    expect(html).toContain("a systematic review.</strong> Smith J, et al. Kidney Int. 2021");
    for (const text of [md, html]) expect(text).not.toMatch(/et al\.\.|\.\. /);
    // The rationale as Markdown, rendered as on the public page.
    expect(html).toContain("<strong>rejection</strong> is documented.");
    expect(html).toContain("<li>one</li>");
    // (The ClaimReview data block in the head keeps the Markdown source as its reviewBody.)
    expect(html.slice(html.indexOf("</head>"))).not.toContain("**rejection**");
    expect(html).toContain('<li id="note-2" value="2">');

    const csv = decode(await renderExport(model, "csv")).replace(/^\uFEFF/, "");
    const rows = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((r) => r.split(","));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["2", "2"],
      ["3", "3"],
    ]);

    const zip = await JSZip.loadAsync(await renderExport(model, "docx"));
    const comments = (await zip.file("word/comments.xml")?.async("string")) ?? "";
    expect(comments).not.toContain("**");
    expect(comments).toMatch(
      /<w:b\/>(?:<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve">rejection<\/w:t>/,
    );
    expect(comments).toContain(">• </w:t>");
    expect(comments).toContain("Smith J, et al. Kidney Int. 2021");
    expect(comments).not.toContain("et al..");
  });

  it("names the reviewers and the approver on the HTML export and the public page, frozen at publication", async () => {
    await settings({ publicBaseUrl: "https://facts.health.test" });
    const { reviewer, approver, article } = await reviewedArticle("Named reviewer");
    const model = await loadExportModel(db(), reviewer, article.slug);
    const givenAt = model.claims.find((c) => c.number === 2)?.verdictBy?.at ?? "";
    const [approverRow] = await db().select().from(users).where(eq(users.id, approver.id));
    const line = `Medically reviewed by ${reviewer.name}, MD, nephrologist on ${longDate(givenAt)}.`;
    const approved = `Approved by ${approverRow?.name} on ${longDate(model.revision.approvedAt ?? "")}.`;
    expect(model.claims.map((c) => [c.number, c.verdictBy?.name])).toEqual([
      [2, reviewer.name],
      [3, reviewer.name],
    ]);
    const html = decode(await renderExport(model, "html"));
    expect(html).toContain(line);
    expect(html).toContain(approved);

    await ok(
      run(transitionArticle, approver, {
        articleId: article.id,
        transition: "publish",
        version: await version(article.id),
      }),
    );
    // Credentials change after publishing: the publication keeps what was true then.
    await db().update(users).set({ credentials: "PhD" }).where(eq(users.id, reviewer.id));
    const publication = await getPublicPublication(db(), article.slug);
    const page = renderPublicationHtml(publication, "latest");
    expect(page).toContain(line);
    expect(page).toContain(approved);
    expect(page).not.toContain(", PhD");
    // The rationale renders the same on the page as in the signed-in download.
    expect(page).toContain("<strong>rejection</strong> is documented.");
    const [review] = JSON.parse(
      /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)?.[1] ?? "[]",
    ) as ClaimReviewJson[];
    expect(review?.author).toEqual([
      { "@type": "Organization", name: "Health Desk", url: "https://facts.health.test" },
      { "@type": "Person", name: reviewer.name, description: "MD, nephrologist" },
    ]);
    expect(review?.url).toBe(`https://facts.health.test/p/${article.slug}#claim-2`);
    // A new export reads the credentials as they are now.
    const now = await loadExportModel(db(), reviewer, article.slug);
    expect(decode(await renderExport(now, "html"))).toContain(`${reviewer.name}, PhD on`);
  });

  it("says which revision the workspace download exports, and offers the draft", async () => {
    await settings({ publicBaseUrl: null });
    const { author, article } = await reviewedArticle("Draft download");
    expect(
      await loadExportChoice(db(), author, { id: article.id, currentRevisionId: null }, 1),
    ).toEqual({
      approved: 1,
      draft: null,
    });
    const model = await loadExportModel(db(), author, article.slug);
    const edited = {
      ...model.doc,
      content: [
        ...model.doc.content,
        { type: "paragraph" as const, content: [{ type: "text" as const, text: "A new line." }] },
      ],
    };
    await ok(
      run(saveRevision, author, {
        articleId: article.id,
        baseRevisionId: article.revisionId,
        doc: edited,
        summary: "Adds a line",
      }),
    );
    expect(
      await loadExportChoice(db(), author, { id: article.id, currentRevisionId: null }, 2),
    ).toEqual({
      approved: 1,
      draft: 2,
    });
    const draft = decode(
      await renderExport(
        await loadExportModel(db(), author, article.slug, { revision: 2 }),
        "html",
      ),
    );
    expect(draft).toContain("This is revision 2 as it stands in review");
    expect(draft).toContain("A new line.");
  });

  it("imports its own W3C export back into a fresh article with status, verdict and rationale", async () => {
    await settings({ publicBaseUrl: "https://facts.health.test" });
    const { reviewer, article } = await reviewedArticle("Round trip source");
    // A verdict may stand while the check is back in progress: the status travels too.
    const [third] = await db()
      .select()
      .from(claims)
      .where(eq(claims.articleId, article.id))
      .orderBy(claims.number)
      .offset(2);
    await ok(
      run(updateClaim, reviewer, {
        claimId: third?.id,
        version: third?.version,
        status: "in_review",
        verdict: "unsupported",
        severity: "medium",
        rationale: "Looking for *trials*.",
        suggestedCorrection: "",
      }),
    );
    const w3c = decode(
      await renderExport(await loadExportModel(db(), reviewer, article.slug), "w3c"),
    );

    const editor = await createActor(db(), "editor", "Round trip editor");
    const importer = await createActor(db(), "reviewer", "Round trip importer");
    const fresh = await db().transaction((tx) =>
      createArticleFromText(tx, editor.id, {
        title: "Round trip copy",
        text: TEXT,
        sourceUrl: null,
        originalAuthor: null,
        originalPublishedAt: null,
      }),
    );
    const result = await ok(run(importAnnotations, importer, { articleId: fresh.id, json: w3c }));
    expect(result.created).toBe(2);
    const rows = await db()
      .select()
      .from(claims)
      .where(eq(claims.articleId, fresh.id))
      .orderBy(claims.number);
    expect(
      rows.map((c) => ({
        status: c.status,
        verdict: c.verdict,
        rationale: c.rationale,
        suggestedCorrection: c.suggestedCorrection,
        createdById: c.createdById,
      })),
    ).toEqual([
      {
        status: "resolved",
        verdict: "inaccurate",
        rationale: "Checked at 10:37: **rejection** is documented.\n\n- one\n- two",
        suggestedCorrection: "Say that rejection occurs.",
        createdById: importer.id,
      },
      {
        status: "in_review",
        verdict: "unsupported",
        rationale: "Looking for *trials*.",
        suggestedCorrection: "",
        createdById: importer.id,
      },
    ]);
    // Audited as the import: the importer gave these verdicts here.
    const events = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.articleId, fresh.id))
      .orderBy(auditEvents.id);
    const creates = events.filter((e) => e.action === "claim.create");
    expect(creates.map((e) => [e.actorId, e.after?.status, e.after?.verdict])).toEqual([
      [importer.id, "resolved", "inaccurate"],
      [importer.id, "in_review", "unsupported"],
    ]);
    expect(events.at(-1)?.action).toBe("annotations.import");
    const copy = await loadExportModel(db(), importer, fresh.slug);
    expect(copy.claims.map((c) => c.verdictBy?.name)).toEqual([importer.name, importer.name]);
  });
});
