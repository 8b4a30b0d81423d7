import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO, signIn } from "./pages/session";

/**
 * Mistakes can be undone: a reviewer deletes a claim made by mistake from the claim panel (and
 * undoes it once), and restores a suggestion dismissed by mistake.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
const PHRASE = "know it clear before choosing it as your treatment";

test("a reviewer deletes a mistaken claim, undoes it once, then deletes it for good", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  await article.selectWithMouse(PHRASE);
  await expect(article.selectionBar()).toContainText(PHRASE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(article.claimPanel).toContainText(`“${PHRASE}”`);
  const n = Number((await heading.textContent())?.replace("Claim ", ""));
  const highlight = article.highlight(`Claim ${n}: Unstarted`);
  // Another spec's claim may overlap the phrase and split its highlight.
  await expect(highlight.first()).toContainText("know it clear");

  // A viewer sees the claim but is offered no Delete.
  const viewer = await contextAs(browser, DEMO.viewer);
  const viewerArticle = new ArticlePage(viewer.page);
  await viewerArticle.open(SLUG);
  await viewerArticle.highlight(`Claim ${n}: Unstarted`).click();
  await expect(viewerArticle.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  await expect(viewerArticle.claimPanel.getByRole("button", { name: "Delete claim" })).toHaveCount(
    0,
  );
  await viewer.context.close();

  // Asks first; "Keep it" changes nothing.
  await article.claimPanel.getByRole("button", { name: "Delete claim" }).click();
  const confirm = article.claimPanel.getByTestId("confirm-delete-claim");
  await expect(confirm).toContainText(`Delete claim ${n}?`);
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(highlight.first()).toBeVisible();

  await article.claimPanel.getByRole("button", { name: "Delete claim" }).click();
  await confirm.getByRole("button", { name: "Yes, delete claim" }).click();
  const notice = page.getByTestId("claim-deleted");
  await expect(notice).toContainText(`Claim ${n} deleted.`);
  await expect(article.claimPanel).toHaveCount(0);
  await expect(highlight).toHaveCount(0);
  const list = page.getByRole("list", { name: "Claims" });
  await expect(list.getByRole("button", { name: new RegExp(`Claim ${n}\\b`) })).toHaveCount(0);

  // Undo: the claim is back, open in the panel, highlighted again.
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(article.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  await expect(notice).toHaveCount(0);
  // Another spec's claim may overlap the phrase and split its highlight.
  await expect(highlight.first()).toContainText("know it clear");
  await article.claimPanel.getByText("History", { exact: true }).click();
  const history = article.claimPanel.getByRole("list", { name: "Claim history" });
  await expect(history).toContainText("Rita Reviewer deleted the claim");
  await expect(history).toContainText("Rita Reviewer restored the claim");

  // Deleted for good: gone after a reload too.
  await article.claimPanel.getByRole("button", { name: "Delete claim" }).click();
  await confirm.getByRole("button", { name: "Yes, delete claim" }).click();
  await expect(notice).toContainText(`Claim ${n} deleted.`);
  await page.reload();
  await expect(article.text).toContainText(PHRASE);
  await expect(article.highlight(new RegExp(`^Claim ${n}:`))).toHaveCount(0);
  await expect(list.getByRole("button", { name: new RegExp(`Claim ${n}\\b`) })).toHaveCount(0);
});

test("a reviewer restores a suggestion dismissed by mistake", async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  const suggestions = page.getByRole("list", { name: "Suggested claims" });
  if (!(await suggestions.isVisible())) await page.getByText(/^Suggested claims \(\d+\)$/).click();
  const first = suggestions
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: /^Dismiss/ }) })
    .first();
  const sentence = (await first.locator("p.quote").textContent()) ?? "";
  expect(sentence.length).toBeGreaterThan(10);
  // Earlier specs may have dismissed some already; the list is only there when it has any.
  const dismissedSummary = page.getByText(/^Dismissed suggestions \(\d+\)$/);
  const dismissedBefore =
    (await dismissedSummary.count()) === 0
      ? 0
      : Number((await dismissedSummary.textContent())?.match(/\d+/)?.[0]);
  await first.getByRole("button", { name: /^Dismiss/ }).click();
  await expect(suggestions.getByText(sentence, { exact: true })).toHaveCount(0);

  const summary = page.getByText(`Dismissed suggestions (${dismissedBefore + 1})`);
  await expect(summary).toBeVisible();
  await summary.click();
  const dismissed = page.getByRole("list", { name: "Dismissed suggestions" });
  const item = dismissed.getByRole("listitem").filter({ hasText: sentence });
  await expect(item).toContainText("Dismissed by Rita Reviewer");
  await item.getByRole("button", { name: "Restore" }).click();

  await expect(dismissed.getByText(sentence, { exact: true })).toHaveCount(0);
  if (!(await suggestions.isVisible())) await page.getByText(/^Suggested claims \(\d+\)$/).click();
  await expect(suggestions.getByText(sentence, { exact: true })).toHaveCount(1);
  await page.reload();
  if (!(await suggestions.isVisible())) await page.getByText(/^Suggested claims \(\d+\)$/).click();
  await expect(suggestions.getByText(sentence, { exact: true })).toHaveCount(1);
});
