import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { AnnotationsPage } from "./pages/annotations-page";
import { ArticlePage } from "./pages/article-page";
import { DEMO, signIn } from "./pages/session";

/**
 * Bringing a team's Hypothesis annotations in: a reviewer opens the import from the article,
 * is told at the field when the pasted text is not JSON (and keeps it), uploads the export,
 * sees two claims created (one exact, one whose wording changed) and the third listed as not
 * anchored, then opens a created claim on the review page.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
const FIXTURE = fileURLToPath(
  new URL("../fixtures/annotations/stem-cell-hypothesis.json", import.meta.url),
);
// Phrases no other spec claims: the demo workspace is shared by the whole run.
const EXACT = "worsening patients’ illness condition";
const REWORDED = "stem cells taken from sheep or other animals";
const MISSING = "stem cells regrow a whole new kidney within weeks";

test("a reviewer imports a Hypothesis export and opens a created claim", async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  await page.getByRole("link", { name: "Import annotations" }).click();
  const importPage = new AnnotationsPage(page);
  await importPage.expectOpen();

  await importPage.json.fill('{"type": "AnnotationPage", "items": [');
  await importPage.importButton.click();
  await expect(page.getByRole("alert").filter({ hasText: "This is not valid JSON" })).toBeVisible();
  await expect(importPage.json).toHaveValue('{"type": "AnnotationPage", "items": [');
  await expect(importPage.json).toHaveAttribute("aria-invalid", "true");

  await importPage.file.setInputFiles(FIXTURE);
  await expect(importPage.json).toHaveValue(/"export_userid"/);
  await importPage.importButton.click();

  await expect(importPage.summary).toContainText("2 claims created (1 with changed wording");
  await expect(importPage.summary).toContainText("1 not anchored");
  await expect(page.getByRole("heading", { name: /Imported onto revision \d+/ })).toBeFocused();
  await expect(importPage.outcome(EXACT)).toContainText(/Claim \d+\s*exact/);
  await expect(importPage.outcome(REWORDED)).toContainText("wording changed");
  await expect(importPage.outcome(MISSING)).toContainText("Not anchored");
  await expect(importPage.outcome(MISSING)).toContainText("The quote was not found in revision");

  const link = importPage.outcome(EXACT).getByRole("link", { name: /^Claim \d+$/ });
  const name = (await link.textContent()) ?? "";
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/articles/${SLUG}\\?claim=`));
  await expect(article.claimPanel.getByRole("heading", { name })).toBeVisible();
  await expect(article.claimPanel).toContainText(`“${EXACT}”`);
  await expect(article.claimPanel).toContainText("Which studies report stem cell therapy");
});
