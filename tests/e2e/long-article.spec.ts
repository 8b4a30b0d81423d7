import { expect, test } from "@playwright/test";
import { generateLongArticle, LONG_ARTICLE_MARKER } from "../helpers/long-article";
import { ArticlePage } from "./pages/article-page";
import { ImportPage } from "./pages/import-page";
import { DEMO, signIn } from "./pages/session";

/**
 * Issue 15: a 2 MB article (about 330,000 words) goes the whole way a person takes it: imported
 * as a file through the form, reviewed, a claim created by dragging the mouse across a sentence,
 * and that claim highlighted in the text. A correctness test, not a timed one: the limits are
 * generous so that a loaded machine cannot fail it; the figures are bench/review-long.mjs's.
 */
test("a 2 MB article is imported through the form and claimed by mouse selection", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const text = generateLongArticle(2_000_000);
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2 * 1024 * 1024);

  await signIn(page, DEMO.editor);
  const form = new ImportPage(page);
  await form.open();
  await form.title.fill("Long article (issue 15)");
  await page.getByRole("radio", { name: "Upload a file" }).click();
  await form.chooseFileWithMouse({
    name: "long-article.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(text),
  });
  await form.submit.click();
  await expect(page).toHaveURL(/\/articles\/long-article-issue-15$/, { timeout: 300_000 });

  const article = new ArticlePage(page);
  await expect(article.text).toBeVisible({ timeout: 120_000 });
  await expect(article.text).toContainText(LONG_ARTICLE_MARKER, { timeout: 120_000 });
  // Many check-worthy sentences, counted in full but listed a page at a time.
  await expect(page.getByText(/^Suggested claims \(\d{4,}\)$/)).toBeVisible({ timeout: 60_000 });

  await article.selectWithMouse(LONG_ARTICLE_MARKER);
  await expect(article.selectionBar()).toContainText(LONG_ARTICLE_MARKER, { timeout: 60_000 });
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible({ timeout: 60_000 });
  await expect(article.claimPanel).toContainText(`“${LONG_ARTICLE_MARKER}”`);
  const number = (await heading.textContent())?.replace("Claim ", "");
  // The new claim's mark, over exactly the selected sentence.
  const mark = article.highlight(new RegExp(`^Claim ${number}\\b`));
  await expect(mark).toBeVisible({ timeout: 60_000 });
  await expect(mark).toHaveText(LONG_ARTICLE_MARKER);
});
