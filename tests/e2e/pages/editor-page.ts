import { expect, type Locator, type Page } from "@playwright/test";
import { clickAfter, dragAcross } from "./mouse";

/** The article editor (/articles/<slug>/edit), driven with the mouse and keyboard. */
export class EditorPage {
  readonly text: Locator;
  readonly toolbar: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.text = page.getByTestId("article-editor");
    this.toolbar = page.getByRole("toolbar", { name: "Formatting" });
    this.summary = page.getByLabel("Summary of changes");
  }

  async expectOpen() {
    await expect(this.text).toBeVisible();
    await expect(this.toolbar).toBeVisible();
  }

  /** Selects `phrase` in the editor by dragging the mouse across it. */
  async selectWithMouse(phrase: string) {
    await dragAcross(this.page, this.text, phrase);
  }

  /** Puts the caret right after `phrase`, with a click. */
  async clickAfter(phrase: string) {
    await clickAfter(this.page, this.text, phrase);
  }

  /** A claim's highlight: in the editor they are drawn, not buttons, and named by a tooltip. */
  highlight(claimLabel: RegExp | string) {
    return this.text.getByTitle(claimLabel, { exact: true });
  }

  tool(name: string) {
    return this.toolbar.getByRole("button", { name, exact: true });
  }

  async save(summary: string) {
    await this.summary.click();
    await this.page.keyboard.type(summary);
    await this.page.getByRole("button", { name: "Save revision" }).click();
  }
}
