/**
 * Issue 10, items 12 and 16 in a real browser. Item 12: `callbackUrl` values that a browser
 * would read as another site (tab, LF or CR stripped; backslash read as slash) or that are
 * malformed send a signed-in person to this site's `/` (which shows the articles), both when
 * the sign-in form sends them on and when a signed-in browser opens the sign-in page. Item 16:
 * pages a role may not use answer 403 with the notice, inside the workspace.
 */
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./pages/session";

const DEMO_SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";

/** The probes exactly as they were typed into the address bar. */
const PROBES = [
  "/%09/evil.example/",
  "/%0A/evil.example/",
  "/%0D/evil.example/",
  "/%09%5Cevil.example/",
  "//evil.example",
  "%5C%5Cevil.example",
  "http://127.0.0.1:3200.evil.example/",
];

test("signing in from a hostile callbackUrl lands on this site's articles", async ({
  page,
  baseURL,
}) => {
  await page.goto(`/signin?callbackUrl=${PROBES[0]}`);
  await page.getByLabel("E-mail").fill(DEMO.reviewer.email);
  await page.getByLabel("Password").fill(DEMO.reviewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
});

test("a signed-in browser following each hostile callbackUrl stays on this site", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO.reviewer);
  for (const probe of PROBES) {
    const response = await page.goto(`/signin?callbackUrl=${probe}`);
    expect(response?.status(), probe).toBeLessThan(500);
    await expect(page.getByRole("heading", { name: "Articles" }), probe).toBeVisible();
    expect(new URL(page.url()).origin, probe).toBe(new URL(baseURL ?? "").origin);
    expect(new URL(page.url()).pathname, probe).toBe("/articles");
  }
});

test("pages a role may not use answer 403 with the notice", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  for (const [pathname, notice] of [
    ["/admin/users", "Only admins manage users."],
    ["/articles/new", "Only editors can import articles."],
    [`/articles/${DEMO_SLUG}/edit`, "cannot edit article text"],
  ] as const) {
    const response = await page.goto(pathname);
    expect(response?.status(), pathname).toBe(403);
    await expect(page.getByRole("alert").filter({ hasText: notice }), pathname).toBeVisible();
    // Still the workspace: the person can go on from here.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
});
