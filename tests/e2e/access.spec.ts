import { expect, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO, signIn } from "./pages/session";

const DEMO_SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";

test("anonymous visitors are sent to sign-in and the API refuses them", async ({
  page,
  request,
}) => {
  await page.goto(`/articles/${DEMO_SLUG}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to Claimdesk" })).toBeVisible();
  // The demo's sign-in page lists the demo accounts.
  await expect(page.getByRole("cell", { name: DEMO.reviewer.email })).toBeVisible();

  const res = await request.get(`/api/articles/${DEMO_SLUG}/export?format=html`);
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthenticated");

  // A spoofed middleware header gets no further (CVE-2025-29927).
  const spoofed = await request.get(`/api/articles/${DEMO_SLUG}/export?format=html`, {
    headers: {
      "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
    },
  });
  expect(spoofed.status()).toBe(401);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(DEMO.reviewer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
});

test("a viewer replaying the reviewer's create-claim server action is refused", async ({
  browser,
}) => {
  // The reviewer creates a claim; we record the server action request the browser sends.
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const article = new ArticlePage(reviewer.page);
  await article.open(DEMO_SLUG);
  const actionRequest = reviewer.page.waitForRequest(
    (r) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await article.selectWithMouse("recovery completely");
  await reviewer.page.keyboard.press("c");
  const recorded = await actionRequest;
  await expect(article.claimPanel.getByRole("heading", { name: /Claim \d+/ })).toBeVisible();

  // The same request, with the viewer's session instead.
  const viewer = await contextAs(browser, DEMO.viewer);
  const headers = { ...recorded.headers() };
  delete headers.cookie;
  const replay = await viewer.context.request.post(recorded.url(), {
    headers,
    data: recorded.postData() ?? "",
  });
  const body = await replay.text();
  expect(body).toContain('"code":"forbidden"');
  expect(body).not.toContain('"ok":true');

  // Nothing was added: the reviewer still sees exactly one claim on "recovery completely".
  await reviewer.page.reload();
  await expect(
    reviewer.page.getByRole("list", { name: "Claims" }).getByText("“recovery completely”"),
  ).toHaveCount(1);
  await reviewer.context.close();
  await viewer.context.close();
});

test("roles are read from the database: a viewer sees no review controls", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await expect(page.getByTestId("current-role")).toHaveText("Viewer");
  await expect(page.getByRole("link", { name: "Import article" })).toHaveCount(0);
  await page.goto("/articles/new");
  await expect(page.getByText("Only editors can import articles.")).toBeVisible();
});
