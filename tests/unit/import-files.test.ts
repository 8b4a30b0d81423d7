/**
 * Uploaded files before conversion: the type from the name, confirmed by the bytes; text
 * encodings; and the limits (empty, over 2 MB, plain text over MAX_ARTICLE_TEXT).
 */
import { describe, expect, it } from "vitest";
import { normalizeText } from "@/lib/core/document/from-text";
import { formatOfFileName } from "@/lib/core/import/file-type";
import { importToDoc } from "@/lib/core/import/import-to-doc";
import { formatBytes, MAX_IMPORT_BYTES } from "@/lib/core/import/limits";
import { declaredUnpackedSize, looksLikeZip } from "@/lib/core/import/zip";
import { MAX_ARTICLE_TEXT } from "@/lib/core/limits/articles";
import { buildDocx, paragraph, run } from "../helpers/docx";

const encode = (s: string) => new TextEncoder().encode(s);
const file = (fileName: string, bytes: Uint8Array | string) =>
  importToDoc({ fileName, bytes: typeof bytes === "string" ? encode(bytes) : bytes });

describe("file types", () => {
  it("takes the format from the name's ending, in any case", () => {
    expect(
      ["a.txt", "a.TEXT", "b.md", "b.Markdown", "c.html", "c.HTM", "d.docx"].map(formatOfFileName),
    ).toEqual(["text", "text", "markdown", "markdown", "html", "html", "docx"]);
  });

  it("names the formats people try, and lists the supported ones for the rest", () => {
    expect(() => formatOfFileName("old.doc")).toThrow("save it as .docx");
    expect(() => formatOfFileName("paper.pdf")).toThrow("PDF files cannot be imported");
    expect(() => formatOfFileName("photo.jpg")).toThrow(
      "Only .txt, .md, .html and .docx files can be imported.",
    );
    expect(() => formatOfFileName("no-extension")).toThrow("Only .txt, .md, .html and .docx");
    expect(() => formatOfFileName("archive.docx.exe")).toThrow("Only .txt, .md, .html and .docx");
  });

  it("imports a .txt file as plain text import always did", async () => {
    const text = "Title line\r\nsecond line\r\n\r\n\r\nNext paragraph.\r\n";
    const { plainText, title, format } = await file("a.txt", text);
    expect(format).toBe("text");
    expect(plainText).toBe(normalizeText(text));
    expect(title).toBe("Title line");
  });

  it("imports .md and .html files through their converters", async () => {
    expect((await file("a.md", "# Head\n\nBody *x*")).plainText).toBe("Head\n\nBody x");
    const html = await file("a.htm", "<title>Page</title><h2>Sub</h2><p>Body</p>");
    expect(html).toMatchObject({ plainText: "Sub\n\nBody", title: "Page", format: "html" });
  });

  it("reads UTF-8 with or without a byte order mark, and UTF-16 with one", async () => {
    expect((await file("a.txt", "\uFEFFSanté 😀")).plainText).toBe("Santé 😀");
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from("Santé", (c) => c.charCodeAt(0)).buffer),
    ]);
    expect((await file("a.txt", utf16)).plainText).toBe("Santé");
  });

  it("refuses binary content whatever the name says", async () => {
    const docx = buildDocx([paragraph(run("Body"))]);
    await expect(file("renamed.md", docx)).rejects.toThrow("This file is a ZIP archive, not text");
    await expect(file("paper.txt", "%PDF-1.7\n...")).rejects.toThrow(
      "PDF files cannot be imported",
    );
    await expect(
      file("image.html", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])),
    ).rejects.toThrow("This file is not text.");
    await expect(
      file("latin1.txt", new Uint8Array([0x53, 0x61, 0x6e, 0x74, 0xe9])),
    ).rejects.toThrow("This file is not UTF-8 text");
  });
});

describe("limits", () => {
  it("refuses an empty file or paste, and one with nothing but blanks", async () => {
    await expect(file("a.docx", new Uint8Array())).rejects.toThrow("The file is empty.");
    await expect(importToDoc({ format: "html", text: "" })).rejects.toThrow(
      "The pasted text is empty.",
    );
    await expect(file("a.txt", " \n\n\t\n")).rejects.toThrow("The file has no text to import.");
    await expect(file("a.html", "<p>&nbsp;</p><script>x</script>")).rejects.toThrow(
      "The file has no text to import.",
    );
  });

  it("refuses a file or a paste over 2 MB, counting bytes", async () => {
    const over = MAX_IMPORT_BYTES + 1;
    await expect(file("big.txt", new Uint8Array(over).fill(0x61))).rejects.toThrow(
      "The file is 2.1 MB; the limit is 2 MB.",
    );
    // 700,000 characters of three UTF-8 bytes each: under the character limit, over the bytes.
    await expect(importToDoc({ format: "text", text: "€".repeat(700_000) })).rejects.toThrow(
      /^The pasted text is 2.1 MB; the limit is 2 MB\.$/,
    );
    await expect(file("big.txt", new Uint8Array(MAX_IMPORT_BYTES).fill(0x61))).rejects.toThrow(
      "characters long; the limit is 2,000,000.",
    );
  });

  it("refuses an article whose plain text is over MAX_ARTICLE_TEXT characters", async () => {
    const text = `${"a".repeat(MAX_ARTICLE_TEXT - 10)}\n\n${"b".repeat(20)}`;
    await expect(importToDoc({ format: "text", text })).rejects.toThrow(
      `The article's text is ${(MAX_ARTICLE_TEXT + 12).toLocaleString("en")} characters long`,
    );
    const exactly = await importToDoc({ format: "text", text: "a".repeat(MAX_ARTICLE_TEXT) });
    expect(exactly.plainText.length).toBe(MAX_ARTICLE_TEXT);
  });

  it("prints sizes as people read them", () => {
    const sizes = [0, 1023, 1024, 1536, 10 * 1024, 2 * 1024 * 1024, 2 * 1024 * 1024 + 1];
    expect(sizes.map(formatBytes)).toEqual([
      "0 bytes",
      "1023 bytes",
      "1 kB",
      "1.5 kB",
      "10 kB",
      "2 MB",
      "2.1 MB",
    ]);
  });
});

describe("zip", () => {
  it("reads the unpacked size a .docx declares, and recognises what is not a ZIP", () => {
    const docx = buildDocx([paragraph(run("Body"))]);
    expect(looksLikeZip(docx)).toBe(true);
    expect(declaredUnpackedSize(docx)).toBeGreaterThan(docx.length);
    expect(looksLikeZip(encode("PK"))).toBe(false);
    expect(declaredUnpackedSize(encode("no directory here"))).toBeNull();
    expect(declaredUnpackedSize(docx.subarray(0, docx.length - 30))).toBeNull();
  });
});
