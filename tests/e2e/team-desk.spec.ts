import { expect, type Page, test } from "@playwright/test";
import { SMTP_STANDIN_URL } from "../../playwright.config";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * Issue 14's team desk in one story, as two people would live it (two browser contexts on the
 * demo server, which e-mails through the stand-in mail server): the reviewer mentions the editor
 * in a comment; the editor's bell counts it without a reload and its notification opens the
 * claim; the editor changes the claim's status and the reviewer's page shows it live; the
 * mention's e-mail reaches the mail server once, and its link opens the claim.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
// A phrase no other spec claims: the demo data is shared by the specs of a set.
const PHRASE = "if stem cells grow uncontrolled";

interface Mail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

async function mailsTo(page: Page, address: string): Promise<Mail[]> {
  const response = await page.request.get(`${SMTP_STANDIN_URL}/messages`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as Mail[]).filter((m) => m.to === address);
}

/** The bell's figure (0 when it shows none). */
async function unreadCount(page: Page): Promise<number> {
  const badge = page.getByTestId("bell").getByTestId("unread-count");
  if ((await badge.count()) === 0) return 0;
  return Number.parseInt((await badge.textContent()) ?? "0", 10);
}

test("a mention reaches the editor live and by e-mail; the editor's status change reaches the reviewer live", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const ePage = editor.page;
  const rPage = reviewer.page;

  // The editor is on the articles list; his bell shows whatever the desk told him so far.
  await ePage.goto("/articles");
  await expect(ePage.getByTestId("bell")).toBeVisible();
  const countBefore = await unreadCount(ePage);

  // The reviewer claims a sentence and mentions the editor, picked from the list by keyboard.
  const rArticle = new ArticlePage(rPage);
  await rArticle.open(SLUG);
  await rArticle.selectWithMouse(PHRASE);
  await rArticle.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const heading = rArticle.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible();
  const n = Number((await heading.textContent())?.replace("Claim ", ""));
  const mailsBefore = (await mailsTo(rPage, DEMO.editor.email)).filter((m) =>
    m.text.includes(`mentioned you on claim ${n} `),
  ).length;
  expect(mailsBefore).toBe(0);
  const discussion = rArticle.claimPanel.getByTestId("comments");
  const box = discussion.getByLabel("Add a comment");
  await box.click();
  await box.pressSequentially("Uncontrolled growth needs a source, @Edd");
  await expect(
    discussion.getByRole("listbox", { name: "Mention someone" }).getByRole("option", {
      name: "Eddie Editor",
    }),
  ).toBeVisible();
  await box.press("Enter");
  await expect(box).toHaveValue("Uncontrolled growth needs a source, @Eddie Editor ");
  await discussion.getByRole("button", { name: "Add comment" }).click();
  await expect(discussion.getByTestId("comment").last().locator(".mention")).toHaveText(
    "@Eddie Editor",
  );

  // The editor's bell counts it without a reload (the live connection tells the page).
  await expect.poll(() => unreadCount(ePage), { timeout: 15_000 }).toBeGreaterThan(countBefore);
  await ePage.getByTestId("bell").click();
  const mine = ePage
    .getByTestId("notification")
    .filter({ hasText: `Rita Reviewer mentioned you on claim ${n} of` });
  await expect(mine).toHaveCount(1);
  await mine.getByRole("link").click();
  const ePanel = ePage.getByTestId("claim-panel");
  await expect(ePanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  await expect(ePanel).toContainText(PHRASE);

  // The editor sets the status; the reviewer, back on the claims list, sees it without a reload.
  await rArticle.claimPanel.getByRole("button", { name: "All claims" }).click();
  const rItem = rPage
    .getByRole("complementary", { name: "Review" })
    .getByRole("button", { name: new RegExp(`^Claim ${n} `) });
  await expect(rItem).toContainText("Unstarted");
  await ePanel.getByLabel("Status").selectOption({ label: "In progress" });
  await ePanel.getByRole("button", { name: "Save claim" }).click();
  await expect(ePanel.getByText("Saved.")).toBeVisible();
  await expect(rItem).toContainText("In progress");

  // The mention's e-mail arrives once (the worker polls every 2 s here) and its link opens the claim.
  const mentionMails = async () =>
    (await mailsTo(rPage, DEMO.editor.email)).filter((m) =>
      m.text.includes(`mentioned you on claim ${n} `),
    );
  await expect.poll(async () => (await mentionMails()).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await mentionMails();
  const link = /http:\/\/\S+\/articles\/[^\s?]+\?claim=[0-9a-f-]{36}/.exec(mail?.text ?? "")?.[0];
  expect(link, mail?.text).toBeTruthy();
  await ePage.goto(link as string);
  await expect(ePanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  // Still once, several polls later.
  expect(await mentionMails()).toHaveLength(1);

  await editor.context.close();
  await reviewer.context.close();
});
