import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

const RUN = Date.now().toString(36);
const A_TITLE = `Stem cells and the kidney (library ${RUN})`;
const B_TITLE = `Stem cell clinics, again (library ${RUN})`;
const A_TEXT = [
  "Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.",
  "Then, stem cells will differentiate into specific renal cells, and these new cells replace impaired kidney cells to work.",
].join("\n\n");
const Q1 = "stem cell therapy has no toxicity and rejection reaction";
const Q2 = "stem cells will differentiate into specific renal cells";
// One sentence paraphrases claim 2, the other negates claim 1.
const PARAPHRASE = "Injected stem cells turn into specific kidney cells.";
const NEGATION = "Stem cell therapy can cause toxicity and rejection reactions.";
const B_TEXT = `${PARAPHRASE}\n\n${NEGATION}`;
const EVIDENCE_2 = `Differentiation of transplanted stem cells in the kidney (${RUN})`;

async function importAndOpen(page: import("@playwright/test").Page, title: string, text: string) {
  await page.goto("/articles");
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1) ?? "";
}

async function reviewClaim(
  article: ArticlePage,
  quote: string,
  number: number,
  verdict: string,
  evidenceTitle: string,
) {
  await article.selectWithMouse(quote);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const panel = article.claimPanel;
  await expect(panel.getByRole("heading", { name: `Claim ${number}` })).toBeVisible();
  await panel.getByRole("button", { name: "Add evidence" }).click();
  const form = article.page.getByRole("form", { name: "Add evidence" });
  await form.getByLabel("Title").fill(evidenceTitle);
  await form.getByLabel("Stance").selectOption("supports");
  await form.getByLabel("Study design").selectOption({ label: "Systematic review of RCTs" });
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(panel.getByTestId("evidence-item")).toContainText(evidenceTitle);
  await panel.getByLabel("Status").selectOption("resolved");
  await panel.getByLabel("Verdict").selectOption(verdict);
  await panel.getByLabel("Rationale").fill(`Checked against the literature (${RUN}).`);
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();
  await panel.getByRole("button", { name: "All claims" }).click();
}

/**
 * Issue 12, done when: the reviewed claims of a published article go into the library; a new
 * article that paraphrases one and negates the other is marked in both places; the paraphrase
 * is accepted with its evidence pre-filled, the negation flagged as the opposite; changing the
 * entry's verdict sends the linked claim back to re-check and lists the publication as affected.
 */
test("a claim checked once is recognised in the next article, and a verdict change propagates", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const managing = await contextAs(browser, DEMO.managingEditor);

  // Article A: imported, reviewed (two claims resolved with evidence), approved, published.
  const slugA = await importAndOpen(editor.page, A_TITLE, A_TEXT);
  await new ArticlePage(editor.page).transition("Submit for review");
  const asReviewer = new ArticlePage(reviewer.page);
  await asReviewer.open(slugA);
  await reviewClaim(asReviewer, Q1, 1, "mostly_accurate", `Immune reactions (${RUN})`);
  await reviewClaim(asReviewer, Q2, 2, "accurate", EVIDENCE_2);
  const asManaging = new ArticlePage(managing.page);
  await asManaging.open(slugA);
  await asManaging.transition("Approve revision");
  await expect(asManaging.articleState()).toHaveText("Approved");
  await asManaging.transition("Publish");
  await expect(asManaging.articleState()).toHaveText("Published");

  // The publication step offers both resolved claims for the library, in one step.
  const offer = managing.page.getByTestId("library-offer");
  await expect(offer).toContainText(Q1);
  await expect(offer).toContainText(Q2);
  await offer.getByRole("button", { name: "Add the ticked claims to the library" }).click();
  await expect(managing.page.getByTestId("review-notice")).toHaveText(
    "Added 2 claims to the claims library.",
  );
  await expect(offer).toHaveCount(0);

  // Article B paraphrases claim 2 and negates claim 1: both are marked and listed.
  const slugB = await importAndOpen(editor.page, B_TITLE, B_TEXT);
  await asReviewer.open(slugB);
  const text = asReviewer.text;
  await expect(text.getByRole("button", { name: /^Known claim K\d+: same claim/ })).toHaveText(
    PARAPHRASE,
  );
  await expect(
    text.getByRole("button", { name: /^Known claim K\d+: states the opposite/ }),
  ).toHaveText(NEGATION);
  const known = reviewer.page.getByRole("list", { name: "Known claims" });
  const same = known.getByTestId("known-claim").filter({ hasText: PARAPHRASE });
  const opposite = known.getByTestId("known-claim").filter({ hasText: NEGATION });
  await expect(same).toContainText("Same claim");
  await expect(same).toContainText("Our verdict: Accurate");
  await expect(same).toContainText("1 evidence item");
  await expect(opposite).toContainText("States the opposite");
  await expect(opposite).toContainText("its verdict does not carry over");
  const entryLink = same.getByRole("link", { name: /^K\d+$/ });
  const entryNumber = (await entryLink.textContent())?.trim() ?? "";

  // Accepting the paraphrase: a claim linked to the entry, verdict and evidence pre-filled.
  await same.getByRole("button", { name: /^Accept/ }).click();
  const panel = asReviewer.claimPanel;
  await expect(panel.getByRole("heading", { name: "Claim 1" })).toBeVisible();
  await expect(panel.getByTestId("library-link")).toContainText(`Known claim ${entryNumber}`);
  await expect(panel.getByTestId("evidence-item")).toContainText(EVIDENCE_2);
  await expect(panel.getByLabel("Status")).toHaveValue("in_review");
  await expect(panel.getByLabel("Verdict")).toHaveValue("accurate");
  await expect(panel.getByRole("button", { name: "Confirm in this article" })).toBeVisible();

  // The editor changes the entry's verdict on its page.
  await editor.page.goto(`/library/${entryNumber}`);
  await expect(editor.page.getByTestId("entry-wording")).toContainText(Q2);
  const form = editor.page.getByRole("form", { name: "Edit library entry" });
  await form.getByLabel("Verdict").selectOption("misleading");
  await form.getByRole("button", { name: "Save entry" }).click();
  await expect(form.getByText(/^Saved/)).toBeVisible();
  await expect(editor.page.getByTestId("entry-rating")).toContainText("Misleading");
  // The publication that carries the claim is listed as affected, with a way to correct it.
  const affected = editor.page.getByTestId("affected-publications");
  await expect(affected).toContainText(A_TITLE);
  await expect(affected.getByRole("link", { name: "Start a correction" })).toHaveAttribute(
    "href",
    `/articles/${slugA}/edit`,
  );

  // The claim in the unpublished article B is back for a re-check, with the reason.
  await reviewer.page.reload();
  await asReviewer.highlight(/^Claim 1/).click();
  await expect(panel.getByTestId("library-recheck")).toContainText(
    `Library entry ${entryNumber}'s verdict changed from Accurate to Misleading`,
  );

  // The other entry reads like a duplicate on this one's page: merged, its wording moves here.
  await editor.page.goto(`/library/${entryNumber}`);
  const duplicate = editor.page
    .getByRole("list", { name: "Possible duplicates" })
    .getByRole("listitem")
    .filter({ hasText: Q1 })
    .first();
  await duplicate.getByRole("button", { name: /^Merge K\d+ into this entry$/ }).click();
  await expect(
    editor.page.getByRole("status").filter({ hasText: "merged into this entry" }),
  ).toBeVisible();
  await expect(
    editor.page
      .getByRole("region", { name: /^Wordings seen/ })
      .getByText(Q1, { exact: false })
      .first(),
  ).toBeVisible();

  for (const c of [editor, reviewer, managing]) await c.context.close();
});
