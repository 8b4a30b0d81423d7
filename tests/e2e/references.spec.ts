import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * Issue 13, reference import and the reference list, done when: a 20-record .ris with one
 * broken record is previewed (19 valid, 1 error), imported, and listed; one of its references is
 * attached to two claims of an article of this spec's own by typing its DOI by hand on each; its
 * page lists both claims; correcting its title there corrects both evidence items. The e2e
 * database is shared: the file's DOIs and the article carry this run's word.
 */
const RUN = Date.now().toString(36);
const FILE = fs
  .readFileSync(
    path.join(import.meta.dirname, "../fixtures/references/e2e-twenty-records.ris"),
    "utf8",
  )
  .replaceAll("claimdesk-e2e-refs", `claimdesk-e2e-${RUN}`);
const DOI = `10.5555/claimdesk-e2e-${RUN}-12`;
const TITLE = "Mesenchymal stem cells in chronic kidney disease: a randomized controlled trial";
const CORRECTED = `Mesenchymal stromal cells in chronic kidney disease: a randomised trial (${RUN})`;
const ARTICLE_TITLE = `Stem cells and the kidney (references ${RUN})`;
const Q1 = "stem cell therapy has no toxicity and rejection reaction";
const Q2 = "stem cells will differentiate into specific renal cells";
const ARTICLE_TEXT = [
  "Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.",
  "Then, stem cells will differentiate into specific renal cells, and these new cells replace impaired kidney cells to work.",
].join("\n\n");

async function importArticle(page: Page) {
  await page.goto("/articles");
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill(ARTICLE_TITLE);
  await page.getByLabel("Article text").fill(ARTICLE_TEXT);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: ARTICLE_TITLE })).toBeVisible();
}

/** A claim on `quote`, with evidence citing DOI typed by hand (the title typed as the person has it). */
async function claimCitingDoi(article: ArticlePage, quote: string, title: string) {
  await article.selectWithMouse(quote);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const panel = article.claimPanel;
  await expect(panel).toContainText(`“${quote}”`);
  await panel.getByRole("button", { name: "Add evidence" }).click();
  const form = article.page.getByRole("form", { name: "Add evidence" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("DOI").fill(`https://doi.org/${DOI}`);
  await form.getByLabel("Stance").selectOption("supports");
  await form.getByLabel("Study design").selectOption({ label: "Randomised controlled trial" });
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(panel.getByTestId("evidence-item")).toContainText(title);
  await panel.getByRole("button", { name: "All claims" }).click();
}

test("import a RIS file, attach a reference to two claims, correct it everywhere", async ({
  browser,
}) => {
  const { page } = await contextAs(browser, DEMO.editor);

  // Import: preview first, nothing written; then confirm.
  await page.getByRole("link", { name: "References", exact: true }).click();
  await expect(page.getByRole("heading", { name: "References", exact: true })).toBeVisible();
  const form = page.getByRole("form", { name: "Import references" });
  const chooser = page.waitForEvent("filechooser");
  await form.getByLabel("Choose a file").click();
  await (await chooser).setFiles({
    name: "zotero-export.ris",
    mimeType: "application/x-research-info-systems",
    buffer: Buffer.from(FILE, "utf8"),
  });
  await form.getByRole("button", { name: "Preview" }).click();
  const counts = page.getByTestId("import-counts");
  await expect(counts).toHaveText("RIS: 20 records, 19 valid records, 1 error, 0 duplicates.");
  await expect(page.getByText("Record 11 (line 131): no title")).toBeVisible();
  const records = page.getByRole("table", { name: "Records in the file" });
  await expect(records.getByRole("checkbox", { name: "Import record 11" })).toBeDisabled();
  await expect(records.getByRole("checkbox", { checked: true })).toHaveCount(19);
  await page.getByRole("button", { name: "Import 19 references" }).click();
  const done = page.getByRole("status").filter({ hasText: "Imported" });
  await expect(done).toContainText("Imported 19 references");

  // The list shows them; found by DOI.
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Search").fill(DOI);
  await filters.getByRole("button", { name: "Apply" }).click();
  const row = page
    .getByRole("table", { name: "References" })
    .getByRole("row")
    .filter({ hasText: TITLE });
  await expect(row).toContainText("0 evidence items");
  const label = (await row.getByRole("link", { name: /^R\d+$/ }).textContent()) ?? "";

  // Attach it to two claims by typing its DOI by hand (with a typo in one title).
  await importArticle(page);
  const article = new ArticlePage(page);
  await claimCitingDoi(article, Q1, TITLE);
  await claimCitingDoi(article, Q2, "Mesenchymal stem cels in CKD");

  // The reference's page lists both claims.
  await page.goto(`/references?q=${encodeURIComponent(DOI)}`);
  await expect(page.getByRole("row").filter({ hasText: TITLE })).toContainText("2 evidence items");
  await page.getByRole("link", { name: label, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  const citing = page.getByRole("list", { name: "Evidence citing this reference" });
  await expect(citing.getByRole("listitem")).toHaveCount(2);
  await expect(citing).toContainText(ARTICLE_TITLE);

  // Correct its title: both evidence items follow.
  const edit = page.getByRole("form", { name: "Correct the reference" });
  await edit.getByLabel("Title").fill(CORRECTED);
  await edit.getByRole("button", { name: "Save correction" }).click();
  await expect(edit.getByRole("status")).toHaveText(
    "Saved. The citation of 2 evidence items were corrected too.",
  );
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CORRECTED);
  for (const link of await citing.getByRole("link", { name: /^Claim \d+$/ }).all()) {
    const href = (await link.getAttribute("href")) ?? "";
    const other = await browser.newContext({ storageState: await page.context().storageState() });
    const claimPage = await other.newPage();
    await claimPage.goto(href);
    await expect(claimPage.getByTestId("claim-panel").getByTestId("evidence-item")).toContainText(
      CORRECTED,
    );
    await other.close();
  }
});
