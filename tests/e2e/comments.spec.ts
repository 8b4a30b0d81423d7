import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * A claim's discussion and its rendered rationale on the demo article: markdown shown safely,
 * edits by the author only (the server refuses a replayed edit from someone else), deletion by
 * an admin, and the read-only rationale for a viewer.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
// A phrase no other spec claims: the demo data is shared by all specs of a run.
const PHRASE = "stem cell treatment in most hospitals is still not used maturely";
const PAYLOAD = `<script>document.title="pwned"</script><img src=x onerror="document.title='pwned'">`;

test("reviewers discuss a claim in markdown; only the author edits, an admin deletes", async ({
  browser,
}) => {
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const page = reviewer.page;
  const article = new ArticlePage(page);
  await article.open(SLUG);
  await article.selectWithMouse(PHRASE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible();
  await expect(article.claimPanel).toContainText(`“${PHRASE}”`);
  const n = Number((await heading.textContent())?.replace("Claim ", ""));
  const panel = article.claimPanel;

  // The rationale: written in markdown, previewed rendered once saved.
  await panel.getByLabel("Rationale").fill("Maturity is **not** measured; no source is cited.");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();
  await expect(panel.getByTestId("rationale-html").locator("strong")).toHaveText("not");

  // An empty comment is refused next to the field.
  const discussion = panel.getByTestId("comments");
  await expect(discussion.getByText("No comments yet.")).toBeVisible();
  await discussion.getByRole("button", { name: "Add comment" }).click();
  await expect(discussion.getByText("Comment is required.")).toBeVisible();

  // Bold and a script payload; Ctrl+Enter sends.
  const box = discussion.getByLabel("Add a comment");
  await box.fill(`This is **unsupported**. ${PAYLOAD}`);
  await box.press("Control+Enter");
  const item = discussion.getByTestId("comment");
  await expect(item).toHaveCount(1);
  await expect(box).toHaveValue("");
  await expect(item).toContainText("Rita Reviewer");
  const body = item.getByTestId("comment-body");
  await expect(body.locator("strong")).toHaveText("unsupported");
  await expect(body).toContainText(PAYLOAD);
  await expect(body.locator("script, img")).toHaveCount(0);
  await expect(page).not.toHaveTitle("pwned");

  // The author edits it; the browser's server action call is recorded for the replay below.
  await item.getByRole("button", { name: "Edit" }).click();
  const editBox = item.getByLabel("Your comment");
  await expect(editBox).toHaveValue(`This is **unsupported**. ${PAYLOAD}`);
  await editBox.fill("This is **unsupported** by any trial we found.");
  const editRequest = page.waitForRequest(
    (r) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await item.getByRole("button", { name: "Save" }).click();
  const recorded = await editRequest;
  await expect(body).toHaveText("This is unsupported by any trial we found.");
  await expect(item).toContainText("edited");

  // An editor sees the comment but may not edit or delete it…
  const editor = await contextAs(browser, DEMO.editor);
  const editorArticle = new ArticlePage(editor.page);
  await editorArticle.open(SLUG);
  await editorArticle.highlight(new RegExp(`^Claim ${n}:`)).click();
  const editorItem = editorArticle.claimPanel.getByTestId("comment");
  await expect(editorItem).toContainText("by any trial we found");
  await expect(editorItem.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expect(editorItem.getByRole("button", { name: "Delete" })).toHaveCount(0);

  // …and the server refuses the reviewer's edit call replayed with the editor's session.
  const headers = { ...recorded.headers() };
  delete headers.cookie;
  const postData = recorded.postData() ?? "";
  expect(postData).toContain("by any trial we found");
  const replay = await editor.context.request.post(recorded.url(), {
    headers,
    data: postData.replace("by any trial we found", "HIJACKED"),
  });
  const replayed = await replay.text();
  expect(replayed).toContain('"code":"forbidden"');
  expect(replayed).not.toContain('"ok":true');
  await editor.page.reload();
  await editorArticle.highlight(new RegExp(`^Claim ${n}:`)).click();
  await expect(editorArticle.claimPanel.getByTestId("comment")).toContainText(
    "by any trial we found",
  );
  await expect(editorArticle.claimPanel).not.toContainText("HIJACKED");
  await editor.context.close();

  // A viewer reads the rationale rendered, with no box to edit it and none to comment.
  const viewer = await contextAs(browser, DEMO.viewer);
  const viewerArticle = new ArticlePage(viewer.page);
  await viewerArticle.open(SLUG);
  await viewerArticle.highlight(new RegExp(`^Claim ${n}:`)).click();
  await expect(viewerArticle.claimPanel.getByTestId("rationale-html").locator("strong")).toHaveText(
    "not",
  );
  await expect(viewerArticle.claimPanel.getByRole("textbox", { name: "Rationale" })).toHaveCount(0);
  await expect(viewerArticle.claimPanel.getByLabel("Add a comment")).toHaveCount(0);
  await viewer.context.close();

  // An admin deletes it, after confirming.
  const admin = await contextAs(browser, DEMO.admin);
  const adminArticle = new ArticlePage(admin.page);
  await adminArticle.open(SLUG);
  await adminArticle.highlight(new RegExp(`^Claim ${n}:`)).click();
  const adminItem = adminArticle.claimPanel.getByTestId("comment");
  await adminItem.getByRole("button", { name: "Delete" }).click();
  await adminItem.getByRole("button", { name: "Confirm delete" }).click();
  await expect(adminArticle.claimPanel.getByText("No comments yet.")).toBeVisible();
  await admin.context.close();

  // Gone for the author too.
  await page.reload();
  await article.highlight(new RegExp(`^Claim ${n}:`)).click();
  await expect(article.claimPanel.getByText("No comments yet.")).toBeVisible();
  await reviewer.context.close();
});
