import { expect, type Locator, type Page } from "@playwright/test";

/** The annotation import page of one article: choose or paste a file, import, read the result. */
export class AnnotationsPage {
  readonly file: Locator;
  readonly json: Locator;
  readonly importButton: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.file = page.getByLabel("Annotations file");
    this.json = page.getByLabel("Annotations JSON");
    this.importButton = page.getByRole("button", { name: "Import", exact: true });
    this.summary = page.getByTestId("import-summary");
  }

  async expectOpen() {
    await expect(this.page.getByRole("heading", { name: "Import annotations" })).toBeVisible();
  }

  /** The result row of the annotation whose quote contains `quote`. */
  outcome(quote: string) {
    return this.page.getByTestId("import-outcome").filter({ hasText: quote });
  }
}
