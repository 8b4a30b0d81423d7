import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { formatDate } from "../../lib/core/export/wording";
import { addMonths, utcDay } from "../../lib/core/review/dates";
import { ArticlePage } from "./pages/article-page";
import { PublicPage } from "./pages/public-page";
import { contextAs, DEMO } from "./pages/session";

/** A harm denial and a cure claim, so the approval needs "no claims needed" or claims. */
const TEXT = `A clinic in Qingdao offers a stem cell programme for kidney patients.

Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.`;
const HARMS_NOTE = "Says “no toxicity”: immune rejection is documented.";

/** The header's overdue count (0 when the badge is not shown). */
async function overdueCount(page: Page): Promise<number> {
  const badge = page.getByTestId("overdue-count");
  return (await badge.count()) === 0
    ? 0
    : Number.parseInt(((await badge.textContent()) ?? "").trim(), 10);
}

/** Sets "Show the article checklist on public pages" as the admin; returns what it was. */
async function setChecklistPublic(page: Page, on: boolean): Promise<boolean> {
  await page.goto("/admin/settings");
  const box = page.getByLabel("Show the article checklist on public pages");
  const was = await box.isChecked();
  await box.setChecked(on);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: /Settings saved|Nothing changed/ }),
  ).toBeVisible();
  return was;
}

/**
 * Issue 13, part 4 and 6: an editor dates an article's last medical review two years back; the
 * "Due for review" queue lists it as overdue and the header counts it. A reviewer fills in the
 * checklist; once approved and published with the workspace showing checklists, the public page
 * shows the review dates (as of the approval) and the checklist.
 */
test("an overdue article is queued and counted; the checklist and dates reach the public page", async ({
  browser,
}) => {
  const title = `Review dates ${randomUUID().slice(0, 8)}`;
  const editor = await contextAs(browser, DEMO.editor);
  const reviewer = await contextAs(browser, DEMO.reviewer);
  const managing = await contextAs(browser, DEMO.managingEditor);
  const admin = await contextAs(browser, DEMO.admin);
  const wasPublic = await setChecklistPublic(admin.page, true);
  try {
    // The editor imports their own article and submits it.
    const asEditor = new ArticlePage(editor.page);
    await editor.page.getByRole("link", { name: "Import article" }).click();
    await editor.page.getByLabel("Title").fill(title);
    await editor.page.getByLabel("Article text").fill(TEXT);
    await editor.page.getByRole("button", { name: "Import" }).click();
    await expect(editor.page.getByRole("heading", { name: title })).toBeVisible();
    const slug = new URL(editor.page.url()).pathname.split("/").at(-1) ?? "";
    await asEditor.transition("Submit for review");
    await expect(asEditor.articleState()).toHaveText("In review");
    const before = await overdueCount(editor.page);
    await expect(editor.page.getByTestId("last-reviewed")).toHaveText("never");

    // Last reviewed two years ago: with the 12-month default, a year overdue.
    const twoYearsAgo = addMonths(utcDay(new Date()), -24);
    await editor.page.getByRole("link", { name: "Set review dates" }).click();
    const form = editor.page.getByRole("form", { name: "Review dates" });
    // A bad interval is refused next to its field; the date typed stays.
    await form.getByLabel("Last medically reviewed").fill(twoYearsAgo);
    await form.getByLabel("Review interval of this article (months)").fill("0");
    await form.getByRole("button", { name: "Save review dates" }).click();
    await expect(form.getByText("The interval must be 1 to 60 months")).toBeVisible();
    await expect(form.getByLabel("Last medically reviewed")).toHaveValue(twoYearsAgo);
    await form.getByLabel("Review interval of this article (months)").fill("");
    await form.getByRole("button", { name: "Save review dates" }).click();
    await expect(form.getByRole("status")).toContainText("Saved. Next review due");
    await editor.page.getByRole("link", { name: "← Back to the review" }).click();
    await expect(editor.page.getByTestId("last-reviewed")).toHaveText(formatDate(twoYearsAgo));
    await expect(editor.page.getByTestId("review-dates")).toContainText("overdue");
    expect(await overdueCount(editor.page)).toBe(before + 1);

    // The queue, from the header: overdue, with the days.
    await editor.page.getByTestId("due-link").click();
    await expect(editor.page.getByRole("heading", { name: "Due for review" })).toBeVisible();
    const row = editor.page.getByTestId("due-overdue").getByRole("row").filter({ hasText: title });
    await expect(row).toContainText(/\d+ days overdue/);
    await expect(row).toContainText("Article");
    await row.getByRole("link", { name: title }).click();
    await expect(editor.page.getByRole("heading", { name: title })).toBeVisible();

    // The reviewer fills in the checklist from the approval area.
    const asReviewer = new ArticlePage(reviewer.page);
    await asReviewer.open(slug);
    await expect(reviewer.page.getByTestId("checklist-summary")).toHaveText(
      "0 of 10 satisfactory, 10 not rated",
    );
    await reviewer.page.getByRole("link", { name: "Fill in the checklist" }).click();
    const checklist = reviewer.page.getByRole("form", { name: "Article checklist" });
    const criterion = (id: string) => checklist.getByTestId(`checklist-${id}`);
    await criterion("harms").getByLabel("Not satisfactory").check();
    await criterion("harms").getByRole("textbox").fill(HARMS_NOTE);
    await criterion("evidence_quality").getByLabel("Satisfactory", { exact: true }).check();
    await criterion("costs").getByLabel("Not applicable").check();
    await criterion("costs").getByRole("textbox").fill("No price is mentioned.");
    await checklist.getByRole("button", { name: "Save the checklist" }).click();
    await expect(checklist.getByRole("status")).toHaveText(
      "Checklist saved: 1 of 10 satisfactory, 1 not applicable, 7 not rated.",
    );
    await reviewer.page.getByRole("link", { name: "← Back to the review" }).click();
    const panel = reviewer.page.getByTestId("checklist-panel");
    await expect(panel.getByTestId("checklist-summary")).toHaveText(
      "1 of 10 satisfactory, 1 not applicable, 7 not rated",
    );
    await expect(panel).toContainText(HARMS_NOTE);

    // The managing editor records the triage, approves (a review: dated today) and publishes.
    const asManaging = new ArticlePage(managing.page);
    await asManaging.open(slug);
    const noClaims = managing.page.getByRole("form", { name: "Reviewed: no claims needed" });
    await noClaims
      .getByLabel("Why no claims are needed")
      .fill("Checked against the checklist; the harm denial is addressed there.");
    await noClaims.getByRole("button", { name: "Record: no claims needed" }).click();
    await expect(managing.page.getByTestId("no-claims-record")).toBeVisible();
    await asManaging.transition("Approve revision");
    await expect(asManaging.articleState()).toHaveText("Approved");
    const today = utcDay(new Date());
    await expect(managing.page.getByTestId("last-reviewed")).toHaveText(formatDate(today));
    const nextDue = (
      (await managing.page.getByTestId("next-review-due").textContent()) ?? ""
    ).trim();
    expect(nextDue).not.toBe("—");
    await asManaging.transition("Publish");
    await expect(asManaging.articleState()).toHaveText("Published");

    // An anonymous reader sees both dates and the checklist.
    const anonymous = await browser.newContext();
    const reader = new PublicPage(await anonymous.newPage());
    await reader.open(slug);
    await expect(reader.page.getByTestId("review-dates")).toHaveText(
      `Medically reviewed ${formatDate(today)} · Next review due ${nextDue}`,
    );
    const table = reader.page.getByRole("region", { name: "Article checklist" });
    await expect(table).toContainText("1 of 10 satisfactory, 1 not applicable, 7 not rated");
    const harms = table.getByRole("row").filter({ hasText: "Does it explain the harms?" });
    await expect(harms.getByRole("cell").first()).toHaveText("Not satisfactory");
    await expect(harms.getByRole("cell").nth(1)).toHaveText(HARMS_NOTE);
    await anonymous.close();
  } finally {
    await setChecklistPublic(admin.page, wasPublic);
    for (const c of [editor, reviewer, managing, admin]) await c.context.close();
  }
});
