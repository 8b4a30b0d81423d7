import { expect, type Locator, type Page } from "@playwright/test";
import { dragAcross } from "./mouse";

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

  /** Selects `phrase` in the article by dragging the mouse across it. */
  async selectWithMouse(phrase: string) {
    await dragAcross(this.page, this.text, phrase);
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
