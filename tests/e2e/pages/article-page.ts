import { expect, type Locator, type Page } from "@playwright/test";

/** The review page of one article, driven with the mouse and keyboard. */
export class ArticlePage {
  readonly text: Locator;
  readonly claimPanel: Locator;

  constructor(readonly page: Page) {
    this.text = page.getByTestId("article-text");
    this.claimPanel = page.getByTestId("claim-panel");
  }

  async open(slug: string) {
    await this.page.goto(`/articles/${slug}`);
    await expect(this.text).toBeVisible();
  }

  /**
   * Selects `phrase` in the article by dragging the mouse across it. Only the phrase's screen
   * coordinates are read from the page; the selection itself is a real mouse drag.
   */
  async selectWithMouse(phrase: string) {
    const box = await this.text.evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        range.startContainer.parentElement?.scrollIntoView({ block: "center" });
        const rects = Array.from(range.getClientRects());
        const first = rects[0];
        const last = rects[rects.length - 1];
        if (!first || !last) return null;
        return {
          x1: first.left + 1,
          y1: first.top + first.height / 2,
          x2: last.right - 1,
          y2: last.top + last.height / 2,
        };
      }
      return null;
    }, phrase);
    if (!box) throw new Error(`"${phrase}" is not in the article`);
    await this.page.mouse.move(box.x1, box.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
    await this.page.mouse.move(box.x2, box.y2, { steps: 5 });
    await this.page.mouse.up();
  }

  selectionBar() {
    return this.page.getByRole("region", { name: "Selected text" });
  }

  highlight(claimLabel: RegExp | string) {
    return this.text.getByRole("button", { name: claimLabel });
  }

  async transition(label: string) {
    await this.page.getByRole("button", { name: label }).click();
  }

  articleState() {
    return this.page.getByTestId("article-state");
  }
}
