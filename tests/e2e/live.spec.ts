import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * Live updates and presence with two people on one review page: what the editor does shows on
 * the reviewer's page without a reload, each sees where the other is, and a change arriving
 * while the reviewer types keeps their text and says who changed the claim.
 */
const RUN = Date.now().toString(36);
const TITLE = `Cold water swimming and immunity (live ${RUN})`;
const PHRASE = `cold water swimming halves winter colds ${RUN}`;
const TEXT = `Enthusiasts claim that ${PHRASE} in adults.\n\nNo trial has tested it.`;

test("the reviewer's page follows the editor's changes live, with presence and no lost typing", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);

  // The editor imports an article and claims a sentence.
  const ePage = editor.page;
  await ePage.getByRole("link", { name: "Import article" }).click();
  await ePage.getByLabel("Title").fill(TITLE);
  await ePage.getByLabel("Article text").fill(TEXT);
  await ePage.getByRole("button", { name: "Import" }).click();
  await expect(ePage.getByRole("heading", { name: TITLE })).toBeVisible();
  const eArticle = new ArticlePage(ePage);
  await eArticle.selectWithMouse(PHRASE);
  await eArticle.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const ePanel = eArticle.claimPanel;
  await expect(ePanel.getByRole("heading", { name: "Claim 1" })).toBeVisible();
  const slug = new URL(ePage.url()).pathname.split("/")[2] ?? "";

  // The reviewer opens the same page: the editor is there, on claim 1.
  const rPage = reviewer.page;
  const rArticle = new ArticlePage(rPage);
  await rArticle.open(slug);
  // The claim's item in the sidebar's list (its mark in the text is a button too).
  const rItem = rPage
    .getByRole("complementary", { name: "Review" })
    .getByRole("button", { name: /^Claim 1 / });
  await expect(rItem).toContainText("Unstarted");
  await expect(rItem.getByTestId("presence")).toHaveText("Eddie Editor is viewing claim 1");
  // Nobody is shown their own presence.
  await expect(ePage.getByTestId("presence")).toHaveCount(0);

  // The editor sets the status: the reviewer's list shows it without a reload.
  await ePanel.getByLabel("Status").selectOption({ label: "In progress" });
  await ePanel.getByRole("button", { name: "Save claim" }).click();
  await expect(ePanel.getByText("Saved.")).toBeVisible();
  await expect(rItem).toContainText("In progress");

  // The reviewer opens claim 1 and types a rationale; the editor sees them editing it.
  await rItem.click();
  const rPanel = rArticle.claimPanel;
  const rationale = rPanel.getByLabel("Rationale");
  await rationale.click();
  await rationale.pressSequentially("No trial supports this");
  await expect(ePanel.getByTestId("presence")).toHaveText("Rita Reviewer is editing claim 1");

  // Meanwhile the editor changes the claim again: the reviewer's text stays, and they are told.
  await ePanel.getByLabel("Severity").selectOption({ label: "High" });
  await ePanel.getByRole("button", { name: "Save claim" }).click();
  await expect(ePanel.getByText("Saved.")).toBeVisible();
  await expect(rPanel.getByTestId("live-change")).toHaveText(
    "Changed by Eddie Editor while you were typing: your text is kept.",
  );
  await expect(rationale).toHaveValue("No trial supports this");
  await expect(rationale).toBeFocused();
  const theirs = rPanel.getByTestId("conflict");
  await expect(theirs).toContainText("Status: In progress");

  // Keeping theirs out: the reviewer's save wins over the editor's version, with their text.
  await theirs.getByRole("button", { name: "Keep mine" }).click();
  await rPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(rPanel.getByText("Saved.")).toBeVisible();
  await expect(ePanel.getByTestId("rationale-html")).toContainText("No trial supports this");

  await editor.context.close();
  await reviewer.context.close();
});
