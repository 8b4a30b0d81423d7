import { expect, type Page, test } from "@playwright/test";
import { OUTSIDE_URL } from "../../playwright.config";
import { ArticlePage } from "./pages/article-page";
import { DEMO, signIn } from "./pages/session";

/**
 * Look-up in the evidence form, against the stand-in for Crossref and NCBI (recorded real
 * answers): a pasted DOI link fills the fields, a PMID fills them and suggests the design (what
 * was typed stays), the abstract gives the excerpt, and with Crossref down the message says so
 * and manual entry still saves the evidence.
 */
const RUN = Date.now().toString(36);
const TITLE = `Chlorhexidine and tooth sensitivity (look-up ${RUN})`;
const PHRASE = `chlorhexidine rinse ends tooth sensitivity ${RUN}`;
const TEXT = `Dentists now say a ${PHRASE} after every filling.\n\nMost patients feel nothing at all a week later.`;

async function steerOutside(page: Page, path: "/__reset" | "/__control", body: unknown = {}) {
  const res = await page.request.post(`${OUTSIDE_URL}${path}`, { data: body });
  expect(res.ok()).toBe(true);
}

test.afterEach(async ({ page }) => {
  await steerOutside(page, "/__reset");
});

test("look-up by DOI and PMID fills the evidence form; with Crossref down, manual entry works", async ({
  page,
}) => {
  await steerOutside(page, "/__reset");
  await signIn(page, DEMO.editor);
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Article text").fill(TEXT);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  const article = new ArticlePage(page);
  await article.transition("Submit for review");
  await article.selectWithMouse(PHRASE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const panel = article.claimPanel;
  await expect(panel).toContainText(`“${PHRASE}”`);

  // A DOI link, looked up with Enter.
  await panel.getByRole("button", { name: "Add evidence" }).click();
  const form = page.getByRole("form", { name: "Add evidence" });
  const lookup = page.getByTestId("evidence-lookup");
  await lookup
    .getByLabel("Look up DOI, PMID or PMCID")
    .fill("https://doi.org/10.1136/jclinpath-2020-206745");
  await lookup.getByLabel("Look up DOI, PMID or PMCID").press("Enter");
  await expect(form.getByLabel("Title")).toHaveValue(
    "Construction of a reference material panel for detecting KRAS / NRAS / EGFR / BRAF / MET mutations in plasma ctDNA",
  );
  await expect(form.getByLabel("Journal or publisher")).toHaveValue(
    "Journal of Clinical Pathology",
  );
  await expect(form.getByLabel("Year")).toHaveValue("2020");
  await expect(form.getByLabel("DOI", { exact: true })).toHaveValue(
    "10.1136/jclinpath-2020-206745",
  );
  await expect(form.getByLabel("Authors")).not.toHaveValue("");
  await expect(lookup.getByTestId("lookup-found")).toContainText(
    "Journal of Clinical Pathology 2020",
  );
  await expect(lookup.getByTestId("lookup-abstract")).toContainText("Background:");
  await form.getByRole("button", { name: "Cancel" }).click();

  // A PMID, with the title already typed: the title stays, the rest is filled, the design
  // suggested for the reviewer to confirm.
  await panel.getByRole("button", { name: "Add evidence" }).click();
  await form.getByLabel("Title").fill("Chlorhexidine before composite restorations (my title)");
  await lookup.getByLabel("Look up DOI, PMID or PMCID").fill("PMID: 23878845");
  await lookup.getByRole("button", { name: "Look up" }).click();
  await expect(form.getByLabel("Authors")).toHaveValue("Hajizadeh H, Ghavamnasiri M, Majidinia S");
  await expect(form.getByLabel("PMID", { exact: true })).toHaveValue("23878845");
  await expect(form.getByLabel("Year")).toHaveValue("2013");
  await expect(form.getByLabel("Title")).toHaveValue(
    "Chlorhexidine before composite restorations (my title)",
  );
  await expect(form.getByTestId("lookup-kept")).toContainText("Kept what you typed in Title");
  await expect(form.getByLabel("Study design")).toHaveValue("rct");
  await expect(form.getByTestId("design-suggestion")).toContainText(
    "Suggested from PubMed: Randomized Controlled Trial — confirm",
  );
  // The abstract, to quote from: select a passage with the mouse, then use it as the excerpt.
  const abstract = lookup.getByTestId("lookup-abstract");
  await expect(abstract).toContainText("OBJECTIVES: Evaluation of postoperative sensitivity");
  await abstract.getByText(/Chlorhexidine significantly decreased/).click({ clickCount: 3 });
  await lookup.getByRole("button", { name: "Use selected text as excerpt" }).click();
  await expect(form.getByLabel("Excerpt")).toHaveValue(
    /Chlorhexidine significantly decreased immediate postoperative sensitivity/,
  );
  await form.getByLabel("Stance").selectOption({ label: "Supports" });
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(form).toHaveCount(0);
  const saved = panel.getByTestId("evidence-item").filter({ hasText: "(my title)" });
  await expect(saved).toContainText("PMID 23878845");
  await expect(saved).toContainText("Randomised controlled trial");

  // Crossref down: the message says what happened; typing by hand still saves.
  await steerOutside(page, "/__control", { down: { crossref: "error" } });
  await panel.getByRole("button", { name: "Add evidence" }).click();
  await lookup.getByLabel("Look up DOI, PMID or PMCID").fill("10.1002/jor.1100150407");
  await lookup.getByRole("button", { name: "Look up" }).click();
  await expect(lookup.getByTestId("lookup-error")).toHaveText(
    "Crossref answered with an error (HTTP 503). You can still type the details in by hand.",
  );
  await form
    .getByLabel("Title")
    .fill("Growth hormone secretagogue and muscle strength (typed by hand)");
  await form.getByLabel("Stance").selectOption({ label: "Mixed" });
  await form
    .getByLabel("Study design")
    .selectOption({ label: "Mechanistic, animal or in-vitro study" });
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(form).toHaveCount(0);
  await expect(
    panel.getByTestId("evidence-item").filter({ hasText: "(typed by hand)" }),
  ).toBeVisible();
});
