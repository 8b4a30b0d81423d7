import { expect, type Locator, type Page } from "@playwright/test";

/** The claims library list (/library): its filters, its table and the editors' import form. */
export class LibraryPage {
  readonly filters: Locator;
  readonly table: Locator;
  readonly importForm: Locator;

  constructor(readonly page: Page) {
    this.filters = page.getByRole("form", { name: "Filters" });
    this.table = page.getByRole("table", { name: "Library entries" });
    this.importForm = page.getByRole("form", { name: "Import into the library" });
  }

  async open(query = "") {
    await this.page.goto(`/library${query}`);
    await expect(this.page.getByRole("heading", { name: "Claims library" })).toBeVisible();
  }

  /** The table row of the entry whose wording contains `text`. */
  row(text: string): Locator {
    return this.table.getByRole("row").filter({ hasText: text });
  }

  /** "Showing 1–50 of N": how many entries the library (or the filters) hold in all. */
  async total(): Promise<number> {
    const status = this.page.getByText(/^Showing \d+–\d+ of \d+$/);
    if ((await status.count()) === 0) return 0;
    const match = /of (\d+)$/.exec((await status.textContent()) ?? "");
    return Number(match?.[1] ?? 0);
  }

  async search(fields: { q?: string; state?: string }) {
    if (fields.q !== undefined) await this.filters.getByLabel("Search").fill(fields.q);
    if (fields.state !== undefined)
      await this.filters.getByLabel("State").selectOption(fields.state);
    await this.filters.getByRole("button", { name: "Apply" }).click();
  }

  /** Pastes `text` into the import form as `format` and presses Import. */
  async importPasted(text: string, format: "ClaimReview" | "Library JSON" = "ClaimReview") {
    await this.importForm.getByLabel("Format").selectOption({
      label: format === "ClaimReview" ? "ClaimReview JSON-LD / HTML page or feed" : "Library JSON",
    });
    await this.importForm.getByLabel("Paste").fill(text);
    await this.importForm.getByRole("button", { name: "Import" }).click();
  }
}
