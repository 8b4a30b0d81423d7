import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { PublicPage } from "./pages/public-page";
import { contextAs, DEMO } from "./pages/session";

/** Two check-worthy sentences: a cure claim and a harm denial (lib/core/detect). */
const TEXT = `Stem cell therapy as one of the new treatment of kidney failure, it has been used to treat various kidney diseases widely.

Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.`;
const NO_CLAIMS_NOTE =
  "A patient's story told in their words; we checked it and publish it as such.";

/** Imports TEXT as the demo editor and submits it; returns the article's slug. */
async function importAndSubmit(page: ArticlePage, title: string) {
  await page.page.getByRole("link", { name: "Import article" }).click();
  await page.page.getByLabel("Title").fill(title);
  await page.page.getByLabel("Article text").fill(TEXT);
  await page.page.getByRole("button", { name: "Import" }).click();
  await expect(page.page.getByRole("heading", { name: title })).toBeVisible();
  await page.transition("Submit for review");
  await expect(page.articleState()).toHaveText("In review");
  return new URL(page.page.url()).pathname.split("/").at(-1) ?? "";
}

/**
 * Issue 10, "approval means reviewed": an article nobody triaged cannot be approved; the
 * managing editor records that it needs no claims, approves and publishes, and readers see it.
 */
test("approval of an untriaged article is refused until an editor records that it needs no claims", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const managing = await contextAs(browser, DEMO.managingEditor);
  const slug = await importAndSubmit(
    new ArticlePage(editor.page),
    "Approval gate: a patient story",
  );

  const asManaging = new ArticlePage(managing.page);
  await asManaging.open(slug);
  await asManaging.transition("Approve revision");
  const untriaged =
    "2 suggested claims not yet triaged: accept or dismiss them, or record that the article needs no claims";
  await expect(
    managing.page.getByRole("alert").filter({ hasText: `Approval is blocked: ${untriaged}` }),
  ).toBeVisible();
  await expect(managing.page.getByTestId("approval-blockers")).toContainText(untriaged);
  await expect(asManaging.articleState()).toHaveText("In review");

  // An empty note is refused next to its field.
  const form = managing.page.getByRole("form", { name: "Reviewed: no claims needed" });
  await form.getByRole("button", { name: "Record: no claims needed" }).click();
  await expect(form.getByText("Note is required.")).toBeVisible();

  await form.getByLabel("Why no claims are needed").fill(NO_CLAIMS_NOTE);
  await form.getByRole("button", { name: "Record: no claims needed" }).click();
  const record = managing.page.getByTestId("no-claims-record");
  await expect(record).toContainText(`Reviewed by ${DEMO.managingEditor.name} on`);
  await expect(record).toContainText(`no claims needed — ${NO_CLAIMS_NOTE}`);
  await expect(managing.page.getByTestId("approval-blockers")).toHaveCount(0);
  await expect(form).toHaveCount(0);

  await asManaging.transition("Approve revision");
  await expect(asManaging.articleState()).toHaveText("Approved");
  await asManaging.transition("Publish");
  await expect(asManaging.articleState()).toHaveText("Published");

  // An anonymous reader sees the record, with who and when.
  const reader = await (await browser.newContext()).newPage();
  const page = new PublicPage(reader);
  await page.open(slug);
  const shown = reader.getByTestId("no-claims");
  await expect(shown).toHaveText(
    new RegExp(
      `^Reviewed by ${DEMO.managingEditor.name} on \\d{1,2} \\w+ \\d{4}: no claims needed — `,
    ),
  );
  await expect(shown).toContainText(NO_CLAIMS_NOTE);
  const html = (await page.download("Annotated HTML")).bytes.toString("utf8");
  expect(html).toContain(`no claims needed — ${NO_CLAIMS_NOTE.replace("'", "&#39;")}`);
});

test("one editor's note covers several claims that need one, in one step", async ({ browser }) => {
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const managing = await contextAs(browser, DEMO.managingEditor);
  const slug = await importAndSubmit(new ArticlePage(editor.page), "Approval gate: two verdicts");

  // Reviewer: both sentences claimed and resolved with verdicts that need an editor's note.
  const asReviewer = new ArticlePage(reviewer.page);
  await asReviewer.open(slug);
  const claims = [
    { quote: "no toxicity and rejection reaction", verdict: "inaccurate" },
    { quote: "used to treat various kidney diseases", verdict: "unsupported" },
  ];
  for (const [i, c] of claims.entries()) {
    await asReviewer.selectWithMouse(c.quote);
    await asReviewer.selectionBar().getByRole("button", { name: "Create claim" }).click();
    const panel = asReviewer.claimPanel;
    await expect(panel.getByRole("heading", { name: `Claim ${i + 1}` })).toBeVisible();
    await panel.getByRole("button", { name: "Add evidence" }).click();
    const evidence = reviewer.page.getByRole("form", { name: "Add evidence" });
    await evidence.getByLabel("Title").fill(`A cohort study on claim ${i + 1} (illustrative)`);
    await evidence.getByLabel("Stance").selectOption("contradicts");
    await evidence.getByLabel("Study design").selectOption({ label: "Cohort study" });
    await evidence.getByRole("button", { name: "Add evidence" }).click();
    await expect(panel.getByTestId("evidence-item")).toBeVisible();
    await panel.getByLabel("Status").selectOption("resolved");
    await panel.getByLabel("Verdict").selectOption(c.verdict);
    await panel.getByLabel("Rationale").fill("The evidence says otherwise.");
    await panel.getByRole("button", { name: "Save claim" }).click();
    await expect(panel.getByText("Saved.")).toBeVisible();
  }

  // Managing editor: the blockers say what is needed; one note, both claims checked by default.
  const asManaging = new ArticlePage(managing.page);
  await asManaging.open(slug);
  const blockers = managing.page.getByTestId("approval-blockers");
  await expect(blockers).toContainText("Claim 1 (rated Inaccurate) needs an editor's note.");
  await expect(blockers).toContainText("Claim 2 (rated Unsupported) needs an editor's note.");
  await expect(blockers).not.toContainText("decision");
  const form = managing.page.getByRole("form", { name: "Editor’s note for several claims" });
  await expect(form.getByRole("checkbox", { name: "Claim 1 (rated Inaccurate)" })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "Claim 2 (rated Unsupported)" })).toBeChecked();
  const note = "We publish both with our corrections below.";
  await form.getByLabel("Note to readers for the checked claims").fill(note);
  await form.getByRole("button", { name: "Save note on 2 claims" }).click();
  await expect(managing.page.getByTestId("approval-blockers")).toHaveCount(0);
  await expect(form).toHaveCount(0);

  for (const n of [1, 2]) {
    await asManaging.highlight(new RegExp(`^Claim ${n}`)).click();
    await expect(asManaging.claimPanel.getByLabel("Note to readers")).toHaveValue(note);
  }
  await asManaging.transition("Approve revision");
  await expect(asManaging.articleState()).toHaveText("Approved");
});
