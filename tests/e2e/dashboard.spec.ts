import { expect, type Locator, type Page, test } from "@playwright/test";
import { parseCsv } from "../helpers/csv";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * Issue 14, part 5: an editor reads the demo desk's dashboard — each chart against its own data
 * table and CSV, and against a claim the reviewer resolves on the demo article meanwhile; the
 * filter form narrows the figures; and the page works with JavaScript off.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
const PHRASE = "stem cell therapy has no toxicity and rejection reaction";

const figure = (page: Page, name: string) => page.getByTestId(`fig-${name}`);

/** A figure's data table as { first cell: last cell } (label → count). */
async function tableCounts(section: Locator): Promise<Record<string, number>> {
  const rows = section.locator("table tbody tr");
  const out: Record<string, number> = {};
  for (const row of await rows.all()) {
    const label = (await row.locator("th").textContent())?.trim() ?? "";
    const last = (await row.locator("td").last().textContent())?.trim() ?? "";
    out[label] = Number(last);
  }
  return out;
}

/** The bars the SVG draws, as { label: value }, read from the drawing itself. */
async function barCounts(section: Locator): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const bar of await section.locator("svg g.chart-bar").all()) {
    const label = (await bar.locator("text").first().textContent())?.trim() ?? "";
    out[label] = Number(await bar.getAttribute("data-value"));
  }
  return out;
}

/** A figure's CSV, fetched with the page's cookies from its own "Download CSV" link. */
async function csvOf(page: Page, section: Locator) {
  const href = await section.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
  const response = await page.request.get(href ?? "");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="claimdesk-/);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = await response.text();
  return { href: href ?? "", rows: parseCsv(text.replace(/^\uFEFF/, "")) };
}

/** A two-column CSV (label, count) past its header, as { label: count }. */
const csvCounts = (rows: string[][]) =>
  Object.fromEntries(rows.slice(1).map(([k, v]) => [k ?? "", Number(v)]));

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

test("the dashboard's figures match its tables, its CSV and the demo article's claims", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const page = editor.page;

  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  // Before: from the CSV, which lists every row even when the page shows an empty state.
  const before = csvCounts((await csvOf(page, figure(page, "verdicts"))).rows);
  const statusesBefore = csvCounts((await csvOf(page, figure(page, "statuses"))).rows);

  // The reviewer resolves the demo's canonical claim as Misleading on the demo article.
  const article = new ArticlePage(reviewer.page);
  await article.open(SLUG);
  await article.selectWithMouse(PHRASE);
  await expect(article.selectionBar()).toContainText(PHRASE);
  await reviewer.page.keyboard.press("c");
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(heading).toBeVisible();
  const n = Number((await heading.textContent())?.replace("Claim ", ""));
  await article.claimPanel.getByLabel("Status").selectOption("resolved");
  await article.claimPanel.getByLabel("Verdict").selectOption("misleading");
  await article.claimPanel
    .getByLabel("Rationale")
    .fill("Rejection and side effects are documented.");
  await article.claimPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(article.claimPanel.getByText("Saved.")).toBeVisible();
  await expect(article.highlight(`Claim ${n}: Misleading`)).toBeVisible();

  // The editor reloads: one more Misleading and one more Resolved claim, nothing else moved.
  await page.reload();
  const verdicts = figure(page, "verdicts");
  const after = await tableCounts(verdicts);
  expect(after).toEqual({ ...before, Misleading: (before.Misleading ?? 0) + 1 });
  const statuses = await tableCounts(figure(page, "statuses"));
  expect(statuses).toEqual({ ...statusesBefore, Resolved: (statusesBefore.Resolved ?? 0) + 1 });
  // The drawing, the summary, the table and the CSV say the same.
  expect(await barCounts(verdicts)).toEqual(after);
  await expect(figure(page, "verdicts-summary")).toContainText(`${total(after)} claim`);
  const csv = await csvOf(page, verdicts);
  expect(csv.rows[0]).toEqual(["Verdict", "Claims"]);
  expect(csvCounts(csv.rows)).toEqual(after);
  // Time to verdict has this week's verdict; workload and the article states have their tables.
  const time = figure(page, "time-to-verdict");
  await expect(time.locator("svg g.chart-point").first()).toBeVisible();
  const weeks = await time.locator("table tbody tr").count();
  expect((await csvOf(page, time)).rows).toHaveLength(weeks + 1);
  const states = await tableCounts(figure(page, "articles"));
  expect(total(states)).toBeGreaterThanOrEqual(1);
  expect(await barCounts(figure(page, "articles"))).toEqual(states);
  // The seed dates the demo article's review 13 months back: it is overdue.
  await expect(figure(page, "overdue").locator("table")).toContainText(
    /How does stem cell therapy treat kidney failure/i,
  );

  // The filter narrows: a range in the past has no claims; today's has this claim among them.
  await page.getByLabel("From (UTC)").fill("2001-01-01");
  await page.getByLabel("To (UTC, included)").fill("2001-01-31");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/from=2001-01-01/);
  await expect(figure(page, "verdicts-empty")).toHaveText("No claims in this range.");
  await expect(figure(page, "time-to-verdict-empty")).toHaveText(
    "No verdicts given in this range.",
  );
  const emptyCsv = await csvOf(page, figure(page, "verdicts"));
  expect(emptyCsv.href).toContain("from=2001-01-01");
  expect(emptyCsv.rows.slice(1).every(([, v]) => v === "0")).toBe(true);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From (UTC)").fill(today);
  await page.getByLabel("To (UTC, included)").fill(today);
  await page.getByRole("button", { name: "Apply filters" }).click();
  // Read today's figures only once they are on the page (not the 2001 range's, still showing).
  await expect(page).toHaveURL(new RegExp(`from=${today}`));
  await expect(figure(page, "verdicts-empty")).toHaveCount(0);
  const todays = await tableCounts(figure(page, "verdicts"));
  expect(todays.Misleading).toBeGreaterThanOrEqual(1);
  expect(total(todays)).toBeLessThanOrEqual(total(after));

  // A bad range is refused next to its field; the dates typed stay.
  await page.getByLabel("From (UTC)").fill("2026-02-01");
  await page.getByLabel("To (UTC, included)").fill("2026-01-01");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expect(page.getByLabel("From (UTC)")).toHaveValue("2026-02-01");

  // With JavaScript off (the editor's session in a second context): the charts are there as
  // drawn on the server, and the GET form still filters.
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await editor.context.storageState(),
  });
  const plain = await noJs.newPage();
  await plain.goto("/dashboard");
  await expect(plain.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const plainVerdicts = figure(plain, "verdicts");
  await expect(plainVerdicts.getByRole("img", { name: /Claims by verdict/ })).toBeVisible();
  expect(await tableCounts(plainVerdicts)).toEqual(after);
  expect(await barCounts(plainVerdicts)).toEqual(after);
  await plain.getByLabel("From (UTC)").fill("2001-01-01");
  await plain.getByLabel("To (UTC, included)").fill("2001-01-31");
  await plain.getByRole("button", { name: "Apply filters" }).click();
  await expect(plain).toHaveURL(/to=2001-01-31/);
  await expect(figure(plain, "verdicts-empty")).toHaveText("No claims in this range.");

  await noJs.close();
  await editor.context.close();
  await reviewer.context.close();
});
