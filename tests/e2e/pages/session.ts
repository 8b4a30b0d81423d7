import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import type { Role } from "../../../lib/core/vocabulary";
import { DEMO_ACCOUNTS } from "../../../lib/entry/demo/accounts";

export function demoAccount(email: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return account;
}

export const DEMO = {
  reviewer: demoAccount("reviewer@example.com"),
  editor: demoAccount("editor@example.com"),
  managingEditor: demoAccount("managing.editor@example.com"),
  admin: demoAccount("admin@example.com"),
  viewer: demoAccount("viewer@example.com"),
};

/** Signs in through the sign-in form, as a person does, and waits for the workspace. */
export async function signIn(
  page: Page,
  account: { email: string; password: string; role?: Role },
  baseURL?: string,
) {
  await page.goto(`${baseURL ?? ""}/signin`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Claimdesk" })).toBeVisible();
}

/** A fresh browser context (its own cookies) signed in as `account`. */
export async function contextAs(
  browser: Browser,
  account: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return { context, page };
}

/**
 * The first sign-in with a temporary password (a new account, an admin's reset): the workspace
 * sends the person to "Choose a new password" until they pick `next`; then the articles.
 */
export async function signInChoosingPassword(
  page: Page,
  account: { email: string; password: string },
  next: string,
) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await chooseNewPassword(page, account.password, next);
}

/** On "Choose a new password": the temporary one, the new one twice. */
export async function chooseNewPassword(page: Page, temporary: string, next: string) {
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("Temporary password").fill(temporary);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("New password again").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
}
