import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { PublicPage } from "./pages/public-page";
import { contextAs, DEMO } from "./pages/session";

const ARTICLE_TEXT = fs.readFileSync("lib/entry/demo/stem-cell-kidney-failure.txt", "utf8");
const TITLE = "Stem cell therapy and kidney failure (publishing)";
const FIRST = "no toxicity and rejection reaction";
const SECOND = "stem cells grow uncontrolled";
const EVIDENCE_TITLE =
  "Immune reactions after stem cell therapy: a systematic review (illustrative)";
const EDITOR_NOTE = "Published with our caveat: no source was given for this risk.";

/**
 * Issue 5, done when: a new article (not the shared demo one) goes from import through the
 * approval gate to a publication, which an anonymous reader opens and downloads in every format.
 */
test("an approved article is published and read and downloaded without signing in", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const managing = await contextAs(browser, DEMO.managingEditor);

  // Editor: import and submit.
  await editor.page.getByRole("link", { name: "Import article" }).click();
  await editor.page.getByLabel("Title").fill(TITLE);
  await editor.page.getByLabel("Article text").fill(ARTICLE_TEXT);
  await editor.page.getByRole("button", { name: "Import" }).click();
  await expect(editor.page.getByRole("heading", { name: TITLE })).toBeVisible();
  const slug = new URL(editor.page.url()).pathname.split("/").at(-1) ?? "";
  const asEditor = new ArticlePage(editor.page);
  await asEditor.transition("Submit for review");
  await expect(asEditor.articleState()).toHaveText("In review");

  // A never-published article has no public page.
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  expect((await reader.goto(`/p/${slug}`))?.status()).toBe(404);

  // Reviewer: claim 1 graded with evidence and resolved; claim 2 left open.
  const asReviewer = new ArticlePage(reviewer.page);
  await asReviewer.open(slug);
  await asReviewer.selectWithMouse(FIRST);
  await asReviewer.selectionBar().getByRole("button", { name: "Create claim" }).click();
  await expect(asReviewer.claimPanel.getByRole("heading", { name: "Claim 1" })).toBeVisible();
  await asReviewer.claimPanel.getByRole("button", { name: "Add evidence" }).click();
  const evidenceForm = reviewer.page.getByRole("form", { name: "Add evidence" });
  await evidenceForm.getByLabel("Title").fill(EVIDENCE_TITLE);
  await evidenceForm.getByLabel("DOI").fill("10.1000/claimdesk.publish");
  await evidenceForm.getByLabel("Stance").selectOption("supports");
  await evidenceForm
    .getByLabel("Study design")
    .selectOption({ label: "Systematic review of RCTs" });
  await evidenceForm.getByRole("button", { name: "Add evidence" }).click();
  await expect(asReviewer.claimPanel.getByTestId("evidence-item")).toContainText(EVIDENCE_TITLE);
  await asReviewer.claimPanel.getByLabel("Status").selectOption("resolved");
  await asReviewer.claimPanel.getByLabel("Verdict").selectOption("mostly_accurate");
  await asReviewer.claimPanel
    .getByLabel("Rationale")
    .fill("Rejection is **rare** with autologous cells, but documented.");
  await asReviewer.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(asReviewer.claimPanel.getByText("Saved.")).toBeVisible();

  await asReviewer.selectWithMouse(SECOND);
  await asReviewer.selectionBar().getByRole("button", { name: "Create claim" }).click();
  await expect(asReviewer.claimPanel.getByRole("heading", { name: "Claim 2" })).toBeVisible();

  // Managing editor: approval is refused while claim 2 is open, and says why.
  const asManaging = new ArticlePage(managing.page);
  await asManaging.open(slug);
  await asManaging.transition("Approve revision");
  await expect(
    managing.page
      .getByRole("alert")
      .filter({ hasText: "Approval is blocked: 1 claim needs a verdict" }),
  ).toBeVisible();
  await expect(managing.page.getByTestId("approval-blockers")).toContainText(
    "Claim 2 needs a verdict.",
  );
  // Issue 10: the other suggested sentences need no claims; the managing editor records that.
  const noClaims = managing.page.getByRole("form", { name: "Reviewed: no claims needed" });
  await noClaims
    .getByLabel("Why no claims are needed")
    .fill("The other sentences describe the clinic, not health effects.");
  await noClaims.getByRole("button", { name: "Record: no claims needed" }).click();
  await expect(managing.page.getByTestId("no-claims-record")).toBeVisible();

  // Reviewer resolves claim 2 as unsupported; the managing editor adds the editor's note.
  await asReviewer.highlight(/^Claim 2/).click();
  await asReviewer.claimPanel.getByLabel("Status").selectOption("resolved");
  await asReviewer.claimPanel.getByLabel("Verdict").selectOption("unsupported");
  await asReviewer.claimPanel.getByLabel("Rationale").fill("The article cites no source.");
  await asReviewer.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(asReviewer.claimPanel.getByText("Saved.")).toBeVisible();

  await managing.page.reload();
  const blockers = managing.page.getByTestId("approval-blockers");
  await expect(blockers).toContainText("Claim 2 (rated Unsupported) needs an editor's note.");
  await blockers.getByRole("button", { name: "Claim 2" }).click();
  await asManaging.claimPanel.getByLabel("Note to readers").fill(EDITOR_NOTE);
  await asManaging.claimPanel.getByRole("button", { name: "Save editor’s note" }).click();
  await expect(managing.page.getByTestId("approval-blockers")).toHaveCount(0);
  await asManaging.transition("Approve revision");
  await expect(asManaging.articleState()).toHaveText("Approved");
  await asManaging.transition("Publish");
  await expect(asManaging.articleState()).toHaveText("Published");
  const info = managing.page.getByTestId("publication-info");
  await expect(info).toContainText("Published as version 1");
  await expect(info.getByRole("link", { name: "version 1" })).toHaveAttribute("href", `/p/${slug}`);

  // An anonymous reader (no cookies): the page, its highlights, notes and head markup.
  expect(await anonymous.cookies()).toEqual([]);
  const page = new PublicPage(reader);
  const response = await page.open(slug);
  expect(response?.headers()["cache-control"]).toContain("public");
  // The public page runs no script at all, and says so: a fixed policy, no nonce needed.
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response?.headers().etag).toMatch(/^"[\w-]+"$/);
  await expect(reader).toHaveURL(new RegExp(`/p/${slug}$`));
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.highlight(FIRST)).toHaveClass(/verdict-mostly_accurate/);
  await expect(page.highlight(SECOND)).toHaveClass(/verdict-unsupported/);
  await expect(reader.getByRole("region", { name: "Legend" })).toContainText("Unsupported");
  await expect(page.notes.getByRole("listitem").first()).toContainText("Mostly accurate");
  await expect(page.notes.locator("strong", { hasText: "rare" })).toBeVisible();
  await expect(page.notes).toContainText("CEBM level 1");
  await expect(page.notes).toContainText(EDITOR_NOTE);
  const reviews = await page.claimReviews();
  expect(reviews.map((r) => r["@type"])).toEqual(["ClaimReview", "ClaimReview"]);
  expect(reviews[0]?.url).toMatch(new RegExp(`/p/${slug}#claim-1$`));

  // Every download is the publication's snapshot in that format.
  const html = await page.download("Annotated HTML");
  expect(html.name).toBe(`${slug}-v1.html`);
  expect(html.bytes.toString("utf8")).toContain('<mark class="claim verdict-unsupported"');
  const w3c = await page.download("W3C Web Annotation (JSON-LD)");
  const annotationPage = JSON.parse(w3c.bytes.toString("utf8"));
  expect(annotationPage.type).toBe("AnnotationPage");
  // Two verdicts (assessing) and the editor's note (commenting).
  expect(annotationPage.items).toHaveLength(3);
  expect(annotationPage.items[0].target.source).toMatch(new RegExp(`/p/${slug}$`));
  const claimReview = await page.download("ClaimReview (schema.org JSON-LD)");
  expect(JSON.parse(claimReview.bytes.toString("utf8"))).toHaveLength(2);
  const md = (await page.download("Markdown with footnotes")).bytes.toString("utf8");
  expect(md).toContain("[^1]");
  expect(md).toContain("[^2]");
  const csv = (await page.download("CSV of claims")).bytes.toString("utf8");
  expect(
    csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n"),
  ).toHaveLength(3);
  const docx = await page.download("Word with comments");
  expect(docx.name).toBe(`${slug}-v1.docx`);
  expect(docx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");

  // The permanent address of version 1 serves the same publication.
  expect((await reader.goto(`/p/${slug}/v/1`))?.status()).toBe(200);
  await expect(page.highlight(FIRST)).toBeVisible();
  expect((await reader.goto(`/p/${slug}/v/2`))?.status()).toBe(404);

  for (const context of [editor.context, reviewer.context, managing.context, anonymous]) {
    await context.close();
  }
});
