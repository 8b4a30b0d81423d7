import { expect, test } from "@playwright/test";
import { LibraryPage } from "./pages/library-page";
import { contextAs, DEMO } from "./pages/session";

/**
 * Issue 12, the library list: an editor imports another fact-checker's ClaimReview by pasting
 * it, finds it as "rated ‹X› by ‹publisher›" by a word of it and by state; a viewer reads the
 * list without the import form; a review without its claim is refused whole. The e2e database is
 * shared by every spec, so this one's claim carries a word of its own and never assumes an empty
 * library.
 */
const WORD = `zorvex${Date.now()
  .toString(36)
  .replace(/\d/g, (d) => "abcdefghij"[Number(d)] ?? "")}`;
const CLAIM = `Drinking ${WORD} root tea reverses kidney failure within a week`;
const PUBLISHER = "Example Health Check";
/** A ClaimReview of `claim` by PUBLISHER, at a URL of its own (`slug`). */
const review = (slug: string, claim: string) =>
  JSON.stringify(
    {
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `https://factcheck.example.org/reviews/${slug}`,
      claimReviewed: claim,
      datePublished: "2024-03-01",
      author: { "@type": "Organization", name: PUBLISHER },
      reviewRating: {
        "@type": "Rating",
        ratingValue: "1",
        bestRating: "5",
        worstRating: "1",
        alternateName: "False",
      },
    },
    null,
    2,
  );
const REVIEW = review(WORD, CLAIM);

test("an editor imports a ClaimReview and finds it; a viewer reads the list without importing", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const library = new LibraryPage(editor.page);
  await library.open();

  await library.importPasted(REVIEW);
  const done = library.importForm.getByRole("status").filter({ hasText: "Imported" });
  await expect(done).toContainText("Imported 1 entry");
  const link = done.getByRole("link", { name: /^K\d+$/ });
  const label = (await link.textContent()) ?? "";
  await expect(link).toHaveAttribute("href", `/library/${label.slice(1)}`);
  // The form is emptied for the next import, and the list above shows the new entry.
  await expect(library.importForm.getByLabel("Paste")).toHaveValue("");
  const row = library.row(CLAIM);
  await expect(row).toBeVisible();
  await expect(row).toContainText(`rated “False” by ${PUBLISHER}`);
  await expect(row.getByRole("link", { name: label })).toHaveAttribute(
    "href",
    `/library/${label.slice(1)}`,
  );
  // Another publisher's rating is never shown as our verdict.
  await expect(row.locator(".badge[class*='verdict-']")).toHaveCount(0);
  await expect(row).toContainText("Current");

  // The same review again: skipped, nothing new.
  await library.importPasted(REVIEW);
  await expect(
    library.importForm.getByRole("status").filter({ hasText: "Nothing new" }),
  ).toContainText("already in the library");

  // Our own entry, from a library JSON file: its verdict is a badge, its tag a filter.
  const OURS = `Daily ${WORD} supplements cure chronic kidney disease`;
  await library.importPasted(
    JSON.stringify([{ id: WORD, text: OURS, verdict: "inaccurate", tags: [`kidney-${WORD}`] }]),
    "Library JSON",
  );
  await expect(
    library.importForm.getByRole("status").filter({ hasText: "Imported" }),
  ).toContainText("Imported 1 entry");
  await expect(library.row(OURS).locator(".badge.verdict-inaccurate")).toHaveText("Inaccurate");
  await library
    .row(OURS)
    .getByRole("link", { name: `kidney-${WORD}` })
    .click();
  await expect(library.filters.getByLabel("Tag")).toHaveValue(`kidney-${WORD}`);
  await expect(library.table.getByRole("row")).toHaveCount(2);
  await expect(library.row(OURS)).toBeVisible();
  await library.open(`?q=${WORD}&verdict=inaccurate`);
  await expect(library.filters.getByLabel("Our verdict")).toHaveValue("inaccurate");
  await expect(library.table.getByRole("row")).toHaveCount(2);
  await expect(library.row(OURS)).toBeVisible();

  // Paged: one entry a page, newest first.
  await library.open(`?q=${WORD}&limit=1`);
  await expect(editor.page.getByText("Showing 1–1 of 2")).toBeVisible();
  await expect(library.row(OURS)).toBeVisible();
  await editor.page.getByRole("link", { name: "Next" }).click();
  await expect(editor.page.getByText("Showing 2–2 of 2")).toBeVisible();
  await expect(library.row(CLAIM)).toBeVisible();
  await expect(editor.page.getByRole("link", { name: "Next" })).toHaveCount(0);
  await editor.page.getByRole("link", { name: "Previous" }).click();
  await expect(editor.page.getByText("Showing 1–1 of 2")).toBeVisible();
  await library.open();

  // Found by a word of its wording (the filters stay filled in), and by state.
  await library.search({ q: `${WORD} root` });
  await expect(editor.page).toHaveURL(new RegExp(`q=${WORD}`));
  await expect(library.filters.getByLabel("Search")).toHaveValue(`${WORD} root`);
  await expect(library.table.getByRole("row")).toHaveCount(2); // header + the entry
  await expect(library.row(CLAIM)).toBeVisible();
  await expect(editor.page.getByText("Showing 1–1 of 1")).toBeVisible();

  await library.search({ state: "withdrawn" });
  await expect(library.filters.getByLabel("State")).toHaveValue("withdrawn");
  await expect(editor.page.getByText("No entries match these filters.")).toBeVisible();
  await library.search({ state: "current" });
  await expect(library.row(CLAIM)).toBeVisible();

  // A bad filter in the URL is said plainly, not a crash.
  await library.open("?dueBefore=someday");
  await expect(library.filters.getByRole("alert")).toContainText("YYYY-MM-DD");
  await expect(
    editor.page.getByText("Correct the filters above to see the library."),
  ).toBeVisible();

  // The viewer reads the list and the entry, with no import form.
  const viewer = await contextAs(browser, DEMO.viewer);
  const asViewer = new LibraryPage(viewer.page);
  await asViewer.open(`?q=${WORD}`);
  await expect(asViewer.row(CLAIM)).toContainText(`rated “False” by ${PUBLISHER}`);
  await expect(viewer.page.getByRole("link", { name: "Export JSON" })).toBeVisible();
  await expect(asViewer.importForm).toHaveCount(0);
  await expect(viewer.page.getByRole("heading", { name: "Import into the library" })).toHaveCount(
    0,
  );

  await viewer.context.close();
  await editor.context.close();
});

test("a file is read in the browser: too large is refused before sending, a page's markup is imported", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const library = new LibraryPage(editor.page);
  await library.open();
  const file = library.importForm.getByLabel("Or choose a file");

  await file.setInputFiles({
    name: "huge.json",
    mimeType: "application/json",
    buffer: Buffer.alloc(5 * 1024 * 1024 + 1, " "),
  });
  await expect(library.importForm.getByRole("alert")).toContainText("the limit is 5 MB");

  const claim = `Gargling ${WORD} salt water cures the flu overnight`;
  const html = `<!doctype html><html><head><title>Review</title>
<script type="application/ld+json">${review(`${WORD}-file`, claim)}</script>
</head><body><h1>Our review</h1></body></html>`;
  await file.setInputFiles({
    name: "review.html",
    mimeType: "text/html",
    buffer: Buffer.from(html),
  });
  await expect(library.importForm.getByRole("alert")).toHaveCount(0);
  await library.importForm.getByRole("button", { name: "Import" }).click();
  await expect(
    library.importForm.getByRole("status").filter({ hasText: "Imported" }),
  ).toContainText("Imported 1 entry");
  await expect(library.row(claim)).toContainText(`rated “False” by ${PUBLISHER}`);

  await editor.context.close();
});

test("a ClaimReview without its claim is refused whole, and the pasted text is kept", async ({
  browser,
}) => {
  const editor = await contextAs(browser, DEMO.editor);
  const library = new LibraryPage(editor.page);
  await library.open();
  const before = await library.total();

  const bad = `[${review(`${WORD}-bad`, `${CLAIM} x${WORD}`)}, {"@type": "ClaimReview"}]`;
  await library.importPasted(bad);
  const alert = library.importForm.getByRole("alert");
  await expect(alert).toContainText("cannot be imported, so nothing was");
  await expect(alert).toContainText("claimReviewed");
  await expect(library.importForm.getByLabel("Paste")).toHaveValue(bad);

  // Nothing was imported: not even the good review in the same paste.
  await library.open();
  expect(await library.total()).toBe(before);
  await library.open(`?q=x${WORD}`);
  await expect(
    editor.page.getByText(/No entries match these filters|The library is empty/),
  ).toBeVisible();

  await editor.context.close();
});
