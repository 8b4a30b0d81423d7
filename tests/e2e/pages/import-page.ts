import { expect, type Locator, type Page } from "@playwright/test";

/** A file as the browser's file chooser hands it over. */
export interface ChosenFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The import form (/articles/new), driven with the mouse and the keyboard. */
export class ImportPage {
  readonly title: Locator;
  readonly file: Locator;
  readonly sourceUrl: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByLabel("Title", { exact: true });
    this.file = page.getByLabel("File", { exact: true });
    this.sourceUrl = page.getByLabel("Source URL");
    this.submit = page.getByRole("button", { name: "Import" });
  }

  /** Follows the "Import article" link from the article list. */
  async open() {
    await this.page.goto("/articles");
    await this.page.getByRole("link", { name: "Import article" }).click();
    await expect(this.page.getByRole("heading", { name: "Import an article" })).toBeVisible();
  }

  /** The field (label, input, hint and messages) around `input`. */
  field(input: Locator): Locator {
    return this.page.locator(".field").filter({ has: input });
  }

  /** Clicks the file field and picks `file` in the chooser that opens. */
  async chooseFileWithMouse(file: ChosenFile) {
    const chooser = this.page.waitForEvent("filechooser");
    await this.file.click();
    await (await chooser).setFiles(file);
  }

  /** Opens the chooser of the focused file field with the space bar and picks `file`. */
  async chooseFileWithKeyboard(file: ChosenFile) {
    await expect(this.file).toBeFocused();
    const chooser = this.page.waitForEvent("filechooser");
    await this.page.keyboard.press("Space");
    await (await chooser).setFiles(file);
  }
}
