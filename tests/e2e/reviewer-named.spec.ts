import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { EditorPage } from "./pages/editor-page";
import { PublicPage } from "./pages/public-page";
import { contextAs, DEMO } from "./pages/session";

const ARTICLE_TEXT = fs.readFileSync("lib/entry/demo/stem-cell-kidney-failure.txt", "utf8");
const TITLE = "Stem cell therapy and kidney failure (named reviewer)";
const QUOTE = "no toxicity and rejection reaction";
const EDITOR_NOTE = "Published with our caveat.";

/** "2 December 2026": how every export and the public page write a date (UTC). */
const today = () =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date());

/**
 * Issue 10, items 6 and 7: the public page names the medical reviewer who gave the verdict,
 * with credentials (the demo reviewer is seeded as "MD, nephrologist"), and the approving
 * editor; the workspace's download says which revision it exports and offers the draft.
 */
test("the public page names the reviewer, and the workspace download says which revision it is", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const managing = await contextAs(browser, DEMO.managingEditor);

  // Editor: import; the only revision is a draft, and the download says so.
  await editor.page.getByRole("link", { name: "Import article" }).click();
  await editor.page.getByLabel("Title").fill(TITLE);
  await editor.page.getByLabel("Article text").fill(ARTICLE_TEXT);
  await editor.page.getByRole("button", { name: "Import" }).click();
  await expect(editor.page.getByRole("heading", { name: TITLE })).toBeVisible();
  const slug = new URL(editor.page.url()).pathname.split("/").at(-1) ?? "";
  await expect(editor.page.getByTestId("download-html")).toHaveText(
    "Download annotated HTML (revision 1, not yet approved)",
  );
  const asEditor = new ArticlePage(editor.page);
  await asEditor.transition("Submit for review");
  await expect(asEditor.articleState()).toHaveText("In review");

  // Reviewer (Rita Reviewer, MD, nephrologist): one claim resolved as Misleading.
  const asReviewer = new ArticlePage(reviewer.page);
  await asReviewer.open(slug);
  await asReviewer.selectWithMouse(QUOTE);
  await asReviewer.selectionBar().getByRole("button", { name: "Create claim" }).click();
  await expect(asReviewer.claimPanel.getByRole("heading", { name: "Claim 1" })).toBeVisible();
  await asReviewer.claimPanel.getByLabel("Status").selectOption("resolved");
  await asReviewer.claimPanel.getByLabel("Verdict").selectOption("misleading");
  await asReviewer.claimPanel
    .getByLabel("Rationale")
    .fill("Rejection is **documented**; checked at 10:37.");
  await asReviewer.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(asReviewer.claimPanel.getByText("Saved.")).toBeVisible();

  // Managing editor: the editor's note, approval, publication.
  const asManaging = new ArticlePage(managing.page);
  await asManaging.open(slug);
  const blockers = managing.page.getByTestId("approval-blockers");
  await expect(blockers).toContainText("Claim 1 (rated Misleading) needs an editor's note.");
  // The other suggested sentences need no claims: the managing editor records that.
  const noClaims = managing.page.getByRole("form", { name: "Reviewed: no claims needed" });
  await noClaims
    .getByLabel("Why no claims are needed")
    .fill("The other sentences describe the clinic, not health effects.");
  await noClaims.getByRole("button", { name: "Record: no claims needed" }).click();
  await expect(managing.page.getByTestId("no-claims-record")).toBeVisible();
  await blockers.getByRole("button", { name: "Claim 1" }).first().click();
  await asManaging.claimPanel.getByLabel("Note to readers").fill(EDITOR_NOTE);
  await asManaging.claimPanel.getByRole("button", { name: "Save editor’s note" }).click();
  await expect(blockers).toHaveCount(0);
  await asManaging.transition("Approve revision");
  await expect(asManaging.articleState()).toHaveText("Approved");
  await asManaging.transition("Publish");
  await expect(asManaging.articleState()).toHaveText("Published");

  // An anonymous reader sees who reviewed and who approved, and the rationale formatted.
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  const page = new PublicPage(reader);
  await page.open(slug);
  await expect(reader.getByTestId("reviewed-by")).toHaveText(
    `Medically reviewed by Rita Reviewer, MD, nephrologist on ${today()}.`,
  );
  await expect(reader.getByTestId("approved-by")).toHaveText(
    `Approved by Mona Managing-Editor on ${today()}.`,
  );
  await expect(page.notes.locator("strong", { hasText: "documented" })).toBeVisible();
  const [review] = await page.claimReviews();
  expect(review?.claimReviewed).toBe(QUOTE);
  expect(review?.url).toMatch(new RegExp(`^https?://[^/]+/p/${slug}#claim-1$`));
  expect((review as unknown as { author: unknown }).author).toEqual([
    expect.objectContaining({ "@type": "Organization" }),
    { "@type": "Person", name: "Rita Reviewer", description: "MD, nephrologist" },
  ]);

  // Editor revises the published text: the download names the approved revision and offers
  // the draft beside it, which is what it says it is.
  await asEditor.open(slug);
  await editor.page.getByRole("link", { name: "Edit text" }).click();
  const edit = new EditorPage(editor.page);
  await edit.expectOpen();
  await edit.clickAfter("side effects or risks.");
  await editor.page.keyboard.type(" A sentence added in the draft.");
  await edit.save("Add a sentence");
  await expect(editor.page.getByTestId("revision-saved")).toContainText("Revision 2 saved.");
  await expect(editor.page.getByTestId("download-html")).toHaveText(
    "Download annotated HTML (revision 1, approved)",
  );
  const draftLink = editor.page.getByRole("link", {
    name: "Download draft HTML (revision 2, not yet approved)",
  });
  await expect(draftLink).toBeVisible();
  const pending = editor.page.waitForEvent("download");
  await draftLink.click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe(`${slug}-r2.html`);
  const html = fs.readFileSync(await download.path(), "utf8");
  expect(html).toContain("This is revision 2 as it stands in review");
  expect(html).toContain("A sentence added in the draft.");

  for (const context of [editor.context, reviewer.context, managing.context, anonymous]) {
    await context.close();
  }
});
