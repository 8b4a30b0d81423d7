import { expect, type Page, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * Mentions and the bell: the reviewer @-mentions the editor in a comment, picking him from the
 * list with the keyboard; the editor's bell counts it, his notifications list it under the
 * article, its link opens the claim, and "Mark all read" empties the bell. Then the editor
 * saves his notification preferences.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
// A phrase no other spec claims: the demo data is shared by all specs of a run.
const PHRASE = "which are released by impaired kidneys";

/** The bell's figure (0 when it shows none). */
async function unreadCount(page: Page): Promise<number> {
  const badge = page.getByTestId("bell").getByTestId("unread-count");
  if ((await badge.count()) === 0) return 0;
  return Number.parseInt((await badge.textContent()) ?? "0", 10);
}

test("a mention picked with the keyboard reaches the editor's bell and opens the claim", async ({
  browser,
}) => {
  // The editor first: whatever the demo desk already told him is his figure before.
  const editor = await contextAs(browser, DEMO.editor);
  const bell = editor.page.getByTestId("bell");
  await expect(bell).toBeVisible();
  const countBefore = await unreadCount(editor.page);

  const reviewer = await contextAs(browser, DEMO.reviewer);
  const article = new ArticlePage(reviewer.page);
  await article.open(SLUG);
  await article.selectWithMouse(PHRASE);
  await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible();
  const n = Number((await heading.textContent())?.replace("Claim ", ""));

  // `@` opens the list of members, filtered as one types; the keyboard picks.
  const discussion = article.claimPanel.getByTestId("comments");
  const box = discussion.getByLabel("Add a comment");
  await box.click();
  await box.pressSequentially("Please check this, @Ed");
  const list = discussion.getByRole("listbox", { name: "Mention someone" });
  await expect(list.getByRole("option", { name: "Eddie Editor" })).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  // Escape closes the list without closing anything else; typing on at a new `@` reopens it.
  await box.press("Escape");
  await expect(list).toHaveCount(0);
  await box.press("Backspace");
  await box.press("Backspace");
  await box.press("Backspace");
  await box.pressSequentially("@Ed");
  await expect(list.getByRole("option", { name: "Eddie Editor" })).toBeVisible();
  await box.press("ArrowDown");
  await box.press("ArrowUp");
  await expect(list.getByRole("option", { name: "Eddie Editor" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await box.press("Enter");
  await expect(box).toHaveValue("Please check this, @Eddie Editor ");
  await expect(list).toHaveCount(0);
  await box.pressSequentially("— the cited trial is small.");
  await discussion.getByRole("button", { name: "Add comment" }).click();
  const item = discussion.getByTestId("comment").last();
  await expect(item.locator(".mention")).toHaveText("@Eddie Editor");
  await expect(box).toHaveValue("");

  // An edit keeps the mention.
  await item.getByRole("button", { name: "Edit" }).click();
  const editBox = item.getByLabel("Your comment");
  await expect(editBox).toHaveValue("Please check this, @Eddie Editor — the cited trial is small.");
  await editBox.fill("Please check this, @Eddie Editor — the cited trial is very small.");
  await item.getByRole("button", { name: "Save" }).click();
  await expect(item.getByTestId("comment-body")).toContainText("very small");
  await expect(item.locator(".mention")).toHaveText("@Eddie Editor");

  // The editor's bell counts it (the tab coming back into view refetches; a reload shows it).
  await editor.page.reload();
  // At least one more (the scheduled review-due job may tell him of the overdue demo article too).
  await expect(bell.getByTestId("unread-count")).toBeVisible();
  expect(await unreadCount(editor.page)).toBeGreaterThan(countBefore);
  await bell.click();
  await expect(editor.page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const group = editor.page.getByRole("region", { name: /Stem Cell Therapy/i });
  const mine = group
    .getByTestId("notification")
    .filter({ hasText: `Rita Reviewer mentioned you on claim ${n} of` });
  await expect(mine).toHaveCount(1);
  await expect(mine).toHaveAttribute("data-unread", "true");

  // The link opens that claim on the review page.
  await mine.getByRole("link").click();
  await expect(editor.page).toHaveURL(
    /\/articles\/how-does-stem-cell-therapy-treat-kidney-failure\?claim=/,
  );
  await expect(
    editor.page.getByTestId("claim-panel").getByRole("heading", { name: `Claim ${n}` }),
  ).toBeVisible();
  await expect(editor.page.getByTestId("claim-panel").locator(".mention")).toHaveText(
    "@Eddie Editor",
  );

  // Mark all read empties the bell.
  await editor.page.goto("/notifications");
  await editor.page.getByRole("button", { name: "Mark all read" }).click();
  await expect(editor.page.getByTestId("unread-summary")).toHaveText("Nothing unread.");
  await expect(editor.page.getByTestId("bell").getByTestId("unread-count")).toHaveCount(0);

  // Preferences: no replies in the app, mentions e-mailed in the daily digest.
  await editor.page.getByRole("link", { name: "Preferences" }).click();
  await expect(
    editor.page.getByRole("heading", { name: "Notification preferences" }),
  ).toBeVisible();
  await expect(editor.page.getByTestId("email-off")).toContainText("SMTP_URL is not set");
  await editor.page.getByLabel("Replies on claims you follow: in the app").uncheck();
  await editor.page.getByLabel("Mentioned you: when e-mailed").selectOption("Daily digest");
  await editor.page.getByRole("button", { name: "Save preferences" }).click();
  await expect(editor.page.getByText("Preferences saved.")).toBeVisible();
  await editor.page.reload();
  await expect(
    editor.page.getByLabel("Replies on claims you follow: in the app"),
  ).not.toBeChecked();
  await expect(editor.page.getByLabel("Mentioned you: when e-mailed")).toHaveValue("daily");

  await editor.context.close();
  await reviewer.context.close();
});
