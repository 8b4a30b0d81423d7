/** Word .docx → article document, on real .docx files built in the test (tests/helpers/docx). */
import { describe, expect, it } from "vitest";
import { importToDoc } from "@/lib/core/import/import-to-doc";
import { assertEditorDocument } from "../helpers/article-schema";
import { buildDocx, hyperlink, paragraph, run, zip } from "../helpers/docx";

const text = (t: string) => ({ type: "text", text: t });
const docx = (bytes: Uint8Array, fileName = "article.docx") => importToDoc({ fileName, bytes });

describe(".docx import", () => {
  it("keeps the title, headings, bold, italic, web links and bullet lists", async () => {
    const bytes = buildDocx(
      [
        paragraph(run("Stem cell therapy and kidney failure"), { style: "Title" }),
        paragraph(run("Safety"), { style: "Heading2" }),
        paragraph(
          run("Stem cell therapy has ") +
            run("no toxicity", { bold: true }) +
            run(" and ") +
            run("rejection reaction", { italic: true }) +
            run("."),
        ),
        paragraph(
          run("See ") + hyperlink("rStudy", "the review") + hyperlink("rEvil", " and this"),
        ),
        paragraph(run("Dialysis"), { bullet: true }),
        paragraph(run("Transplant"), { bullet: true }),
      ],
      { rStudy: "https://example.org/review", rEvil: "javascript:alert(1)" },
    );
    const { doc, plainText, title, format } = await docx(bytes);
    assertEditorDocument(doc);
    expect(format).toBe("docx");
    expect(title).toBe("Stem cell therapy and kidney failure");
    expect(doc.content).toEqual([
      {
        type: "heading",
        attrs: { level: 1 },
        content: [text("Stem cell therapy and kidney failure")],
      },
      { type: "heading", attrs: { level: 2 }, content: [text("Safety")] },
      {
        type: "paragraph",
        content: [
          text("Stem cell therapy has "),
          { type: "text", text: "no toxicity", marks: [{ type: "bold" }] },
          text(" and "),
          { type: "text", text: "rejection reaction", marks: [{ type: "italic" }] },
          text("."),
        ],
      },
      {
        type: "paragraph",
        content: [
          text("See "),
          {
            type: "text",
            text: "the review",
            marks: [{ type: "link", attrs: { href: "https://example.org/review" } }],
          },
          text(" and this"),
        ],
      },
      {
        type: "bulletList",
        content: ["Dialysis", "Transplant"].map((t) => ({
          type: "listItem",
          content: [{ type: "paragraph", content: [text(t)] }],
        })),
      },
    ]);
    expect(plainText).toContain("Stem cell therapy has no toxicity and rejection reaction.");
  });

  it("reads a file named in capitals", async () => {
    const { plainText } = await docx(buildDocx([paragraph(run("Body"))]), "REPORT.DOCX");
    expect(plainText).toBe("Body");
  });

  it("refuses a file that is not a ZIP, a truncated one and one without a Word body", async () => {
    const message =
      /This \.docx file could not be read: it is damaged or not really a Word document/;
    const good = buildDocx([paragraph(run("Body"))]);
    await expect(docx(new TextEncoder().encode("Just text, renamed."))).rejects.toThrow(message);
    await expect(docx(good.subarray(0, Math.floor(good.length / 2)))).rejects.toThrow(message);
    await expect(docx(zip([{ name: "hello.txt", data: "not a Word document" }]))).rejects.toThrow(
      message,
    );
    // A damaged body: the central directory is intact, the compressed data is not.
    const damaged = good.slice();
    damaged.fill(0x55, 60, 400);
    await expect(docx(damaged)).rejects.toThrow(message);
  });

  it("refuses a ZIP that would unpack far beyond an article (a zip bomb) before unpacking it", async () => {
    const bomb = zip([{ name: "word/document.xml", data: new Uint8Array(40 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    await expect(docx(bomb)).rejects.toThrow("This .docx file unpacks to more than 32 MB");
  });

  it("refuses a Word document without text", async () => {
    await expect(docx(buildDocx([paragraph("")]))).rejects.toThrow(
      "The file has no text to import.",
    );
  });
});
