/** Sanitized HTML → article document: structure, marks and the browser's whitespace rules. */
import { describe, expect, it } from "vitest";
import type { DocBlock } from "@/lib/core/document/schema";
import { docToPlainText } from "@/lib/core/document/text-map";
import { htmlDocumentTitle, htmlToDoc } from "@/lib/core/import/html-to-doc";
import { guessTitle } from "@/lib/core/import/import-to-doc";
import { sanitizeArticleHtml } from "@/lib/core/import/sanitize";
import { assertEditorDocument } from "../helpers/article-schema";

/** The blocks of `html` after the real sanitizer, checked against the editor's schema. */
function blocks(html: string): DocBlock[] {
  const doc = htmlToDoc(sanitizeArticleHtml(html));
  if (doc.content.length > 0) assertEditorDocument(doc);
  return doc.content;
}

const text = (t: string) => ({ type: "text", text: t });
const p = (...content: unknown[]) => ({ type: "paragraph", content });

describe("htmlToDoc", () => {
  it("maps headings, paragraphs, lists and quotes to the schema's nodes", () => {
    expect(
      blocks(
        "<h1>One</h1><h2>Two</h2><h4>Four</h4><p>Para</p>" +
          "<ul><li>a</li><li>b<ol start='3'><li>c</li></ol></li></ul>" +
          "<blockquote><p>q1</p><p>q2</p></blockquote><ol><li>first</li></ol>",
      ),
    ).toEqual([
      { type: "heading", attrs: { level: 1 }, content: [text("One")] },
      { type: "heading", attrs: { level: 2 }, content: [text("Two")] },
      { type: "heading", attrs: { level: 3 }, content: [text("Four")] },
      p(text("Para")),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [p(text("a"))] },
          {
            type: "listItem",
            content: [
              p(text("b")),
              {
                type: "orderedList",
                attrs: { start: 3 },
                content: [{ type: "listItem", content: [p(text("c"))] }],
              },
            ],
          },
        ],
      },
      { type: "blockquote", content: [p(text("q1")), p(text("q2"))] },
      { type: "orderedList", content: [{ type: "listItem", content: [p(text("first"))] }] },
    ]);
  });

  it("keeps bold, italic and links as marks, each once, and merges equal neighbours", () => {
    expect(
      blocks(
        '<p><b>bo<strong>ld</strong></b> <em>it</em> <a href="https://e.org/x"><b><i>all</i></b></a></p>',
      ),
    ).toEqual([
      p(
        { type: "text", text: "bold", marks: [{ type: "bold" }] },
        text(" "),
        { type: "text", text: "it", marks: [{ type: "italic" }] },
        text(" "),
        {
          type: "text",
          text: "all",
          marks: [
            { type: "bold" },
            { type: "italic" },
            { type: "link", attrs: { href: "https://e.org/x" } },
          ],
        },
      ),
    ]);
  });

  it("keeps the text of links it cannot keep: relative, fragment or overlong", () => {
    const long = `https://e.org/${"x".repeat(2100)}`;
    expect(
      blocks(
        `<p><a href="/about">rel</a> <a href="#note-1">frag</a> <a href="${long}">long</a></p>`,
      ),
    ).toEqual([p(text("rel frag long"))]);
  });

  it("collapses whitespace as a browser shows it, around line breaks too", () => {
    expect(
      blocks("<p>\n  Stem   cells\t<b> heal </b>\n kidneys <br>\n  next line  <br><br></p>"),
    ).toEqual([
      p(
        text("Stem cells "),
        { type: "text", text: "heal ", marks: [{ type: "bold" }] },
        text("kidneys"),
        { type: "hardBreak" },
        text("next line"),
      ),
    ]);
  });

  it("keeps the spaces and line breaks of preformatted text", () => {
    expect(blocks("<pre>\n  indented\n    more\n</pre>")).toEqual([
      p(text("  indented"), { type: "hardBreak" }, text("    more")),
    ]);
  });

  it("wraps loose inline text in paragraphs and splits it at blocks inside inline elements", () => {
    expect(blocks("loose <b>text<p>inside</p>after</b><div>div <span>text</span></div>")).toEqual([
      p(text("loose "), { type: "text", text: "text", marks: [{ type: "bold" }] }),
      p({ type: "text", text: "inside", marks: [{ type: "bold" }] }),
      p({ type: "text", text: "after", marks: [{ type: "bold" }] }),
      p(text("div text")),
    ]);
  });

  it("leaves out blocks without visible text", () => {
    expect(
      blocks(
        "<p></p><p> </p><p>&nbsp;</p><p><br></p><ul><li> </li></ul><blockquote></blockquote><hr>",
      ),
    ).toEqual([]);
  });

  it("starts list items with a paragraph, as the editor requires", () => {
    expect(
      blocks("<ul><li><h2>Head</h2><p>body</p></li><li><ul><li>nested</li></ul></li></ul>"),
    ).toEqual([
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [p(text("Head")), p(text("body"))] },
          {
            type: "listItem",
            content: [
              { type: "paragraph" },
              { type: "bulletList", content: [{ type: "listItem", content: [p(text("nested"))] }] },
            ],
          },
        ],
      },
    ]);
  });

  it("keeps text that sits in a list outside its items, and table cells apart", () => {
    const doc = htmlToDoc(
      sanitizeArticleHtml(
        "<ul>stray<li>item</li></ul><table><tr><th>Dose</th><td>10 mg</td></tr></table>",
      ),
    );
    assertEditorDocument(doc);
    expect(docToPlainText(doc)).toBe("stray\n\nitem\n\nDose\n\n10 mg");
  });

  it("flattens blocks inside a heading into line breaks", () => {
    expect(blocks("<h2><p>Part one</p><p>Part two</p></h2>")).toEqual([
      {
        type: "heading",
        attrs: { level: 2 },
        content: [text("Part one"), { type: "hardBreak" }, text("Part two")],
      },
    ]);
  });
});

describe("titles", () => {
  it("reads the page title, collapsed, or null", () => {
    expect(htmlDocumentTitle("<head><title>\n Kidney  care | Clinic </title></head>")).toBe(
      "Kidney care | Clinic",
    );
    expect(htmlDocumentTitle("<p>No title</p>")).toBeNull();
  });

  it("prefers the first h1, then the page title, then any heading, then the first line", () => {
    const doc = (html: string) => htmlToDoc(sanitizeArticleHtml(html));
    const guess = (html: string, page: string | null = null) => {
      const d = doc(html);
      return guessTitle(d, docToPlainText(d), page);
    };
    expect(guess("<h2>Sub</h2><h1>Main</h1>", "Page")).toBe("Main");
    expect(guess("<h2>Sub</h2><p>x</p>", "Page")).toBe("Page");
    expect(guess("<p>x</p><h3>Sub</h3>")).toBe("Sub");
    expect(guess("<ul><li>First line<br>second</li></ul>")).toBe("First line");
    expect(guess(`<h1>${"long ".repeat(100)}</h1>`)?.length).toBeLessThanOrEqual(300);
  });
});
