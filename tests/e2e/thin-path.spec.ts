import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { DEMO, signIn, signOut } from "./pages/session";

const ARTICLE_TEXT = fs.readFileSync("lib/entry/demo/stem-cell-kidney-failure.txt", "utf8");
const TITLE = "Stem cell therapy and kidney failure (thin path)";
const SLUG = "stem-cell-therapy-and-kidney-failure-thin-path";
const QUOTE = "no toxicity and rejection reaction";
const EVIDENCE_TITLE = "Adverse events after stem cell therapy: a systematic review (illustrative)";

/**
 * The whole mission once, thinly: an editor imports, a reviewer claims and grades, another
 * editor approves past the gate with an editor's note, and a viewer downloads the export.
 */
test("editor imports, reviewer grades a claim, managing editor approves, viewer exports", async ({
  page,
}) => {
  // Editor: import by pasting text, then submit for review.
  await signIn(page, DEMO.editor);
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Article text").fill(ARTICLE_TEXT);
  await page.getByLabel("Source URL").fill("https://clinic.example/stem-cell-kidney-failure");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${SLUG}$`));
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  const article = new ArticlePage(page);
  await expect(article.articleState()).toHaveText("Draft");
  await article.transition("Submit for review");
  await expect(article.articleState()).toHaveText("In review");
  await signOut(page);

  // Reviewer: select the sentence with the mouse, create the claim, add evidence, decide.
  await signIn(page, DEMO.reviewer);
  await article.open(SLUG);
  await article.selectWithMouse(QUOTE);
  await expect(article.selectionBar()).toContainText(QUOTE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  await expect(article.claimPanel.getByRole("heading", { name: "Claim 1" })).toBeVisible();
  await expect(article.claimPanel).toContainText(`“${QUOTE}”`);
  await expect(article.highlight("Claim 1: Unstarted")).toHaveText(QUOTE);

  await article.claimPanel.getByRole("button", { name: "Add evidence" }).click();
  const evidenceForm = page.getByRole("form", { name: "Add evidence" });
  await evidenceForm.getByLabel("Title").fill(EVIDENCE_TITLE);
  await evidenceForm.getByLabel("DOI").fill("not a doi");
  await evidenceForm
    .getByLabel("Study design")
    .selectOption({ label: "Systematic review of RCTs" });
  await evidenceForm.getByRole("button", { name: "Add evidence" }).click();
  await expect(evidenceForm.getByText(/A DOI looks like 10\.1000/)).toBeVisible();
  await expect(evidenceForm.getByLabel("Title")).toHaveValue(EVIDENCE_TITLE);
  await evidenceForm.getByLabel("DOI").fill("10.1000/claimdesk.e2e");
  await evidenceForm.getByLabel("Year").fill("2021");
  await evidenceForm.getByLabel("Stance").selectOption("contradicts");
  await evidenceForm
    .getByLabel("Excerpt")
    .fill("Serious adverse events, including immune reactions, were reported.");
  await evidenceForm.getByRole("button", { name: "Add evidence" }).click();
  await expect(article.claimPanel.getByTestId("evidence-item")).toContainText(EVIDENCE_TITLE);
  await expect(article.claimPanel.getByTestId("evidence-item")).toContainText("CEBM level 1");

  await article.claimPanel.getByLabel("Status").selectOption("resolved");
  await article.claimPanel.getByLabel("Verdict").selectOption("inaccurate");
  await article.claimPanel
    .getByLabel("Rationale")
    .pressSequentially("Stem cell therapies carry documented risks, including immune rejection.");
  await article.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(article.claimPanel.getByText("Saved.")).toBeVisible();
  await expect(article.highlight("Claim 1: Inaccurate")).toBeVisible();
  await signOut(page);

  // The editor who imported may not approve their own revision (four-eyes).
  await signIn(page, DEMO.editor);
  await article.open(SLUG);
  await article.transition("Approve revision");
  await expect(page.getByRole("alert").filter({ hasText: "four-eyes" })).toBeVisible();
  await signOut(page);

  // Managing editor: the gate names the claim; an editor's note lets it through.
  await signIn(page, DEMO.managingEditor);
  await article.open(SLUG);
  await article.transition("Approve revision");
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "Approval is blocked: 1 claim needs an editor's note" }),
  ).toBeVisible();
  const blockers = page.getByTestId("approval-blockers");
  await expect(blockers).toContainText("Claim 1 (rated Inaccurate) needs an editor's note.");
  // Issue 10: the sentences left unclaimed need no claims; the managing editor records that.
  const noClaims = page.getByRole("form", { name: "Reviewed: no claims needed" });
  await noClaims
    .getByLabel("Why no claims are needed")
    .fill("Checked: the other sentences need no fact-check.");
  await noClaims.getByRole("button", { name: "Record: no claims needed" }).click();
  await expect(page.getByTestId("no-claims-record")).toBeVisible();
  await blockers.getByRole("button", { name: "Claim 1" }).click();
  await article.claimPanel
    .getByLabel("Note to readers")
    .fill("This claim is false; we publish it with our correction.");
  await article.claimPanel.getByRole("button", { name: "Save editor’s note" }).click();
  await expect(page.getByTestId("approval-blockers")).toHaveCount(0);
  await article.transition("Approve revision");
  await expect(article.articleState()).toHaveText("Approved");
  await signOut(page);

  // Viewer: can read but not claim; downloads the annotated HTML.
  await signIn(page, DEMO.viewer);
  await article.open(SLUG);
  await article.selectWithMouse("stem cells grow uncontrolled");
  await expect(article.selectionBar()).toHaveCount(0);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download annotated HTML" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${SLUG}-r1.html`);
  const html = fs.readFileSync(await download.path(), "utf8");
  const mark = html.match(/<mark\b[^>]*>([^<]*)<\/mark>/);
  expect(mark?.[0]).toContain("inaccurate");
  expect(mark?.[1]).toBe(QUOTE);
  expect(html).toContain(EVIDENCE_TITLE);
  expect(html).toContain("https://doi.org/10.1000/claimdesk.e2e");
  expect(html).toContain("Inaccurate");
  expect(html).toContain("This claim is false; we publish it with our correction.");
  expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
});
