import { expect, test } from "@playwright/test";
import { buildDocx, paragraph, run } from "../helpers/docx";
import { ArticlePage } from "./pages/article-page";
import { ImportPage } from "./pages/import-page";
import { DEMO, signIn } from "./pages/session";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const DOCX = {
  name: "kidney-clinic.docx",
  mimeType: DOCX_TYPE,
  buffer: Buffer.from(
    buildDocx([
      paragraph(run("Kidney clinic claims (docx import)"), { style: "Title" }),
      paragraph(
        run("Stem cell therapy has ") +
          run("no toxicity and rejection reaction", { bold: true }) +
          run(", the clinic says."),
      ),
    ]),
  ),
};

const HTML = {
  name: "saved-page.html",
  mimeType: "text/html",
  buffer: Buffer.from(
    `<!doctype html><html><head><title>Clinic blog</title>
     <script>document.title = "pwned"</script></head><body>
     <h1>Cure claims (html import)</h1>
     <p onclick="alert(1)">This tea <em>cures</em> cancer, says
       <a href="https://clinic.example/tea">the clinic</a>
       and <a href="javascript:alert(1)">this link</a>.</p>
     <img src="x" onerror="document.title='pwned'">
     </body></html>`,
  ),
};

/**
 * An editor imports a Word file with the mouse and a saved web page with the keyboard; a
 * damaged file and an oversized one are refused with a message next to the file field, and
 * what was typed stays.
 */
test("editor uploads .docx and .html files; bad files get a message next to the field", async ({
  page,
}) => {
  await signIn(page, DEMO.editor);
  const form = new ImportPage(page);
  await form.open();

  // A damaged .docx: refused by the server, next to the field; the typed title stays.
  await form.title.fill("Typed before the error");
  await page.getByRole("radio", { name: "Upload a file" }).click();
  await form.chooseFileWithMouse({
    name: "broken.docx",
    mimeType: DOCX_TYPE,
    buffer: Buffer.from("This is not a Word document."),
  });
  await form.submit.click();
  const fileField = form.field(form.file);
  await expect(fileField.getByRole("alert")).toHaveText(
    /This \.docx file could not be read: it is damaged or not really a Word document/,
  );
  await expect(form.file).toHaveAttribute("aria-invalid", "true");
  await expect(form.file).toBeFocused();
  await expect(form.title).toHaveValue("Typed before the error");

  // An oversized file: refused in the browser, before any upload.
  await form.chooseFileWithMouse({
    name: "huge.txt",
    mimeType: "text/plain",
    buffer: Buffer.alloc(2 * 1024 * 1024 + 1, "a"),
  });
  await form.submit.click();
  await expect(fileField.getByRole("alert")).toHaveText("The file is 2.1 MB; the limit is 2 MB.");

  // The Word file, with the mouse; an empty title takes the document's own.
  await form.title.fill("");
  await form.chooseFileWithMouse(DOCX);
  await form.submit.click();
  await expect(page).toHaveURL(/\/articles\/kidney-clinic-claims-docx-import$/);
  // The page's heading; the document's own first heading, kept in the text, says the same.
  await expect(
    page.getByRole("heading", { name: "Kidney clinic claims (docx import)" }).first(),
  ).toBeVisible();
  const article = new ArticlePage(page);
  await expect(article.text).toContainText(
    "Stem cell therapy has no toxicity and rejection reaction, the clinic says.",
  );
  await expect(article.text.locator("strong")).toHaveText("no toxicity and rejection reaction");

  // The web page, with the keyboard only: title → source (arrow keys) → file → source URL → Enter.
  await form.open();
  await form.title.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Paste text" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Upload a file" })).toBeChecked();
  await page.keyboard.press("Tab");
  await form.chooseFileWithKeyboard(HTML);
  await page.keyboard.press("Tab");
  await expect(form.sourceUrl).toBeFocused();
  await page.keyboard.type("https://clinic.example/tea");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/articles\/cure-claims-html-import$/);
  await expect(
    page.getByRole("heading", { name: "Cure claims (html import)" }).first(),
  ).toBeVisible();
  await expect(article.text).toContainText("This tea cures cancer, says the clinic and this link.");
  await expect(article.text.getByRole("link", { name: "the clinic" })).toHaveAttribute(
    "href",
    "https://clinic.example/tea",
  );
  await expect(article.text.getByRole("link")).toHaveCount(1);
  await expect(article.text.locator("img, script")).toHaveCount(0);
  await expect(page).not.toHaveTitle(/pwned/);
});
