import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * Workspace search as a reviewer uses it: "/" from any page focuses the header's box, a
 * misspelt word still finds the demo article's claim (typo tolerance, docs/search.md), the
 * snippet highlights the word it meant, and the keyboard alone opens the result.
 */
// Its own article and word: the demo article is shared by every spec of a run (another spec
// edits it, others claim in it), and "toxicity" is in several specs' articles.
const TITLE = `Zorblatine ointment (search ${Date.now().toString(36)})`;
const PHRASE = "zorblatine ointment has no side effects";
const TEXT = `A clinic says ${PHRASE} and heals eczema in a week.`;

test("a misspelt word finds the claim; '/' to search, arrows and Enter to open it", async ({
  browser,
}) => {
  const { page } = await contextAs(browser, DEMO.editor);
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Article text").fill(TEXT);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const article = new ArticlePage(page);
  await article.selectWithMouse(PHRASE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  await expect(article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ })).toBeVisible();

  // "/" from the page (not in a field) focuses the header's search box.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: "Search the workspace" }).first();
  await expect(box).toBeFocused();
  await page.keyboard.type("zorblatne");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/search\?q=zorblatne$/);
  await expect(page.getByRole("heading", { name: "Search", level: 1 })).toBeVisible();
  await expect(page.getByTestId("search-corrections")).toContainText("zorblatine for “zorblatne”");
  const claims = page.getByRole("region", { name: /^Claims/ });
  await expect(claims).toBeVisible();
  const first = claims.getByRole("link").first();
  await expect(first).toContainText(`Claim 1 in “${TITLE}`);
  await expect(first.locator("mark").first()).toHaveText(/^zorblatine$/i);
  // Nothing of the text is markup: the page builds the <mark> itself.
  await expect(first).toContainText(PHRASE);

  // ArrowDown from the page enters the results in order (the article's text has the word
  // too, and articles are listed first); Enter opens the focused one.
  const articleResults = await page
    .getByRole("region", { name: /^Articles/ })
    .locator("a[data-search-result]")
    .count();
  expect(articleResults).toBeGreaterThan(0);
  await page.locator("h1").click();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("a[data-search-result]").first()).toBeFocused();
  for (let i = 0; i < articleResults; i++) await page.keyboard.press("ArrowDown");
  await expect(first).toBeFocused();
  expect(await first.getAttribute("href")).toMatch(/\?claim=/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/articles/${slug}\\?claim=`));
  await expect(article.claimPanel).toContainText(`“${PHRASE}”`);
});
