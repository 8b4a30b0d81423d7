import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { OUTSIDE_URL } from "../../playwright.config";
import { ArticlePage } from "./pages/article-page";
import { PublicPage } from "./pages/public-page";
import { contextAs, DEMO } from "./pages/session";

const ARTICLE_TEXT = fs.readFileSync("lib/entry/demo/stem-cell-kidney-failure.txt", "utf8");
const TITLE = `Stem cells and the retraction watch ${Date.now()}`;
const FIRST = "no toxicity and rejection reaction";
const SECOND = "stem cells grow uncontrolled";
/** A DOI of this run only: the stand-in answers for any DOI, and the world retracts this one. */
const DOI = `10.5555/claimdesk.watch.${Date.now()}`;
const EVIDENCE_TITLE = "A case series the world will retract (illustrative)";

/**
 * Issue 13, done when: the watch marks a reference retracted → both claims back to re-check,
 * the public page shows the dated notice. Two claims of a new article cite one DOI (typed by
 * hand), the article is approved and published, the stand-in for Crossref starts saying the
 * paper was retracted, and an editor runs the watch from Evidence updates.
 */
test("a retracted study sends both claims back to re-check and the public page says so", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const managing = await contextAs(browser, DEMO.managingEditor);

  await editor.page.getByRole("link", { name: "Import article" }).click();
  await editor.page.getByLabel("Title").fill(TITLE);
  await editor.page.getByLabel("Article text").fill(ARTICLE_TEXT);
  await editor.page.getByRole("button", { name: "Import" }).click();
  await expect(editor.page.getByRole("heading", { name: TITLE })).toBeVisible();
  const slug = new URL(editor.page.url()).pathname.split("/").at(-1) ?? "";
  await new ArticlePage(editor.page).transition("Submit for review");

  // Reviewer: two claims, each with evidence citing the same DOI, both resolved.
  const asReviewer = new ArticlePage(reviewer.page);
  await asReviewer.open(slug);
  for (const [n, phrase] of [
    [1, FIRST],
    [2, SECOND],
  ] as const) {
    await asReviewer.selectWithMouse(phrase);
    await asReviewer.selectionBar().getByRole("button", { name: "Create claim" }).click();
    await expect(asReviewer.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
    await asReviewer.claimPanel.getByRole("button", { name: "Add evidence" }).click();
    const form = reviewer.page.getByRole("form", { name: "Add evidence" });
    await form.getByLabel("Title").fill(EVIDENCE_TITLE);
    await form.getByLabel("DOI").fill(DOI);
    await form.getByLabel("Stance").selectOption("supports");
    await form.getByLabel("Study design").selectOption({ label: "Case series" });
    await form.getByRole("button", { name: "Add evidence" }).click();
    await expect(asReviewer.claimPanel.getByTestId("evidence-item")).toContainText(EVIDENCE_TITLE);
    await asReviewer.claimPanel.getByLabel("Status").selectOption("resolved");
    await asReviewer.claimPanel.getByLabel("Verdict").selectOption("mostly_accurate");
    await asReviewer.claimPanel.getByLabel("Rationale").fill("The case series supports it.");
    await asReviewer.claimPanel.getByRole("button", { name: "Save claim" }).click();
    await expect(asReviewer.claimPanel.getByText("Saved.")).toBeVisible();
  }

  // Managing editor: the rest needs no claims; approve and publish.
  const asManaging = new ArticlePage(managing.page);
  await asManaging.open(slug);
  const noClaims = managing.page.getByRole("form", { name: "Reviewed: no claims needed" });
  await noClaims.getByLabel("Why no claims are needed").fill("The rest describes the clinic.");
  await noClaims.getByRole("button", { name: "Record: no claims needed" }).click();
  await expect(managing.page.getByTestId("no-claims-record")).toBeVisible();
  await asManaging.transition("Approve revision");
  await expect(asManaging.articleState()).toHaveText("Approved");
  await asManaging.transition("Publish");
  await expect(asManaging.articleState()).toHaveText("Published");

  // The world changes: Crossref now carries a retraction notice for the DOI.
  const control = await fetch(`${OUTSIDE_URL}/__control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state: { retracted: [DOI] } }),
  });
  expect(control.ok).toBe(true);

  // An editor runs the watch from Evidence updates.
  await editor.page.getByRole("link", { name: "Evidence updates" }).click();
  await expect(editor.page.getByRole("heading", { name: "Evidence updates" })).toBeVisible();
  await editor.page.getByRole("button", { name: "Run the watch now" }).click();
  await expect(editor.page.getByTestId("watch-result")).toContainText("newly flagged", {
    timeout: 60_000,
  });
  const flagged = editor.page.getByTestId("flagged-reference").filter({ hasText: DOI });
  await expect(flagged).toContainText("Retracted");
  await expect(flagged).toContainText("Retracted on 6 February 2010 (Crossref, Retraction Watch)");
  await expect(flagged.getByRole("link", { name: "Claim 1" })).toBeVisible();
  await expect(flagged.getByRole("link", { name: "Claim 2" })).toBeVisible();

  // Both claims are back to re-check, with the reason, and their evidence carries the badge.
  await asReviewer.open(slug);
  for (const n of [1, 2]) {
    await asReviewer.highlight(new RegExp(`^Claim ${n}`)).click();
    await expect(asReviewer.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
    await expect(asReviewer.claimPanel).toContainText(
      `(DOI ${DOI}) was retracted on 6 February 2010 (Crossref, Retraction Watch).`,
    );
    await expect(asReviewer.claimPanel.getByLabel("Status")).toHaveValue("in_review");
    await expect(
      asReviewer.claimPanel.locator(".badge.flag-retracted", {
        hasText: "Retracted 6 February 2010",
      }),
    ).toBeVisible();
  }

  // The public page keeps its publication and shows the dated notice.
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  const page = new PublicPage(reader);
  await page.open(slug);
  const notice = reader.getByTestId("evidence-updates");
  await expect(notice.getByRole("heading", { name: "Evidence update" })).toBeVisible();
  await expect(notice).toContainText(/Update \d{1,2} \w+ \d{4}: a study cited for claims 1 and 2/);
  await expect(notice).toContainText(
    "was retracted on 6 February 2010 (Crossref, Retraction Watch)",
  );
  await expect(page.highlight(FIRST)).toHaveClass(/verdict-mostly_accurate/);
  const md = (await page.download("Markdown with footnotes")).bytes.toString("utf8");
  expect(md).toContain("**Evidence update**");

  await fetch(`${OUTSIDE_URL}/__reset`, { method: "POST" });
  for (const context of [editor.context, reviewer.context, managing.context, anonymous]) {
    await context.close();
  }
});
