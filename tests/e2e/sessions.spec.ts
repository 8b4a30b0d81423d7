import { type Browser, expect, type Page, test } from "@playwright/test";
import { contextAs, DEMO, signIn, signInChoosingPassword, signOut } from "./pages/session";

/**
 * Ending sessions in a real browser: a copy of the session cookie dies with sign-out, and a
 * disabled account is locked out on its next click. Each test makes its own account (through
 * the admin's Users page), so no demo account other specs sign in with is ever signed out
 * elsewhere or disabled.
 */

const PASSWORD = "a long enough password";
const OWN_PASSWORD = "the user's own password";

/**
 * Adds a user as the admin on the Users page, and signs in as them once (in a browser of its
 * own, signed out after) to replace the temporary password; returns the account to sign in with.
 */
async function addUser(admin: Page, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}@example.org`;
  await admin.goto("/admin/users");
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Temporary password").fill(PASSWORD);
  await admin.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(
    admin.getByRole("status").filter({ hasText: `${name} can now sign in as Reviewer` }),
  ).toBeVisible();
  const browser = admin.context().browser();
  if (!browser) throw new Error("no browser");
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInChoosingPassword(page, { email, password: PASSWORD }, OWN_PASSWORD);
  await first.close();
  await admin.reload();
  return { email, password: OWN_PASSWORD };
}

/** The sign-in page, as a person with no valid session sees it. */
const expectSignInPage = (page: Page) =>
  expect(page.getByRole("heading", { name: "Sign in to Claimdesk" })).toBeVisible();

async function adminPage(browser: Browser) {
  return contextAs(browser, DEMO.admin);
}

test("signing out ends a copied session cookie too", async ({ browser }) => {
  const admin = await adminPage(browser);
  const account = await addUser(admin.page, "Sasha Session");
  await admin.context.close();

  const first = await contextAs(browser, account);
  // Someone copies the session cookie into another browser: it works there, for now.
  const copy = await browser.newContext();
  await copy.addCookies(await first.context.cookies());
  const copyPage = await copy.newPage();
  await copyPage.goto("/articles");
  await expect(copyPage.getByRole("heading", { name: "Articles" })).toBeVisible();
  await expect(copyPage.getByRole("banner")).toContainText("Sasha Session");

  await signOut(first.page);

  // The copy's next request is sent to sign-in, on a click as on a reload.
  await copyPage.getByRole("link", { name: "Activity" }).click();
  await expectSignInPage(copyPage);
  await copyPage.goto("/articles");
  await expectSignInPage(copyPage);

  // Signing in again gives a new session; the old copy stays dead.
  await signIn(first.page, account);
  await copyPage.goto("/my-claims");
  await expectSignInPage(copyPage);
  await copy.close();
  await first.context.close();
});

test("an admin disables a signed-in user: locked out on the next click, refused at sign-in", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const name = "Dana Disabled";
  const account = await addUser(admin.page, name);
  const dana = await contextAs(browser, account);

  const users = admin.page;
  const row = users.getByRole("row").filter({ hasText: account.email });
  await expect(row.getByTestId("account-status")).toHaveText("Active");
  // The admin's own row has no Disable button.
  await expect(
    users.getByRole("row").filter({ hasText: DEMO.admin.email }).getByRole("button"),
  ).toHaveCount(0);

  // Keyboard only: the question takes the button's place with focus on the safe answer;
  // Escape puts things back.
  const disable = users.getByRole("button", { name: `Disable ${name}` });
  await disable.focus();
  await users.keyboard.press("Enter");
  const keep = row.getByRole("button", { name: "Keep active" });
  await expect(keep).toBeFocused();
  await expect(row.getByRole("group", { name: `Disable ${name}?` })).toBeVisible();
  await users.keyboard.press("Escape");
  await expect(keep).toHaveCount(0);
  await expect(disable).toBeFocused();
  await expect(row.getByTestId("account-status")).toHaveText("Active");

  await users.keyboard.press("Enter");
  await expect(keep).toBeFocused();
  await users.keyboard.press("Shift+Tab");
  await expect(row.getByRole("button", { name: "Disable account" })).toBeFocused();
  await users.keyboard.press("Enter");
  await expect(
    row.getByRole("status").filter({ hasText: `${name} is disabled and signed out everywhere.` }),
  ).toBeVisible();
  await expect(row.getByTestId("account-status")).toContainText("Disabled");
  await expect(users.getByRole("button", { name: `Enable ${name}` })).toBeFocused();

  // Dana's next click, in the browser where she is still signed in, ends at sign-in.
  await dana.page.getByRole("link", { name: "Activity" }).click();
  await expectSignInPage(dana.page);
  // Same answer as a wrong password.
  await dana.page.getByLabel("E-mail").fill(account.email);
  await dana.page.getByLabel("Password").fill(account.password);
  await dana.page.getByRole("button", { name: "Sign in" }).click();
  await expect(dana.page.locator(".alert.error")).toHaveText(
    "That e-mail and password do not match an active account.",
  );

  // Enabled again: Dana signs in anew.
  await users.getByRole("button", { name: `Enable ${name}` }).click();
  await expect(
    row.getByRole("status").filter({ hasText: `${name} can sign in again.` }),
  ).toBeVisible();
  await expect(row.getByTestId("account-status")).toHaveText("Active");
  await signIn(dana.page, account);
  await expect(dana.page.getByRole("banner")).toContainText(name);

  await dana.context.close();
  await admin.context.close();
});
