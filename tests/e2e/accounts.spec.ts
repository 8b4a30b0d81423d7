import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  chooseNewPassword,
  contextAs,
  DEMO,
  signIn,
  signInChoosingPassword,
} from "./pages/session";

/**
 * Accounts in a real browser: your own password (other devices signed out, this one not), an
 * admin's reset to a temporary password that must be replaced at the next sign-in, a locked
 * account unlocked by an admin, and the workspace settings. Each test makes its own account, so
 * no demo account that other specs use is changed, locked or signed out.
 */

const TEMPORARY = "a temporary password";
const OWN = "my very own password";

/** Adds a reviewer on the Users page; returns their e-mail and temporary password. */
async function addUser(admin: Page, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}@example.org`;
  await admin.goto("/admin/users");
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Temporary password").fill(TEMPORARY);
  await admin.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(
    admin.getByRole("status").filter({ hasText: `${name} can now sign in as Reviewer` }),
  ).toBeVisible();
  return { email, password: TEMPORARY };
}

const userRow = (admin: Page, email: string) =>
  admin.getByRole("table").getByRole("row").filter({ hasText: email });

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

const expectSignInPage = (page: Page) =>
  expect(page.getByRole("heading", { name: "Sign in to Claimdesk" })).toBeVisible();

test("a new user chooses their password, then changes it: other devices are signed out, this one is not", async ({
  browser,
}) => {
  const admin = await contextAs(browser, DEMO.admin);
  const account = await addUser(admin.page, "Paula Password");

  // First sign-in: the temporary password leads to "Choose a new password", and nowhere else.
  const laptop = await newPage(browser);
  await laptop.page.goto("/signin");
  await laptop.page.getByLabel("E-mail").fill(account.email);
  await laptop.page.getByLabel("Password").fill(account.password);
  await laptop.page.getByRole("button", { name: "Sign in" }).click();
  await expect(laptop.page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await laptop.page.goto("/my-claims");
  await expect(laptop.page).toHaveURL(/\/choose-password$/);
  await chooseNewPassword(laptop.page, TEMPORARY, OWN);

  // Signed in on a second device too.
  const phone = await newPage(browser);
  await signIn(phone.page, { email: account.email, password: OWN });

  // On the laptop, the account page: a wrong current password is refused next to its field.
  await laptop.page.getByRole("link", { name: "Paula Password" }).click();
  await expect(laptop.page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await laptop.page.getByLabel("Current password").fill("not my password");
  await laptop.page.getByLabel("New password", { exact: true }).fill("my newest password");
  await laptop.page.getByLabel("New password again").fill("my newest password");
  await laptop.page.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.page.getByText("That is not your current password.")).toBeVisible();

  await laptop.page.getByLabel("Current password").fill(OWN);
  await laptop.page.getByLabel("New password", { exact: true }).fill("my newest password");
  await laptop.page.getByLabel("New password again").fill("my newest password");
  await laptop.page.getByRole("button", { name: "Change password" }).click();
  await expect(
    laptop.page.getByRole("status").filter({ hasText: "Password changed" }),
  ).toBeVisible();

  // The laptop stays signed in; the phone is signed out on its next click.
  await laptop.page.getByRole("link", { name: "Activity" }).click();
  await expect(laptop.page.getByRole("heading", { name: "Activity" })).toBeVisible();
  await laptop.page.goto("/articles");
  await expect(laptop.page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await phone.page.getByRole("link", { name: "Activity" }).click();
  await expectSignInPage(phone.page);
  await signIn(phone.page, { email: account.email, password: "my newest password" });

  // Name and credentials on the same page.
  await laptop.page.goto("/account");
  await laptop.page.getByLabel("Display name").fill("Dr Paula Password");
  await laptop.page.getByLabel("Credentials", { exact: true }).fill("MD, nephrologist");
  await laptop.page.getByRole("button", { name: "Save profile" }).click();
  await expect(laptop.page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(laptop.page.getByRole("banner")).toContainText("Dr Paula Password");
  await admin.page.reload();
  await expect(userRow(admin.page, account.email)).toContainText("MD, nephrologist");

  for (const c of [admin, laptop, phone]) await c.context.close();
});

test("an admin resets a user's password: the user is signed out and must choose a new one", async ({
  browser,
}) => {
  const admin = await contextAs(browser, DEMO.admin);
  const account = await addUser(admin.page, "Rory Reset");
  const rory = await newPage(browser);
  await signInChoosingPassword(rory.page, account, OWN);

  const row = userRow(admin.page, account.email);
  await row.locator("summary", { hasText: "Edit" }).click();
  await row.getByLabel("Replacement password").fill("short");
  await row.getByRole("button", { name: "Reset password" }).click();
  await expect(row.getByText("Password needs at least 10 characters.")).toBeVisible();
  await row.getByLabel("Replacement password").fill("given by the admin");
  await row.getByRole("button", { name: "Reset password" }).click();
  await expect(
    row.getByRole("status").filter({ hasText: "must choose a new password at the next sign-in" }),
  ).toBeVisible();
  await expect(row.getByTestId("account-status")).toContainText("Temporary password");

  // Rory's session ended; the old password no longer works, the temporary one leads to the
  // forced change, and after it the workspace opens again.
  await rory.page.getByRole("link", { name: "Activity" }).click();
  await expectSignInPage(rory.page);
  await rory.page.getByLabel("E-mail").fill(account.email);
  await rory.page.getByLabel("Password").fill(OWN);
  await rory.page.getByRole("button", { name: "Sign in" }).click();
  await expect(rory.page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await signInChoosingPassword(
    rory.page,
    { email: account.email, password: "given by the admin" },
    "rory's second password",
  );
  await admin.page.reload();
  await expect(userRow(admin.page, account.email).getByTestId("account-status")).toHaveText(
    "Active",
  );

  for (const c of [admin, rory]) await c.context.close();
});

test("an admin sees an account locked by failed sign-ins and unlocks it", async ({ browser }) => {
  const admin = await contextAs(browser, DEMO.admin);
  const account = await addUser(admin.page, "Lou Locked");
  const lou = await newPage(browser);
  await signInChoosingPassword(lou.page, account, OWN);
  await lou.context.clearCookies();

  const attempt = async (password: string) => {
    await lou.page.goto("/signin");
    await lou.page.getByLabel("E-mail").fill(account.email);
    await lou.page.getByLabel("Password").fill(password);
    await lou.page.getByRole("button", { name: "Sign in" }).click();
  };
  // The per-account limit is the default, 5 failures in 15 minutes.
  for (let i = 0; i < 5; i++) {
    await attempt("a wrong password");
    await expect(lou.page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  }
  await attempt(OWN);
  await expect(lou.page.getByRole("alert").filter({ hasText: "Too many attempts" })).toBeVisible();

  await admin.page.reload();
  const row = userRow(admin.page, account.email);
  await expect(row.getByTestId("account-status")).toContainText("Locked");
  await row.getByRole("button", { name: "Unlock Lou Locked" }).click();
  await expect(row.getByTestId("account-status")).not.toContainText("Locked");
  await expect(row.getByRole("button", { name: "Unlock Lou Locked" })).toHaveCount(0);

  await signIn(lou.page, { email: account.email, password: OWN });

  // The audit log says it in words.
  await admin.page.goto("/admin/audit");
  await admin.page.getByLabel("Action").selectOption({ label: "Unlocked an account" });
  await admin.page.getByRole("button", { name: "Apply filters" }).click();
  await expect(
    admin.page.getByRole("table", { name: "Audit events" }).getByRole("row").nth(1),
  ).toContainText("User Lou Locked");

  for (const c of [admin, lou]) await c.context.close();
});

test("the settings page saves, refusing a URL that is not http(s)", async ({ browser }) => {
  const admin = await contextAs(browser, DEMO.admin);
  const page = admin.page;
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const name = page.getByLabel("Organization name");
  const original = await name.inputValue();

  await name.fill("Kidney Health Desk");
  await page.getByLabel("Public base URL").fill("javascript:alert(1)");
  await page.getByLabel("Default review interval (months)").fill("6");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(
    page.getByText("Public base URL must start with http:// or https://."),
  ).toBeVisible();
  await expect(page.getByLabel("Public base URL")).toHaveAttribute("aria-invalid", "true");
  // What was typed stays.
  await expect(name).toHaveValue("Kidney Health Desk");

  await page.getByLabel("Public base URL").fill("https://read.example.org/");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Organization name")).toHaveValue("Kidney Health Desk");
  await expect(page.getByLabel("Public base URL")).toHaveValue("https://read.example.org");
  await expect(page.getByLabel("Default review interval (months)")).toHaveValue("6");
  await expect(page.getByLabel("Public pages are on")).toBeChecked();

  // Put the demo's name back for the specs after this one.
  await page.getByLabel("Organization name").fill(original);
  await page.getByLabel("Public base URL").fill("");
  await page.getByLabel("Default review interval (months)").fill("12");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await admin.context.close();
});
