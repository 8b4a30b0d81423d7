import { expect, type Page, test } from "@playwright/test";
import { SMTP_STANDIN_URL } from "../../playwright.config";
import { ArticlePage } from "./pages/article-page";
import { DEMO, signIn } from "./pages/session";

/**
 * E-mail of a notification, end to end: the demo server sends through the stand-in mail server
 * (tests/helpers/outside/smtp-standin.ts). The editor assigns a claim to the reviewer in the
 * UI; the e-mail arrives once, threaded by article, and its link opens that claim after
 * sign-in.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
const PHRASE = "the stem cell from sheep or other animals that is used to treat human patients";

interface Mail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  headers: {
    inReplyTo: string | null;
    listUnsubscribe: string | null;
    listUnsubscribePost: string | null;
  };
}

async function mailsTo(page: Page, address: string): Promise<Mail[]> {
  const response = await page.request.get(`${SMTP_STANDIN_URL}/messages`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as Mail[]).filter((m) => m.to === address);
}

test("an assignment e-mails the reviewer once, and its link opens the claim after sign-in", async ({
  page,
  browser,
  request,
}) => {
  await signIn(page, DEMO.editor);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  await article.selectWithMouse(PHRASE);
  await expect(article.selectionBar()).toContainText(PHRASE);
  await page.keyboard.press("c");
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible();
  const n = Number((await heading.textContent())?.replace("Claim ", ""));
  const before = (await mailsTo(page, DEMO.reviewer.email)).length;
  await article.claimPanel.getByLabel("Assignee").selectOption({ label: "Rita Reviewer" });
  await expect(article.claimPanel.getByText("Assigned to Rita Reviewer.")).toBeVisible();

  // The worker polls every 2 s on the demo server.
  await expect
    .poll(async () => (await mailsTo(page, DEMO.reviewer.email)).length, { timeout: 30_000 })
    .toBe(before + 1);
  const mail = (await mailsTo(page, DEMO.reviewer.email)).at(-1) as Mail;
  expect(mail.subject).toMatch(/^\[Claimdesk\] How does Stem Cell Therapy Treat Kidney Failure/);
  expect(mail.headers.inReplyTo).toMatch(/^<article-[0-9a-f-]{36}@example\.com>$/);
  expect(mail.headers.listUnsubscribePost).toBe("List-Unsubscribe=One-Click");
  const link = /http:\/\/\S+\/articles\/[^\s?]+\?claim=[0-9a-f-]{36}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();

  // The link, opened in a browser with no session: sign in, then the exact claim.
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await readerPage.goto(link as string);
  await readerPage.getByLabel("E-mail").fill(DEMO.reviewer.email);
  await readerPage.getByLabel("Password").fill(DEMO.reviewer.password);
  await readerPage.getByRole("button", { name: "Sign in" }).click();
  const readerArticle = new ArticlePage(readerPage);
  await expect(readerArticle.claimPanel.getByRole("heading", { name: `Claim ${n}` })).toBeVisible();
  await expect(readerArticle.claimPanel).toContainText(PHRASE);
  await reader.close();

  // Still once: the sign-in above took longer than several of the worker's polls.
  expect(await mailsTo(page, DEMO.reviewer.email)).toHaveLength(before + 1);

  // Its unsubscribe link: a page that says what it turns off and asks for the click.
  const unsubscribe = /http:\/\/\S+\/unsubscribe\?token=\S+/.exec(mail.text)?.[0];
  expect(unsubscribe, mail.text).toBeTruthy();
  await page.goto(unsubscribe as string);
  await expect(page.getByRole("heading", { name: "Stop e-mail" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Assigned to you" })).toBeVisible();
  await page.getByRole("button", { name: "Turn e-mail off" }).click();
  await expect(page.getByRole("status")).toContainText("e-mail for these notifications is off");
  // The mail provider's one-click POST to the List-Unsubscribe address, without a session.
  const oneClick = mail.headers.listUnsubscribe?.slice(1, -1) ?? "";
  const response = await request.post(oneClick, { form: { "List-Unsubscribe": "One-Click" } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ unsubscribed: ["assigned"] });
  const tampered = await request.post(oneClick.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  expect(tampered.status()).toBe(400);
});
