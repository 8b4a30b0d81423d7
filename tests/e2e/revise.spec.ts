import { expect, type Page, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { EditorPage } from "./pages/editor-page";
import { contextAs, DEMO, signIn, signOut } from "./pages/session";

/**
 * Flow 3, "Revise": a reviewer decides one claim and makes another; an editor rewords the
 * first and deletes the second's sentence in the editor, with the mouse and keyboard, and saves
 * a revision; the reviewer finds the first back for a re-check and the second orphaned,
 * re-attaches it by selecting text, then reads the history, an old revision and the diff.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
// Phrases no other spec claims or edits: the demo workspace is shared by the whole run.
const REWORDED = "professional doctors can determine the best type and the number of stem cells";
const DELETED_SENTENCE =
  "Then, patients can get therapeutic effects of this therapy as many as they can.";
const DELETED = "patients can get therapeutic effects of this therapy";
const REATTACH_TO = "From the above analysis";

async function createClaim(page: Page, article: ArticlePage, phrase: string) {
  await article.selectWithMouse(phrase);
  await expect(article.selectionBar()).toContainText(phrase);
  await page.keyboard.press("c");
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(article.claimPanel).toContainText(`“${phrase}”`);
  return Number((await heading.textContent())?.replace("Claim ", ""));
}

test("an editor revises the text; claims are re-checked, re-attached and compared", async ({
  page,
}) => {
  // Reviewer: one decided claim, one unstarted.
  await signIn(page, DEMO.reviewer);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  const a = await createClaim(page, article, REWORDED);
  await article.claimPanel.getByLabel("Status").selectOption("resolved");
  await article.claimPanel.getByLabel("Verdict").selectOption("unsupported");
  await article.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(article.claimPanel.getByText("Saved.")).toBeVisible();
  await article.claimPanel.getByRole("button", { name: "All claims" }).click();
  const b = await createClaim(page, article, DELETED);
  const before = Number(
    (await page.getByText(/^Revision \d+ by/).textContent())?.match(/\d+/)?.[0],
  );
  // Reviewers may not edit the text: no link, and the page says so.
  await expect(page.getByRole("link", { name: "Edit text" })).toHaveCount(0);
  await page.goto(`/articles/${SLUG}/edit`);
  await expect(
    page.getByRole("alert").filter({ hasText: "cannot edit article text" }),
  ).toBeVisible();
  await signOut(page);

  // Editor: reword the first claim, delete the second's sentence, bold a word, save.
  await signIn(page, DEMO.editor);
  await article.open(SLUG);
  await page.getByRole("link", { name: "Edit text" }).click();
  const editor = new EditorPage(page);
  await editor.expectOpen();
  await expect(editor.highlight(`Claim ${a}: Unsupported`)).toHaveText(REWORDED);
  await editor.selectWithMouse("number");
  await page.keyboard.type("amount");
  // The claim stays drawn while the text changes under it.
  await expect(editor.highlight(`Claim ${a}: Unsupported`)).toHaveText(
    REWORDED.replace("number", "amount"),
  );
  await editor.selectWithMouse(DELETED_SENTENCE);
  await page.keyboard.press("Backspace");
  await expect(editor.highlight(`Claim ${b}: Unstarted`)).toHaveCount(0);
  await expect(editor.text).not.toContainText("therapeutic effects");
  await editor.selectWithMouse("success rate");
  await expect(editor.tool("Bold")).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("Control+b");
  await expect(editor.tool("Bold")).toHaveAttribute("aria-pressed", "true");
  await expect(editor.text.locator("strong")).toHaveText("success rate");
  await expect(page.getByText("Unsaved changes.")).toBeVisible();
  await editor.save("Reword the dosing claim, drop the promise of effects");

  const after = before + 1;
  await expect(page).toHaveURL(new RegExp(`/articles/${SLUG}\\?saved=${after}$`));
  await expect(page.getByTestId("revision-saved")).toContainText(`Revision ${after} saved.`);
  await expect(page.getByText(new RegExp(`^Revision ${after} by Eddie Editor`))).toBeVisible();
  await signOut(page);

  // Reviewer: the reworded claim needs a re-check, the deleted one is orphaned.
  await signIn(page, DEMO.reviewer);
  await article.open(SLUG);
  const list = page.getByRole("list", { name: "Claims" });
  const claimA = list.getByRole("button", { name: new RegExp(`Claim ${a}\\b`) });
  await expect(claimA).toContainText("In progress");
  await expect(claimA).toContainText("Needs re-check");
  await expect(claimA).toContainText("the amount of stem cells");
  await expect(list.getByRole("button", { name: new RegExp(`Claim ${b}\\b`) })).toContainText(
    "Orphaned",
  );
  const orphans = page.getByRole("list", { name: "Orphaned claims" });
  await expect(orphans.getByRole("listitem")).toHaveCount(1);
  await expect(orphans).toContainText(`Claim ${b}`);
  await expect(orphans).toContainText(`Last text: “${DELETED}”`);
  const reattach = orphans.getByRole("button", { name: `Re-attach claim ${b} here` });
  await expect(reattach).toBeDisabled();

  await expect(claimA).toContainText("Wording changed");
  await claimA.click();
  await expect(
    article.claimPanel.getByText("The wording changed since this verdict"),
  ).toBeVisible();
  // The panel says so in words, with the previous revision's wording beside today's.
  const anchorState = article.claimPanel.getByTestId("anchor-state");
  await expect(anchorState).toContainText("Anchor: Wording changed.");
  await expect(anchorState.locator("del")).toHaveText(`“${REWORDED}”`);
  await expect(anchorState.locator("ins")).toContainText("the amount of stem cells");
  await article.claimPanel.getByRole("button", { name: "All claims" }).click();

  await article.selectWithMouse(REATTACH_TO);
  await reattach.click();
  await expect(page.getByTestId("orphaned-panel")).toContainText(
    `Claim ${b} re-attached to “${REATTACH_TO}”.`,
  );
  await expect(orphans).toHaveCount(0);
  await expect(article.highlight(`Claim ${b}: Unstarted`)).toHaveText(REATTACH_TO);
  await expect(article.claimPanel.getByRole("heading", { name: `Claim ${b}` })).toBeVisible();
  await article.claimPanel.getByText("History", { exact: true }).click();
  const history = article.claimPanel.getByRole("list", { name: "Claim history" });
  await expect(history).toContainText(`re-anchored the claim in revision ${after}`);
  await expect(history).toContainText("Rita Reviewer re-attached the claim");
  await expect(history).toContainText(`Quote: ${DELETED} → ${REATTACH_TO}`);

  // History: every revision, the old one readable with its claims where they were.
  await page.getByRole("link", { name: "History" }).click();
  const revisions = page.getByRole("table", { name: "Revisions" });
  const newest = revisions.getByRole("row").filter({ hasText: `Revision ${after}` });
  await expect(newest).toContainText("Reword the dosing claim");
  await expect(newest).toContainText("Eddie Editor");
  await expect(newest).toContainText("Current");
  await revisions.getByRole("link", { name: `Revision ${before}`, exact: true }).click();
  await expect(
    page.getByRole("heading", { name: new RegExp(`revision ${before}$`) }),
  ).toBeVisible();
  const old = new ArticlePage(page);
  await expect(old.text).toBeVisible();
  await expect(old.highlight(`Claim ${b}: Unstarted`)).toHaveText(DELETED);
  await expect(old.highlight(`Claim ${a}: In progress`)).toHaveText(REWORDED);

  // The diff: the reworded word and the deleted sentence, marked in words and not by colour.
  await page.getByRole("link", { name: "Go to the current revision" }).click();
  await page.getByRole("link", { name: "Compare revisions" }).click();
  await expect(page.getByLabel("Older revision")).toHaveValue(String(before));
  await expect(page.getByLabel("Newer revision")).toHaveValue(String(after));
  const diff = page.getByTestId("diff-text");
  await expect(diff.locator("del").filter({ hasText: "number" })).toHaveCount(1);
  await expect(diff.locator("ins").filter({ hasText: "amount" })).toHaveCount(1);
  await expect(diff.locator("del").filter({ hasText: "therapeutic effects" })).toHaveCount(1);
  await expect(diff.locator("ins").first()).toContainText("[inserted:");
  const anchors = page.getByRole("list", { name: "Claims and their anchors" });
  await expect(anchors.getByRole("listitem").filter({ hasText: `Claim ${a}` })).toContainText(
    "Wording changed",
  );
  await expect(anchors.getByRole("listitem").filter({ hasText: `Claim ${b}` })).toContainText(
    "Same text, same place",
  );
  // Another pair, chosen with the selects.
  await page.getByLabel("Older revision").selectOption(String(after));
  await page.getByLabel("Newer revision").selectOption(String(before));
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${after}&to=${before}`));
  await expect(
    page.getByRole("heading", { name: `Revision ${before} → revision ${after}` }),
  ).toBeVisible();
});

test("a stale save is refused, keeps the editor's text, and can be saved on top", async ({
  browser,
}) => {
  const heading =
    "What are the risks or side effects of stem cell therapy in treating kidney failure?";
  const eddie = await contextAs(browser, DEMO.editor);
  await eddie.page.goto(`/articles/${SLUG}/edit`);
  const mine = new EditorPage(eddie.page);
  await mine.expectOpen();

  // Meanwhile another editor saves a revision.
  const mona = await contextAs(browser, DEMO.managingEditor);
  await mona.page.goto(`/articles/${SLUG}/edit`);
  const theirs = new EditorPage(mona.page);
  await theirs.expectOpen();
  await theirs.clickAfter(heading);
  await mona.page.keyboard.type(" A guide.");
  await theirs.save("Mona's subtitle");
  await expect(mona.page.getByTestId("revision-saved")).toBeVisible();
  const theirNumber = Number(
    (await mona.page.getByTestId("revision-saved").textContent())?.match(/\d+/)?.[0],
  );

  await mine.clickAfter(heading);
  await eddie.page.keyboard.type(" Read on.");
  await mine.save("Eddie's subtitle");
  const conflict = eddie.page.getByTestId("save-conflict");
  await expect(conflict).toContainText(`Revision ${theirNumber} (Mona's subtitle)`);
  await expect(
    eddie.page.getByRole("alert").filter({ hasText: "was saved while you were editing" }),
  ).toBeVisible();
  await expect(mine.text).toContainText(`${heading} Read on.`);
  await expect(mine.summary).toHaveValue("Eddie's subtitle");

  await conflict.getByRole("button", { name: `Save mine as revision ${theirNumber + 1}` }).click();
  await expect(eddie.page.getByTestId("revision-saved")).toContainText(
    `Revision ${theirNumber + 1} saved.`,
  );
  await expect(eddie.page.getByTestId("article-text")).toContainText(`${heading} Read on.`);
  await expect(eddie.page.getByTestId("article-text")).not.toContainText("A guide.");
  await eddie.context.close();
  await mona.context.close();
});
