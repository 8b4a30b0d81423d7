import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { DEMO, signIn } from "./pages/session";

/**
 * Graded evidence on the demo article: a reviewer adds two sources (one with a GRADE rating
 * and its reasons), watches the CEBM level follow the study design, edits a title, deletes a
 * source with the confirm step, meets the evidence rule, and finds it all after a reload.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
// A phrase no other spec claims: the demo workspace is shared by the whole run.
const PHRASE = "stem cells will differentiate into specific renal cells";
const REVIEW = {
  title: "Mesenchymal stem cells for chronic kidney disease: a systematic review (illustrative)",
  edited: "Stem cells for chronic kidney disease: systematic review and meta-analysis",
};
const SERIES = "Outcomes of a stem cell clinic's kidney patients (illustrative case series)";

test("a reviewer grades, edits and deletes evidence and the summary follows", async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  await article.selectWithMouse(PHRASE);
  await expect(article.selectionBar()).toContainText(PHRASE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const panel = article.claimPanel;
  const heading = panel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible();
  await expect(panel).toContainText(`“${PHRASE}”`);
  const n = Number((await heading.textContent())?.replace("Claim ", ""));
  const summary = panel.getByTestId("evidence-summary");
  await expect(summary).toHaveText("No evidence yet");

  // First source: the CEBM level follows the design as it changes.
  await panel.getByRole("button", { name: "Add evidence" }).click();
  const form = page.getByRole("form", { name: "Add evidence" });
  const level = form.getByTestId("cebm-level");
  await expect(level).toHaveText(/Choose a design/);
  await form.getByLabel("Study design").selectOption({ label: "Cohort study" });
  await expect(level).toContainText("Oxford CEBM level 3");
  await form.getByLabel("Study design").selectOption({ label: "Expert opinion" });
  await expect(level).toContainText("Oxford CEBM level 5");
  await form.getByLabel("Study design").selectOption({ label: "Systematic review of RCTs" });
  await expect(level).toContainText("Oxford CEBM level 1");

  await form.getByLabel("Title").fill(REVIEW.title);
  await form.getByLabel("Authors").fill("Example A, Sample B");
  await form.getByLabel("Journal or publisher").fill("Journal of Illustrative Nephrology");
  await form.getByLabel("Year").fill("2019");
  await form.getByLabel("DOI").fill("https://doi.org/10.1000/claimdesk.evidence");
  await form.getByLabel("PMID").fill("not a pmid");
  await form.getByLabel("Stance").selectOption({ label: "Supports" });
  await form.getByLabel("GRADE certainty").selectOption({ label: "Low" });
  await form.getByRole("button", { name: "Add evidence" }).click();
  // Both mistakes are named next to their fields; nothing typed is lost.
  await expect(form.getByText(/A PMID is a number of up to 9 digits/)).toBeVisible();
  await expect(form.getByRole("alert").filter({ hasText: "tick at least one reason" })).toHaveText(
    "Randomised evidence starts at High certainty in GRADE: tick at least one reason for rating it down to Low.",
  );
  await expect(form.getByLabel("Title")).toHaveValue(REVIEW.title);
  await expect(form.getByLabel("Year")).toHaveValue("2019");
  await expect(form.getByLabel("GRADE certainty")).toHaveValue("low");

  await form.getByLabel("PMID").fill("31978945");
  await form.getByLabel("Risk of bias").check();
  await form.getByLabel("Imprecision").check();
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(form).toHaveCount(0);
  const first = panel.getByTestId("evidence-item").filter({ hasText: REVIEW.title });
  await expect(first).toContainText("CEBM level 1");
  await expect(first).toContainText("DOI 10.1000/claimdesk.evidence");
  await expect(first.getByTestId("evidence-grade")).toHaveText(
    "GRADE: Low (rated down for risk of bias, imprecision)",
  );
  await expect(summary).toHaveText("1 supporting · best level 1 · 1 GRADE-rated");

  // Second source, contradicting, ungraded.
  await panel.getByRole("button", { name: "Add evidence" }).click();
  await form.getByLabel("Title").fill(SERIES);
  await form.getByLabel("Stance").selectOption({ label: "Contradicts" });
  await form.getByLabel("Study design").selectOption({ label: "Case series" });
  await expect(level).toContainText("Oxford CEBM level 4");
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(panel.getByTestId("evidence-item")).toHaveCount(2);
  await expect(summary).toHaveText("1 supporting · 1 contradicting · best level 1 · 1 GRADE-rated");

  // Edit the first title inline: the form comes prefilled.
  await first.getByRole("button", { name: "Edit" }).click();
  const editForm = page.getByRole("form", { name: "Edit evidence" });
  await expect(editForm.getByLabel("Title")).toHaveValue(REVIEW.title);
  await expect(editForm.getByLabel("Risk of bias")).toBeChecked();
  await expect(editForm.getByLabel("Indirectness")).not.toBeChecked();
  await editForm.getByLabel("Title").fill(REVIEW.edited);
  await editForm.getByRole("button", { name: "Save evidence" }).click();
  const edited = panel.getByTestId("evidence-item").filter({ hasText: REVIEW.edited });
  await expect(edited).toContainText("Evidence saved.");
  await expect(panel.getByText(REVIEW.title)).toHaveCount(0);

  // Delete the case series, with the confirm step.
  const series = panel.getByTestId("evidence-item").filter({ hasText: SERIES });
  await series.getByRole("button", { name: "Delete" }).click();
  await series.getByRole("button", { name: "Keep it" }).click();
  await expect(series.getByRole("button", { name: "Confirm delete" })).toHaveCount(0);
  await series.getByRole("button", { name: "Delete" }).click();
  await series.getByRole("button", { name: "Confirm delete" }).click();
  await expect(panel.getByText(`Deleted “${SERIES}”.`)).toBeVisible();
  await expect(panel.getByTestId("evidence-item")).toHaveCount(1);
  await expect(summary).toHaveText("1 supporting · best level 1 · 1 GRADE-rated");

  // Resolved as Mostly accurate, the claim's last source cannot go. (Not "Accurate": review.spec
  // expects no accurate claim in the shared demo article.)
  await panel.getByLabel("Status").selectOption("resolved");
  await panel.getByLabel("Verdict").selectOption("mostly_accurate");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(article.highlight(`Claim ${n}: Mostly accurate`)).toBeVisible();
  await edited.getByRole("button", { name: "Delete" }).click();
  await edited.getByRole("button", { name: "Confirm delete" }).click();
  await expect(edited.getByRole("alert")).toHaveText(
    `Claim ${n} is resolved as Mostly accurate, which needs evidence: change the verdict first.`,
  );
  await expect(panel.getByTestId("evidence-item")).toHaveCount(1);

  // After a reload it is all still there, in the panel and in the claim list.
  await page.reload();
  const listItem = page
    .getByRole("list", { name: "Claims" })
    .getByRole("button", { name: new RegExp(`Claim ${n}\\b`) });
  await expect(listItem.getByTestId("evidence-summary")).toHaveText(
    "Evidence: 1 supporting · best level 1",
  );
  await listItem.click();
  await expect(panel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  await expect(panel.getByTestId("evidence-item")).toHaveCount(1);
  await expect(panel.getByTestId("evidence-item")).toContainText(REVIEW.edited);
  await expect(panel.getByTestId("evidence-grade")).toHaveText(
    "GRADE: Low (rated down for risk of bias, imprecision)",
  );
  await expect(summary).toHaveText("1 supporting · best level 1 · 1 GRADE-rated");

  // The history names each change.
  await panel.getByText("History", { exact: true }).click();
  const history = panel.getByRole("list", { name: "Claim history" });
  await expect(history).toContainText(`added evidence “${SERIES}”`);
  await expect(history).toContainText(`edited evidence “${REVIEW.edited}”`);
  await expect(history).toContainText(`deleted evidence “${SERIES}”`);
});
