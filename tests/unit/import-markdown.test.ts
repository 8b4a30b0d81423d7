/** Markdown → article document, through markdown-it and the same sanitizer as HTML. */
import { describe, expect, it } from "vitest";
import { importToDoc } from "@/lib/core/import/import-to-doc";
import { assertEditorDocument } from "../helpers/article-schema";

async function markdown(src: string) {
  const result = await importToDoc({ format: "markdown", text: src });
  assertEditorDocument(result.doc);
  return result;
}

const text = (t: string) => ({ type: "text", text: t });

describe("Markdown import", () => {
  it("turns headings, emphasis, links, lists and quotes into the schema's nodes", async () => {
    const { doc, plainText, title, format } = await markdown(
      [
        "# Stem cells and *kidneys*",
        "",
        "Therapy has **no toxicity**, says [the clinic](https://clinic.example/a).",
        "",
        "- first",
        "- second",
        "",
        "3. three",
        "4. four",
        "",
        "> A quote",
        "",
        "#### Deep heading",
      ].join("\n"),
    );
    expect(format).toBe("markdown");
    expect(title).toBe("Stem cells and kidneys");
    expect(doc.content).toEqual([
      {
        type: "heading",
        attrs: { level: 1 },
        content: [
          text("Stem cells and "),
          { type: "text", text: "kidneys", marks: [{ type: "italic" }] },
        ],
      },
      {
        type: "paragraph",
        content: [
          text("Therapy has "),
          { type: "text", text: "no toxicity", marks: [{ type: "bold" }] },
          text(", says "),
          {
            type: "text",
            text: "the clinic",
            marks: [{ type: "link", attrs: { href: "https://clinic.example/a" } }],
          },
          text("."),
        ],
      },
      {
        type: "bulletList",
        content: ["first", "second"].map((t) => ({
          type: "listItem",
          content: [{ type: "paragraph", content: [text(t)] }],
        })),
      },
      {
        type: "orderedList",
        attrs: { start: 3 },
        content: ["three", "four"].map((t) => ({
          type: "listItem",
          content: [{ type: "paragraph", content: [text(t)] }],
        })),
      },
      { type: "blockquote", content: [{ type: "paragraph", content: [text("A quote")] }] },
      { type: "heading", attrs: { level: 3 }, content: [text("Deep heading")] },
    ]);
    expect(plainText).toContain("Therapy has no toxicity, says the clinic.");
  });

  it("joins a paragraph's lines (CommonMark) and keeps a hard break (two spaces)", async () => {
    const { plainText } = await markdown("one\ntwo  \nthree");
    expect(plainText).toBe("one two\nthree");
  });

  it("keeps raw HTML as visible text, never as markup", async () => {
    const { doc, plainText } = await markdown('Hi <script>alert(1)</script> <b onclick="x">b</b>');
    expect(plainText).toBe('Hi <script>alert(1)</script> <b onclick="x">b</b>');
    expect(doc.content).toEqual([{ type: "paragraph", content: [text(plainText)] }]);
  });

  it("makes no link of javascript:, data: or relative URLs, and links bare web addresses", async () => {
    const { doc, plainText } = await markdown(
      "[a](javascript:alert(1)) [b](data:text/html,x) [c](/local) see https://example.org/x",
    );
    const links = JSON.stringify(doc).match(/"href":"[^"]*"/g);
    expect(links).toEqual(['"href":"https://example.org/x"']);
    expect(plainText).toContain("[a](javascript:alert(1))");
    expect(plainText).toContain("c see https://example.org/x");
  });

  it("keeps code blocks' lines and images' absence", async () => {
    const { plainText } = await markdown(
      "```\nline 1\n  line 2\n```\n\n![a chart](https://e.org/c.png)\n\nEnd",
    );
    expect(plainText).toBe("line 1\n  line 2\n\nEnd");
  });

  it("refuses Markdown with no text", async () => {
    await expect(importToDoc({ format: "markdown", text: "---\n\n![](x.png)\n" })).rejects.toThrow(
      "The pasted text has no text to import.",
    );
  });
});
