import { expect, test } from "@playwright/test";
import { FRESH_BASE_URL } from "../../playwright.config";
import { chooseNewPassword } from "./pages/session";

/** First run on an empty workspace (the second e2e server, started without demo data). */
test.use({ baseURL: FRESH_BASE_URL });

test("first run: create the admin, add an editor, change a role; setup then closes", async ({
  page,
  browser,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill("Grace Admin");
  await page.getByLabel("E-mail").fill("grace@example.org");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Password needs at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Grace Admin");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "grace@example.org" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Eli Editor");
  await page.getByLabel("E-mail").fill("eli@example.org");
  await page.getByLabel("Temporary password").fill("eli-temporary-pass");
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Eli Editor can now sign in as Editor" }),
  ).toBeVisible();

  // Demote Eli to reviewer; the change is in effect on Eli's next request.
  await page.getByLabel("Role of Eli Editor").selectOption("reviewer");
  await expect(page.getByLabel("Role of Eli Editor")).toHaveValue("reviewer");
  const eli = await browser.newContext({ baseURL: FRESH_BASE_URL });
  const eliPage = await eli.newPage();
  await eliPage.goto("/signin");
  await eliPage.getByLabel("E-mail").fill("eli@example.org");
  await eliPage.getByLabel("Password").fill("eli-temporary-pass");
  await eliPage.getByRole("button", { name: "Sign in" }).click();
  // An account made by an admin has a temporary password: Eli chooses his own first.
  await chooseNewPassword(eliPage, "eli-temporary-pass", "eli's own long password");
  await expect(eliPage.getByTestId("current-role")).toHaveText("Reviewer");
  await page.getByLabel("Role of Eli Editor").selectOption("editor");
  await expect(page.getByLabel("Role of Eli Editor")).toHaveValue("editor");
  await eliPage.reload();
  await expect(eliPage.getByTestId("current-role")).toHaveText("Editor");
  await eli.close();

  // The last admin cannot demote themself.
  await page.getByLabel("Role of Grace Admin").selectOption("viewer");
  await expect(page.getByRole("alert").filter({ hasText: "last admin" })).toBeVisible();
  await expect(page.getByLabel("Role of Grace Admin")).toHaveValue("admin");

  // Setup is closed now.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/signin|\/articles/);
});
