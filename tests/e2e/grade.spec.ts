import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { DEMO, signIn, signOut } from "./pages/session";

/**
 * GRADE for a claim's body of evidence: on an article of its own, a reviewer claims a sentence,
 * adds a randomised trial and a cohort study through the evidence form, then rates risk of
 * bias serious and imprecision very serious, each with a reason; the certainty reads High −1 −2
 * = Very low, the Summary of findings lists both items, and both survive a reload.
 */
const TITLE = "Stem cell infusions for kidney failure: the GRADE spec's article";
const SLUG = "stem-cell-infusions-for-kidney-failure-the-grade-spec-s-article";
const QUOTE = "infusions restore kidney function within six weeks";
const TEXT = `A clinic says its stem cell ${QUOTE} in nearly every patient.\n\nIt cites one trial and one cohort.`;
const TRIAL = "A randomised trial of stem cell infusions in kidney failure (illustrative)";
const COHORT = "Kidney function after stem cell infusions: a cohort (illustrative)";

test("the GRADE judgements give the computed certainty and the summary of findings", async ({
  page,
}) => {
  await signIn(page, DEMO.editor);
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Article text").fill(TEXT);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${SLUG}$`));
  await signOut(page);

  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  await article.selectWithMouse(QUOTE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const panel = article.claimPanel;
  await expect(panel.getByRole("heading", { name: "Claim 1" })).toBeVisible();

  for (const [title, design] of [
    [TRIAL, "Randomised controlled trial"],
    [COHORT, "Cohort study"],
  ] as const) {
    await panel.getByRole("button", { name: "Add evidence" }).click();
    const form = page.getByRole("form", { name: "Add evidence" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Stance").selectOption({ label: "Contradicts" });
    await form.getByLabel("Study design").selectOption({ label: design });
    await form.getByRole("button", { name: "Add evidence" }).click();
    await expect(form).toHaveCount(0);
  }
  await expect(panel.getByTestId("evidence-item")).toHaveCount(2);

  const grade = panel.getByTestId("grade-section");
  await expect(
    grade.getByRole("heading", { name: "GRADE: certainty of the body of evidence" }),
  ).toBeVisible();
  const sof = grade.getByRole("table", { name: "Summary of findings" });
  await expect(sof.getByRole("row")).toHaveCount(3);
  await expect(sof.getByRole("row", { name: new RegExp(TRIAL.slice(0, 30)) })).toContainText(
    "Randomised controlled trial",
  );
  await expect(sof.getByRole("row", { name: new RegExp(COHORT.slice(0, 30)) })).toContainText(
    "Cohort study",
  );
  const certainty = grade.getByTestId("grade-certainty");
  await expect(certainty).toContainText("Certainty of the body of evidence: High");

  // The judgements, by keyboard where it matters: a serious level needs its reason.
  await grade.getByText("GRADE judgements").click();
  const riskOfBias = grade.getByLabel("Risk of bias", { exact: true });
  await riskOfBias.focus();
  await riskOfBias.selectOption("serious");
  await grade.getByLabel("Imprecision", { exact: true }).selectOption("very_serious");
  await grade
    .getByLabel("Why (imprecision)")
    .fill("Twelve patients; the interval spans no effect.");
  await expect(certainty).toContainText("Very low");
  await grade.getByRole("button", { name: "Save GRADE assessment" }).click();
  await expect(
    grade.getByRole("alert").filter({ hasText: "Say why risk of bias is serious." }),
  ).toBeVisible();
  // Nothing typed is lost.
  await expect(grade.getByLabel("Why (imprecision)")).toHaveValue(
    "Twelve patients; the interval spans no effect.",
  );
  const why = grade.getByLabel("Why (risk of bias)");
  await why.focus();
  await page.keyboard.type("Outcome assessors knew who was treated.");
  await grade.getByRole("button", { name: "Save GRADE assessment" }).click();
  await expect(grade.getByText("GRADE assessment saved.")).toBeVisible();
  await expect(certainty).toHaveText("Certainty of the body of evidence: Very low");
  await expect(grade.getByTestId("grade-explanation")).toHaveText(
    "Started High (randomised evidence); −1 risk of bias (serious); −2 imprecision (very serious) = Very low",
  );

  // After a reload it is kept.
  await page.reload();
  await page
    .getByRole("list", { name: "Claims" })
    .getByRole("button", { name: /Claim 1\b/ })
    .click();
  const again = article.claimPanel.getByTestId("grade-section");
  await expect(again.getByTestId("grade-certainty")).toHaveText(
    "Certainty of the body of evidence: Very low",
  );
  await expect(
    again.getByRole("table", { name: "Summary of findings" }).getByRole("row"),
  ).toHaveCount(3);
  await expect(again.getByLabel("Risk of bias", { exact: true })).toHaveValue("serious");
  await expect(again.getByLabel("Why (risk of bias)")).toHaveValue(
    "Outcome assessors knew who was treated.",
  );
});
