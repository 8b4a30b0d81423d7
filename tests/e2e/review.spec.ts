import { expect, type Page, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO, signIn, signOut } from "./pages/session";

/**
 * The reviewer's desk on the demo article: keyboard shortcut, colours, reload, filters,
 * history, assignment to "My claims", and two reviewers saving the same claim.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";

/** Creates a claim on `phrase` with the mouse and the C key; returns its number. */
async function createClaimWithShortcut(page: Page, article: ArticlePage, phrase: string) {
  await article.selectWithMouse(phrase);
  await expect(article.selectionBar()).toContainText(phrase);
  await page.keyboard.press("c");
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible();
  await expect(article.claimPanel).toContainText(`“${phrase}”`);
  return Number((await heading.textContent())?.replace("Claim ", ""));
}

test("a reviewer claims with the keyboard, decides, filters and reads the history", async ({
  page,
}) => {
  const phrase = "these cells can find the areas where impaired kidneys located";
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  const n = await createClaimWithShortcut(page, article, phrase);

  const highlight = article.highlight(`Claim ${n}: Unstarted`);
  await expect(highlight).toHaveText(phrase);
  await expect(highlight).toHaveClass(/status-open/);
  const unstartedColour = await highlight.evaluate((el) => getComputedStyle(el).backgroundColor);

  await article.claimPanel.getByLabel("Status").selectOption("resolved");
  await article.claimPanel.getByLabel("Verdict").selectOption("unsupported");
  await article.claimPanel.getByLabel("Severity").selectOption("high");
  await article.claimPanel.getByLabel("Rationale").fill("No source is given for homing claims.");
  await article.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(article.claimPanel.getByText("Saved.")).toBeVisible();
  const decided = article.highlight(`Claim ${n}: Unsupported`);
  await expect(decided).toHaveClass(/verdict-unsupported/);
  expect(await decided.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(
    unstartedColour,
  );

  // Still there after a reload; the keyboard opens it from the text.
  await page.reload();
  await expect(article.claimPanel).toHaveCount(0);
  await article.highlight(`Claim ${n}: Unsupported`).focus();
  await page.keyboard.press("Enter");
  await expect(article.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  await expect(article.claimPanel.getByLabel("Rationale")).toHaveValue(
    "No source is given for homing claims.",
  );

  // History: who changed what, before and after.
  await article.claimPanel.getByText("History", { exact: true }).click();
  const history = article.claimPanel.getByRole("list", { name: "Claim history" });
  await expect(history).toContainText("Rita Reviewer created the claim");
  await expect(history).toContainText("Rita Reviewer updated the claim");
  await expect(history).toContainText("Status: Unstarted → Resolved");
  await expect(history).toContainText("Verdict: — → Unsupported");

  // The list: progress, then a filter that finds just this claim.
  await article.claimPanel.getByRole("button", { name: "All claims" }).click();
  await expect(page.getByTestId("claim-progress")).toContainText(/\d+ of \d+ done/);
  const list = page.getByRole("list", { name: "Claims" });
  await page.getByLabel("Verdict", { exact: true }).selectOption("accurate");
  await expect(page.getByText("No claims match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(list.getByRole("button", { name: new RegExp(`Claim ${n}\\b`) })).toBeVisible();
  await page.getByLabel("Verdict", { exact: true }).selectOption("unsupported");
  await page.getByLabel("Severity", { exact: true }).selectOption("high");
  await expect(list.getByRole("button", { name: new RegExp(`Claim ${n}\\b`) })).toBeVisible();
  await expect(list.getByRole("button", { name: /Unstarted|In progress/ })).toHaveCount(0);
});

test("a claim nested inside another opens on its own, and the outer one around it", async ({
  page,
}) => {
  const outer = "anti-rejection medications for the rest of their life";
  const inner = "medications";
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  const outerN = await createClaimWithShortcut(page, article, outer);
  await article.claimPanel.getByRole("button", { name: "All claims" }).click();
  // The drag starts on the outer claim's highlight.
  const innerN = await createClaimWithShortcut(page, article, inner);

  await page.reload();
  // The outer claim is drawn in two pieces around the inner one; both open the outer claim.
  const outerPieces = article.highlight(`Claim ${outerN}: Unstarted`);
  await expect(outerPieces).toHaveCount(2);
  await expect(outerPieces.first()).toHaveText("anti-rejection");
  await expect(outerPieces.last()).toHaveText("for the rest of their life");
  const innerPiece = article.highlight(`Claim ${innerN}: Unstarted, inside claim ${outerN}`);
  await expect(innerPiece).toHaveText(inner);
  await innerPiece.click();
  await expect(article.claimPanel.getByRole("heading", { name: `Claim ${innerN}` })).toBeVisible();
  await expect(article.claimPanel).toContainText(`“${inner}”`);
  await outerPieces.last().click();
  await expect(article.claimPanel.getByRole("heading", { name: `Claim ${outerN}` })).toBeVisible();
  await expect(article.claimPanel).toContainText(`“${outer}”`);
  // The open claim is outlined wherever its text is, the nested piece included.
  await expect(innerPiece).toHaveClass(/\bselected\b/);
  await expect(outerPieces.first()).toHaveClass(/\bselected\b/);
});

test("an editor assigns a claim and it appears in the reviewer's claims", async ({ page }) => {
  const phrase = "these new cells replace impaired kidney cells to work";
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  const n = await createClaimWithShortcut(page, article, phrase);
  await expect(article.claimPanel.getByTestId("assignee")).toHaveText("Unassigned");
  await signOut(page);

  await signIn(page, DEMO.editor);
  await article.open(SLUG);
  await page
    .getByRole("list", { name: "Claims" })
    .getByRole("button", { name: new RegExp(`Claim ${n}\\b`) })
    .click();
  await article.claimPanel.getByLabel("Assignee").selectOption({ label: "Rita Reviewer" });
  await expect(article.claimPanel.getByText("Assigned to Rita Reviewer.")).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.reviewer);
  await page.getByRole("link", { name: "My claims" }).click();
  const mine = page.getByRole("table", { name: "My open claims" });
  await expect(mine).toContainText(phrase);
  await mine.getByRole("link", { name: `Claim ${n}` }).click();
  await expect(article.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  await expect(article.claimPanel.getByTestId("assignee")).toHaveText("Assigned to Rita Reviewer");
});

test("two reviewers save one claim: the second sees a conflict and keeps their input", async ({
  browser,
}) => {
  const phrase = "the key is to choose one specialized clinic or hospital";
  const rita = await contextAs(browser, DEMO.reviewer);
  const ritaArticle = new ArticlePage(rita.page);
  await ritaArticle.open(SLUG);
  const n = await createClaimWithShortcut(rita.page, ritaArticle, phrase);

  const ada = await contextAs(browser, DEMO.admin);
  const adaArticle = new ArticlePage(ada.page);
  await ada.page.goto(`/articles/${SLUG}`);
  await adaArticle.highlight(new RegExp(`^Claim ${n}: `)).click();
  await expect(adaArticle.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();

  // Both have the claim open; Rita saves first.
  await ritaArticle.claimPanel.getByLabel("Rationale").fill("Rita: clinic choice is advice.");
  await ritaArticle.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(ritaArticle.claimPanel.getByText("Saved.")).toBeVisible();

  await adaArticle.claimPanel.getByLabel("Rationale").fill("Ada: not a factual claim.");
  await adaArticle.claimPanel.getByLabel("Status").selectOption("in_review");
  await adaArticle.claimPanel.getByRole("button", { name: "Save claim" }).click();
  const conflict = adaArticle.claimPanel.getByTestId("conflict");
  await expect(conflict).toContainText("Rita: clinic choice is advice.");
  await expect(adaArticle.claimPanel.getByRole("alert").first()).toContainText(
    "Someone else saved",
  );
  await expect(adaArticle.claimPanel.getByLabel("Rationale")).toHaveValue(
    "Ada: not a factual claim.",
  );

  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await adaArticle.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(adaArticle.claimPanel.getByText("Saved.")).toBeVisible();

  await rita.page.reload();
  await ritaArticle.highlight(new RegExp(`^Claim ${n}: `)).click();
  await expect(ritaArticle.claimPanel.getByLabel("Rationale")).toHaveValue(
    "Ada: not a factual claim.",
  );
  await expect(ritaArticle.claimPanel.getByLabel("Status")).toHaveValue("in_review");
  await rita.context.close();
  await ada.context.close();
});

test("a reviewer accepts one suggested claim and dismisses another", async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  const suggestions = page.getByRole("list", { name: "Suggested claims" });
  if (!(await suggestions.isVisible())) await page.getByText(/^Suggested claims \(\d+\)$/).click();
  const repairing = suggestions.getByRole("listitem").filter({ hasText: "repairing most damaged" });
  // Why, in words: the reason's code stays in the CLI's JSON.
  await expect(repairing.first()).toContainText("says something cures, prevents or heals");
  await expect(repairing.first()).not.toContainText("cure-claim");
  await repairing
    .getByRole("button", { name: "Claim “repairing most damaged kidney cells”" })
    .click();
  await expect(article.claimPanel).toContainText("“repairing most damaged kidney cells”");
  await expect(
    article.highlight(/: Unstarted$/).filter({ hasText: "repairing most damaged kidney cells" }),
  ).toBeVisible();

  await article.claimPanel.getByRole("button", { name: "All claims" }).click();
  if (!(await suggestions.isVisible())) await page.getByText(/^Suggested claims \(\d+\)$/).click();
  await expect(suggestions).not.toContainText("repairing most damaged");
  const blame = suggestions
    .getByRole("listitem")
    .filter({ hasText: "irresponsibility of stem cell clinics" });
  await blame.getByRole("button", { name: /^Dismiss/ }).click();
  await expect(suggestions.getByText("irresponsibility of stem cell clinics")).toHaveCount(0);

  await page.reload();
  await expect(page.getByText(/^Suggested claims \(\d+\)$/)).toBeVisible();
  // In the article, and in the list of dismissed suggestions (where it can be restored).
  await expect(
    page.getByText("irresponsibility of stem cell clinics", { exact: false }),
  ).toHaveCount(2);
  await page.getByText(/^Dismissed suggestions \(\d+\)$/).click();
  await expect(page.getByRole("list", { name: "Dismissed suggestions" })).toContainText(
    "irresponsibility of stem cell clinics",
  );
});
