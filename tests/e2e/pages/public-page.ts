import fs from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";

/** A published article's public page, `/p/<slug>`, as an anonymous reader sees it. */
export class PublicPage {
  readonly article: Locator;
  readonly notes: Locator;

  constructor(readonly page: Page) {
    this.article = page.locator("article");
    this.notes = page.getByRole("region", { name: "Fact-check notes" });
  }

  async open(slug: string) {
    const response = await this.page.goto(`/p/${slug}`);
    expect(response?.status()).toBe(200);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    return response;
  }

  highlight(quote: string) {
    return this.article.locator("mark.claim", { hasText: quote });
  }

  /** The ClaimReview JSON-LD blocks in the head, parsed. */
  async claimReviews(): Promise<{ "@type": string; url: string; claimReviewed: string }[]> {
    const blocks = await this.page
      .locator('head script[type="application/ld+json"]')
      .allTextContents();
    return blocks.flatMap((text) => JSON.parse(text));
  }

  /** Clicks a download link of the page and returns the file's name and bytes. */
  async download(label: string): Promise<{ name: string; bytes: Buffer }> {
    const downloads = this.page.getByRole("navigation", { name: "Downloads" });
    const pending = this.page.waitForEvent("download");
    await downloads.getByRole("link", { name: label, exact: true }).click();
    const download = await pending;
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  }
}
