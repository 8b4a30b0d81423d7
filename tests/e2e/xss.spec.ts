import { expect, type Page, test } from "@playwright/test";
import {
  csvFormulaCells,
  htmlProblems,
  jsonStrings,
  jsonUrlProblems,
  markdownAsHtml,
  marker,
  readDocx,
  squash,
  visibleText,
  XSS_PAYLOADS,
  type XssPayload,
} from "../helpers/xss";
import { ArticlePage } from "./pages/article-page";
import { PublicPage } from "./pages/public-page";
import { DEMO } from "./pages/session";
import { unprotectedContext } from "./pages/xss-watch";

/**
 * Issue 6, security item 3, in Chromium: the XSS corpus (tests/fixtures/xss/payloads.json)
 * typed into every field people write — the imported article's title, byline, source URL and
 * pasted HTML body, a claim's rationale and suggested correction, an evidence item, a comment
 * and the editor's note — then shown on the review page, the editor, the article list, the
 * activity page, the public page and in every download. No dialog may open, `window.__xss`
 * stays unset, and no handler, `javascript:` URL or foreign element reaches the DOM. The
 * browsers ignore CSP here (`bypassCSP`), so a payload that survived would really run. Every
 * payload goes through every renderer in tests/unit/xss-corpus.test.ts; this is the real path.
 */

// PostgreSQL cannot store a NUL character, so that payload stays in the unit test.
const CORPUS = XSS_PAYLOADS.filter((p) => !p.payload.includes("\u0000"));
// biome-ignore lint/suspicious/noControlCharactersInRegex: single-line fields drop these
const SINGLE_LINE = CORPUS.filter((p) => !/[\u0000-\u001f\u2028\u2029]/.test(p.payload));

/** As many payloads as fit in `max` characters (shortest first), in corpus order. */
function fitting(max: number, from: XssPayload[] = CORPUS, separator = " "): string {
  const chosen = new Set<XssPayload>();
  let length = 0;
  for (const p of [...from].sort((a, b) => a.payload.length - b.payload.length)) {
    const more = p.payload.length + (chosen.size > 0 ? separator.length : 0);
    if (length + more > max) break;
    chosen.add(p);
    length += more;
  }
  return from
    .filter((p) => chosen.has(p))
    .map((p) => p.payload)
    .join(separator);
}

const all = (separator = "\n\n") => CORPUS.map((p) => p.payload).join(separator);
const payload = (test: (p: XssPayload) => boolean) => {
  const found = CORPUS.find(test);
  if (!found) throw new Error("no such payload in the corpus");
  return found.payload;
};

const QUOTE = "no toxicity and rejection reaction";
const TITLE = fitting(300, SINGLE_LINE);
// Payloads that leave an element or comment open swallow what follows them on import: last.
const BODY = [
  `<p>Stem cell therapy has ${QUOTE}, the clinic says.</p>`,
  ...CORPUS.filter((p) => !p.unclosed).map((p) => `<p>${p.payload}</p>`),
  "<p>End of the article.</p>",
  ...CORPUS.filter((p) => p.unclosed).map((p) => p.payload),
].join("\n");
// Valid http(s) URLs that try to close the attribute they are written into.
const BREAKOUT_URL = payload((p) => p.payload.startsWith("https://") && p.payload.includes('"'));
const JAVASCRIPT_URL = payload((p) => p.payload.startsWith("javascript:"));
const DATA_URL = payload((p) => p.payload.startsWith("data:"));
const SCRIPT = payload((p) => p.kind === "script");
const RATIONALE = all();

/** The formats a publication offers, by their link text on the public page. */
const DOWNLOADS = {
  html: "Annotated HTML",
  w3c: "W3C Web Annotation (JSON-LD)",
  claimreview: "ClaimReview (schema.org JSON-LD)",
  md: "Markdown with footnotes",
  csv: "CSV of claims",
  docx: "Word with comments",
} as const;
type Format = keyof typeof DOWNLOADS;

/** A download holds the payloads only as inert text (the checks of the unit test). */
async function checkDownload(format: Format, bytes: Buffer, where: string) {
  const text = bytes.toString("utf8");
  const label = `${format} from ${where}`;
  switch (format) {
    case "html":
      expect(htmlProblems(text, { page: true }), label).toEqual([]);
      // The excerpt holds the whole corpus: every payload reads as the text that was typed.
      for (const p of CORPUS) {
        expect(squash(visibleText(text)), `${label}: payload ${p.id}`).toContain(squash(p.payload));
      }
      return;
    case "md":
      expect(htmlProblems(markdownAsHtml(text)), label).toEqual([]);
      for (const p of CORPUS) expect(text, label).toContain(marker(p));
      return;
    case "csv":
      expect(csvFormulaCells(text), label).toEqual([]);
      return;
    case "w3c":
    case "claimreview": {
      const json: unknown = JSON.parse(text);
      expect(jsonUrlProblems(json), label).toEqual([]);
      expect(jsonStrings(json), label).toContain(RATIONALE);
      return;
    }
    case "docx": {
      const docx = await readDocx(bytes);
      expect(docx.problems, label).toEqual([]);
      expect(docx.runs, label).toContain(TITLE);
      return;
    }
  }
}

/** Sweeps the mouse across each `selector` element, as a reader would (pointer handlers fire). */
async function sweep(page: Page, selector: string) {
  for (const el of await page.locator(selector).all()) {
    await el.scrollIntoViewIfNeeded();
    const box = await el.boundingBox();
    if (!box) continue;
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 15 });
  }
}

test("no payload runs in the workspace, on the public page or in any download", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const editor = await unprotectedContext(browser, DEMO.editor);
  const reviewer = await unprotectedContext(browser, DEMO.reviewer);
  const managing = await unprotectedContext(browser, DEMO.managingEditor);
  const anonymous = await unprotectedContext(browser);

  // The checks can see a payload run: one written into a page unescaped opens its dialog and
  // sets the flag, in spite of a CSP that forbids all script.
  await anonymous.page.setContent(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><img src="x" onerror="window.__xss='control';alert('xss-control')">`,
  );
  await expect
    .poll(() => anonymous.page.evaluate(() => (window as { __xss?: string }).__xss))
    .toBe("control");
  expect(anonymous.watch.takeDialogs()).toEqual([expect.stringContaining("alert xss-control")]);

  // Editor: the import, with payloads in every field and the whole corpus as the HTML body.
  const page = editor.page;
  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title", { exact: true }).fill(TITLE);
  await page.getByLabel("Format").selectOption("html");
  await page.getByLabel("Article text").fill(BODY);
  await page.getByLabel("Source URL").fill(BREAKOUT_URL);
  await page.getByLabel("Original author").fill(fitting(200, SINGLE_LINE));
  await page.getByLabel("Original date").fill(fitting(100, SINGLE_LINE));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/articles\/[^/]+$/);
  const asEditor = new ArticlePage(page);
  await expect(asEditor.text).toContainText("End of the article.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const slug = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  await editor.watch.check("the review page after the import");
  await asEditor.transition("Submit for review");
  await expect(asEditor.articleState()).toHaveText("In review");

  // Reviewer: a claim with the corpus in its rationale, correction, evidence and a comment.
  const asReviewer = new ArticlePage(reviewer.page);
  await asReviewer.open(slug);
  await asReviewer.selectWithMouse(QUOTE);
  await asReviewer.selectionBar().getByRole("button", { name: "Create claim" }).click();
  const panel = asReviewer.claimPanel;
  await expect(panel.getByRole("heading", { name: "Claim 1" })).toBeVisible();

  await panel.getByRole("button", { name: "Add evidence" }).click();
  const evidence = reviewer.page.getByRole("form", { name: "Add evidence" });
  const evidenceTitle = fitting(500, SINGLE_LINE);
  await evidence.getByLabel("Title").fill(evidenceTitle);
  await evidence.getByLabel("Authors").fill(fitting(1000, SINGLE_LINE));
  await evidence.getByLabel("Journal or publisher").fill(fitting(300, SINGLE_LINE));
  await evidence.getByLabel("Excerpt").fill(all());
  await evidence.getByLabel("Stance").selectOption("contradicts");
  await evidence.getByLabel("Study design").selectOption({ label: "Systematic review of RCTs" });
  // Script URLs are refused next to the field, and what was typed stays.
  for (const url of [JAVASCRIPT_URL, DATA_URL]) {
    await evidence.getByLabel("URL", { exact: true }).fill(url);
    await evidence.getByRole("button", { name: "Add evidence" }).click();
    await expect(evidence.getByText("URL must start with http:// or https://.")).toBeVisible();
    await expect(evidence.getByLabel("Title")).toHaveValue(evidenceTitle);
  }
  // A web address that tries to close its attribute, and a DOI holding a script, are accepted.
  await evidence.getByLabel("URL", { exact: true }).fill(BREAKOUT_URL);
  await evidence.getByLabel("DOI").fill(`10.1000/${SCRIPT}`);
  await evidence.getByRole("button", { name: "Add evidence" }).click();
  await expect(panel.getByTestId("evidence-item")).toContainText(evidenceTitle);

  await panel.getByLabel("Status").selectOption("resolved");
  await panel.getByLabel("Verdict").selectOption("inaccurate");
  await panel.getByLabel("Rationale").fill(RATIONALE);
  await panel.getByLabel("Suggested correction").fill(fitting(5000));
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();
  await expect(panel.getByTestId("rationale-html")).toContainText(marker(CORPUS[0] as XssPayload));

  const discussion = panel.getByTestId("comments");
  await discussion.getByLabel("Add a comment").fill(all());
  await discussion.getByRole("button", { name: "Add comment" }).click();
  await expect(discussion.getByTestId("comment")).toHaveCount(1);
  await sweep(reviewer.page, ".ProseMirror, .markdown");
  await reviewer.watch.check("the claim panel");

  // Managing editor: the editor's note lets the inaccurate claim through; approve, publish.
  const asManaging = new ArticlePage(managing.page);
  await asManaging.open(slug);
  await managing.page
    .getByTestId("approval-blockers")
    .getByRole("button", { name: "Claim 1" })
    .click();
  await asManaging.claimPanel.getByLabel("Note to readers").fill(fitting(5000));
  await asManaging.claimPanel.getByRole("button", { name: "Save editor’s note" }).click();
  await expect(managing.page.getByTestId("approval-blockers")).toHaveCount(0);
  await asManaging.transition("Approve revision");
  await expect(asManaging.articleState()).toHaveText("Approved");
  await asManaging.transition("Publish");
  await expect(asManaging.articleState()).toHaveText("Published");
  await asManaging.highlight(/^Claim 1/).click();
  await expect(asManaging.claimPanel.getByTestId("comment")).toHaveCount(1);
  await managing.watch.check("the review page with the claim open");

  // The other pages that show the article's text or title.
  for (const path of [
    `/articles/${slug}/edit`,
    "/articles",
    "/activity",
    `/articles/${slug}/revisions`,
  ]) {
    const response = await managing.page.goto(path);
    expect(response?.status(), path).toBe(200);
    await managing.watch.check(path);
  }

  // The workspace's own downloads of the revision.
  for (const format of Object.keys(DOWNLOADS) as Format[]) {
    const response = await managing.context.request.get(
      `/api/articles/${encodeURIComponent(slug)}/export?format=${format}`,
    );
    expect(response.status(), format).toBe(200);
    await checkDownload(format, await response.body(), "the workspace");
  }

  // An anonymous reader: the public page, then every download; the HTML file opened too.
  const reader = new PublicPage(anonymous.page);
  await reader.open(slug);
  await expect(anonymous.page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(reader.highlight(QUOTE)).toHaveClass(/verdict-inaccurate/);
  await sweep(anonymous.page, "article, .notes");
  await anonymous.watch.check("the public page");
  const files: Partial<Record<Format, Buffer>> = {};
  for (const [format, label] of Object.entries(DOWNLOADS) as [Format, string][]) {
    const file = await reader.download(label);
    await checkDownload(format, file.bytes, "the public page");
    files[format] = file.bytes;
  }
  await anonymous.page.setContent((files.html as Buffer).toString("utf8"));
  await expect(anonymous.page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await sweep(anonymous.page, "article, .notes");
  await anonymous.watch.check("the downloaded HTML file");

  for (const { context } of [editor, reviewer, managing, anonymous]) await context.close();
});
