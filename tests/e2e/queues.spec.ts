import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { contextAs, DEMO } from "./pages/session";

const TEXT = `A clinic offers a stem cell programme for kidney patients.

It says the treatment cures kidney failure in three weeks.

Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.`;
const QUOTES = ["cures kidney failure in three weeks", "no toxicity and rejection reaction"];

/** A queue's count as its tab shows it. */
async function queueCount(page: Page, queue: string): Promise<number> {
  return Number.parseInt((await page.getByTestId(`queue-count-${queue}`).textContent()) ?? "", 10);
}

/**
 * Issue 14, part 4: an editor makes a tag, imports an article with two claims, and works them
 * from the Queues page: the unassigned queue counts them, the editor selects both with the
 * keyboard, tags them and assigns them to the reviewer in two bulk actions, and the counts
 * change; a saved filter brings the tagged claims back; the reviewer finds them in "My claims".
 */
test("an editor tags and assigns claims in bulk from the queues; the reviewer gets them", async ({
  browser,
}) => {
  const run = randomUUID().slice(0, 6);
  const tagName = `Kidney ${run}`;
  const title = `Queues ${run}`;
  const editor = await contextAs(browser, DEMO.editor);
  const page = editor.page;

  // A tag for the desk.
  await page.goto("/tags");
  await page.getByLabel("Name").fill(tagName);
  await page.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByRole("status")).toHaveText(`Created the tag “${tagName}”.`);
  // Names are unique whatever their case.
  await page.getByLabel("Name").fill(tagName.toUpperCase());
  await page.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText(`“${tagName}” exists already: choose another name.`)).toBeVisible();

  // An article with two claims, nobody assigned.
  await page.goto("/articles");
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Article text").fill(TEXT);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const article = new ArticlePage(page);
  for (const [i, quote] of QUOTES.entries()) {
    await article.selectWithMouse(quote);
    await article.selectionBar().getByRole("button", { name: "Create claim" }).click();
    await expect(article.claimPanel.getByRole("heading", { name: `Claim ${i + 1}` })).toBeVisible();
    await article.claimPanel.getByRole("button", { name: "All claims" }).click();
  }

  // The article's tags, on a page of their own; its header shows them.
  await page.getByRole("link", { name: "Add tags" }).click();
  await page.getByLabel(tagName).check();
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByRole("status")).toHaveText(`Tags saved: ${tagName}.`);
  await page.getByRole("link", { name: "Back to the article" }).click();
  await expect(page.getByTestId("article-tags").getByRole("link", { name: tagName })).toBeVisible();

  // The queues: the unassigned count includes the two new claims.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Queues" })
    .click();
  await expect(page.getByRole("heading", { name: "Queues", level: 1 })).toBeVisible();
  const unassigned = await queueCount(page, "unassigned");
  expect(unassigned).toBeGreaterThanOrEqual(2);
  await page.getByTestId("queue-unassigned").click();
  await expect(page.getByTestId("queue-unassigned")).toHaveAttribute("aria-current", "page");
  await page.getByLabel("Article").selectOption({ label: title });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/queues\?queue=unassigned&article=queues-[0-9a-f]+$/);
  const list = page.getByTestId("queue-claims");
  const filters = page.getByRole("form", { name: "Filter claims" });
  const bulkBar = page.getByRole("group", { name: "With the selected claims" });
  await expect(list.getByRole("row")).toHaveCount(3);

  // Select both with the keyboard: "select all on this page", toggled with Space.
  const all = page.getByLabel("Select all on this page");
  await all.focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selected-count")).toHaveText("2 claims selected.");
  await bulkBar.getByLabel("Tag").selectOption({ label: tagName });
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tagged" })).toHaveText(
    `Tagged 2 claims “${tagName}”.`,
  );
  await expect(list.getByText(tagName)).toHaveCount(2);
  await expect(page.getByTestId("selected-count")).toHaveText("No claims selected.");

  // One by one this time, then assign to the reviewer.
  await page.getByLabel(/^Select claim 1 in /).check();
  await page.getByLabel(/^Select claim 2 in /).check();
  await expect(page.getByTestId("selected-count")).toHaveText("2 claims selected.");
  await page.getByLabel("Assign to").selectOption({ label: DEMO.reviewer.name });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Assigned" })).toHaveText(
    `Assigned 2 claims to ${DEMO.reviewer.name}.`,
  );
  // The list is updated: the claims left the unassigned queue, and its count went down.
  await expect(page.getByText("No claims match this queue and filter.")).toBeVisible();
  await expect(page.getByTestId("queue-count-unassigned")).toHaveText(String(unassigned - 2));

  // A saved filter: every claim with the tag.
  await page.goto("/queues");
  await filters.getByLabel("Tag").selectOption({ label: tagName });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(list.getByRole("row")).toHaveCount(3);
  const filterName = `Tagged ${run}`;
  await page.getByLabel("Save this filter as").fill(filterName);
  await page.getByRole("button", { name: "Save filter" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(
    `Saved “${filterName}”.`,
  );
  await page.goto("/queues");
  await page.getByRole("link", { name: filterName }).click();
  await expect(page).toHaveURL(/tag=/);
  await expect(list.getByRole("row")).toHaveCount(3);
  await expect(list.getByText(DEMO.reviewer.name)).toHaveCount(2);

  // The reviewer has them in "My claims", in the queue and on the page of that name.
  const reviewer = await contextAs(browser, DEMO.reviewer);
  await reviewer.page.goto("/queues");
  await reviewer.page.getByTestId("queue-mine").click();
  await expect(reviewer.page.getByTestId("queue-mine")).toHaveAttribute("aria-current", "page");
  await reviewer.page.getByLabel("Article").selectOption({ label: title });
  await reviewer.page.getByRole("button", { name: "Apply filters" }).click();
  await expect(reviewer.page.getByTestId("queue-claims").getByRole("row")).toHaveCount(3);
  await reviewer.page.goto("/my-claims");
  const mine = reviewer.page.getByRole("table", { name: "My open claims" });
  await expect(mine.getByRole("row").filter({ hasText: title })).toHaveCount(2);

  await editor.context.close();
  await reviewer.context.close();
});
