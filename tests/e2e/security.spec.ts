import { type APIResponse, expect, type Response, test } from "@playwright/test";
import { collectCspViolations } from "./pages/csp";
import { DEMO, signIn } from "./pages/session";

const DEMO_SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";

/** The CSP's directives, by name. */
function cspOf(res: Response | APIResponse): Map<string, string[]> {
  const header = res.headers()["content-security-policy"];
  expect(header, `CSP on ${res.url()}`).toBeTruthy();
  return new Map(
    (header ?? "").split(";").map((d) => {
      const [name = "", ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

/** The headers every response carries, pages and API alike. */
function expectSecurityHeaders(res: Response | APIResponse) {
  const csp = cspOf(res);
  const scriptSrc = csp.get("script-src") ?? [];
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc.some((s) => /^'nonce-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  const headers = res.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-powered-by"]).toBeUndefined();
}

/** Every `<script>` in the HTML carries this response's nonce (JSON-LD data blocks aside). */
async function expectNonceOnScripts(res: Response | APIResponse) {
  const nonce = (cspOf(res).get("script-src") ?? [])
    .find((s) => s.startsWith("'nonce-"))
    ?.slice("'nonce-".length, -1);
  const html = await res.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) {
    if (tag.includes('type="application/ld+json"')) continue;
    expect(tag).toContain(`nonce="${nonce}"`);
  }
}

test("security headers on the sign-in page, a workspace page and an API route", async ({
  page,
  request,
}) => {
  const signin = await request.get("/signin");
  expect(signin.status()).toBe(200);
  expectSecurityHeaders(signin);
  await expectNonceOnScripts(signin);
  // A new nonce for every response.
  const again = await request.get("/signin");
  expect(cspOf(again).get("script-src")).not.toEqual(cspOf(signin).get("script-src"));

  // Redirects of anonymous visitors carry the headers too.
  const redirect = await request.get(`/articles/${DEMO_SLUG}`, { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect);

  const api = await request.get("/api/health");
  expectSecurityHeaders(api);
  const refused = await request.get(`/api/articles/${DEMO_SLUG}/export?format=html`);
  expect(refused.status()).toBe(401);
  expectSecurityHeaders(refused);

  await signIn(page, DEMO.reviewer);
  const workspace = await page.goto(`/articles/${DEMO_SLUG}`);
  if (!workspace) throw new Error("no response for the article page");
  expectSecurityHeaders(workspace);
  await expectNonceOnScripts(workspace);
});

test("the main pages run under the CSP without a single violation", async ({ page }) => {
  const violations = await collectCspViolations(page);

  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Claimdesk" })).toBeVisible();
  await signIn(page, DEMO.admin);

  // The review page's Tiptap viewer only appears once the client scripts ran.
  await page.goto(`/articles/${DEMO_SLUG}`);
  await expect(page.getByTestId("article-text")).toBeVisible();
  await expect(page.locator(".ProseMirror")).toBeVisible();
  // Downloads are unaffected: the export link still delivers a file.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download annotated HTML" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.html$/);

  await page.goto(`/articles/${DEMO_SLUG}/edit`);
  await expect(page.locator(".ProseMirror[contenteditable='true']")).toBeVisible();
  for (const path of [
    `/articles/${DEMO_SLUG}/revisions`,
    `/articles/${DEMO_SLUG}/annotations`,
    "/articles/new",
    "/my-claims",
    "/admin/users",
    "/admin/settings",
    "/account",
    "/articles",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
  }
  // Client-side navigation (a link in the shell) and a server action's fetch are fine too.
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Claimdesk" })).toBeVisible();

  expect(violations()).toEqual([]);
});

test("too many wrong passwords for one account: a clear wait, same for unknown accounts", async ({
  page,
}) => {
  // A made-up account, so no demo account other specs use is ever locked.
  const email = `nobody-${Date.now()}@example.org`;
  await page.goto("/signin");
  const attempt = async () => {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    return page.locator(".alert.error").textContent();
  };
  for (let i = 0; i < 5; i++) {
    expect(await attempt()).toBe("That e-mail and password do not match an active account.");
  }
  expect(await attempt()).toBe("Too many attempts; try again in 15 minutes.");
  // The lock is per account: another e-mail from the same browser still gets a normal answer.
  await page.getByLabel("E-mail").fill(DEMO.viewer.email);
  await page.getByLabel("Password").fill(DEMO.viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
});
