import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { ArticlePage } from "./pages/article-page";
import { EditorPage } from "./pages/editor-page";
import { DEMO, signIn } from "./pages/session";

/**
 * Issue 10, "labels tell the truth": an editor cuts the demo article's "Even though …" paragraph
 * and pastes it at the end, with the mouse, the keyboard and the clipboard, and saves. Its
 * claims are "moved" (not "same text, same place"), in the claim list, the claim panel, its
 * history and on the Compare page; a claim in a paragraph that stayed is still exact.
 */
const SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";
// The fixture read as text (lib/entry/demo/seed.ts itself is server-only): its paragraphs are
// separated by blank lines, as the seed splits them.
const PARAGRAPH =
  fs
    .readFileSync(
      path.join(import.meta.dirname, "../../lib/entry/demo/stem-cell-kidney-failure.txt"),
      "utf8",
    )
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p.startsWith("Even though")) ?? "";
const MOVED = "no toxicity and rejection reaction";
const BESIDE = "it still has some side effects or risks";
// Phrases no other spec claims or edits: the demo workspace is shared by the whole run.
const STAYED = "When stem cells are injected or transplanted into the body";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function createClaim(page: Page, article: ArticlePage, phrase: string) {
  await article.selectWithMouse(phrase);
  await expect(article.selectionBar()).toContainText(phrase);
  await page.keyboard.press("c");
  const heading = article.claimPanel.getByRole("heading", { name: /^Claim \d+$/ });
  await expect(article.claimPanel).toContainText(`“${phrase}”`);
  const number = Number((await heading.textContent())?.replace("Claim ", ""));
  await article.claimPanel.getByRole("button", { name: "All claims" }).click();
  return number;
}

test("a claim in a paragraph cut and pasted elsewhere is moved, not exact", async ({ page }) => {
  expect(PARAGRAPH).toContain(MOVED);
  await signIn(page, DEMO.editor);
  const article = new ArticlePage(page);
  await article.open(SLUG);
  const moved = await createClaim(page, article, MOVED);
  const beside = await createClaim(page, article, BESIDE);
  const stayed = await createClaim(page, article, STAYED);
  const list = page.getByRole("list", { name: "Claims" });
  const item = (n: number) => list.getByRole("button", { name: new RegExp(`Claim ${n}\\b`) });
  // Before the edit every claim is in its place: no anchor badge.
  await expect(item(moved)).not.toContainText("Moved");

  // Cut the paragraph, remove the empty one left behind, paste it at the end.
  await page.getByRole("link", { name: "Edit text" }).click();
  const editor = new EditorPage(page);
  await editor.expectOpen();
  const paragraphs = editor.text.locator("p");
  const count = await paragraphs.count();
  await editor.selectWithMouse(PARAGRAPH);
  await page.keyboard.press("Control+x");
  await expect(editor.text).not.toContainText("Even though");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Control+End");
  // The browser reports a caret moved by the keyboard with an asynchronous "selectionchange";
  // until the editor has read it, Enter and paste land where the caret was (the cut).
  await expect
    .poll(() =>
      page.evaluate(() => {
        const s = window.getSelection();
        const last = document.querySelector("[data-testid='article-editor'] p:last-of-type");
        return Boolean(s?.focusNode && last?.contains(s.focusNode));
      }),
    )
    .toBe(true);
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+v");
  await expect(paragraphs.last()).toHaveText(PARAGRAPH);
  await expect(editor.text.locator("p", { hasText: "Even though" })).toHaveCount(1);
  await expect(paragraphs).toHaveCount(count);
  await editor.save("Move the risks paragraph to the end");
  await expect(page.getByTestId("revision-saved")).toBeVisible();
  const revision = Number(
    (await page.getByTestId("revision-saved").textContent())?.match(/Revision (\d+)/)?.[1],
  );

  // The claim list: a badge in words for the moved claims, none for the one that stayed.
  await expect(item(moved)).toContainText("Moved");
  await expect(item(beside)).toContainText("Moved");
  await expect(item(stayed)).not.toContainText("Moved");

  // The claim panel says it in words, and the history tells when.
  await item(moved).click();
  const state = article.claimPanel.getByTestId("anchor-state");
  await expect(state).toContainText("Anchor: Same text, moved.");
  await expect(state).toContainText("in another place than in the previous revision");
  await article.claimPanel.getByText("History", { exact: true }).click();
  await expect(article.claimPanel.getByRole("list", { name: "Claim history" })).toContainText(
    `re-anchored the claim in revision ${revision}: moved (same words, another place)`,
  );
  await article.claimPanel.getByRole("button", { name: "All claims" }).click();
  await item(stayed).click();
  await expect(article.claimPanel.getByTestId("anchor-state")).toContainText(
    "Anchor: Same text, same place.",
  );
  await article.claimPanel.getByRole("button", { name: "All claims" }).click();

  // The Compare page agrees.
  await page.getByRole("link", { name: "Compare revisions" }).click();
  await expect(page.getByLabel("Newer revision")).toHaveValue(String(revision));
  const anchors = page.getByRole("list", { name: "Claims and their anchors" });
  const compared = (n: number) =>
    anchors
      .getByRole("listitem")
      .filter({ has: page.locator("strong", { hasText: new RegExp(`^Claim ${n}$`) }) });
  await expect(compared(moved)).toContainText("Same text, moved");
  await expect(compared(beside)).toContainText("Same text, moved");
  await expect(compared(stayed)).toContainText("Same text, same place");
});
