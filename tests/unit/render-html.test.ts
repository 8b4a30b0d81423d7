import { describe, expect, it } from "vitest";
import { renderDocHtml } from "@/lib/core/document/render-html";
import type { DocRoot } from "@/lib/core/document/schema";
import { docToPlainText } from "@/lib/core/document/text-map";

const doc: DocRoot = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Kidneys" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Therapy has " },
        { type: "text", text: "no toxicity", marks: [{ type: "bold" }] },
        { type: "text", text: " and no rejection." },
      ],
    },
    {
      type: "bulletList",
      content: [
        {
          type: "listItem",
          content: [
            {
              type: "paragraph",
              content: [
                {
                  type: "text",
                  text: "see the study",
                  marks: [{ type: "link", attrs: { href: "https://example.org/s" } }],
                },
                { type: "hardBreak" },
                { type: "text", text: "Ünïcode 😀 text" },
              ],
            },
          ],
        },
      ],
    },
  ],
};
const text = docToPlainText(doc);
const range = (phrase: string) => {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`missing ${phrase}`);
  return { start, end: start + phrase.length };
};

describe("renderDocHtml", () => {
  it("renders the document's structure and formatting", () => {
    const html = renderDocHtml(doc, { headingOffset: 1 });
    expect(html).toContain("<h2>Kidneys</h2>");
    expect(html).toContain("<p>Therapy has <strong>no toxicity</strong> and no rejection.</p>");
    expect(html).toContain(
      '<ul>\n<li><p><a href="https://example.org/s" rel="nofollow noopener noreferrer">see the study</a><br>Ünïcode 😀 text</p>\n</li>\n</ul>',
    );
  });

  it("highlights a range across formatting, with one id and a note reference after it", () => {
    const html = renderDocHtml(doc, {
      highlights: [
        {
          ...range("has no toxicity and"),
          className: "claim verdict-inaccurate",
          id: "claim-1",
          title: "Note 1",
          noteRef: { href: "#note-1", label: "1" },
        },
      ],
    });
    expect(html).toContain(
      'Therapy <mark class="claim verdict-inaccurate" id="claim-1" title="Note 1">has </mark>' +
        '<strong><mark class="claim verdict-inaccurate" title="Note 1">no toxicity</mark></strong>' +
        '<mark class="claim verdict-inaccurate" title="Note 1"> and</mark><sup class="note-ref"><a href="#note-1">1</a></sup> no rejection.',
    );
    expect(html.match(/id="claim-1"/g)).toHaveLength(1);
  });

  it("colours overlapping claims by the innermost one and names both", () => {
    const html = renderDocHtml(doc, {
      highlights: [
        { ...range("no toxicity and no rejection"), className: "outer", title: "A" },
        { ...range("and no"), className: "inner", title: "B" },
      ],
    });
    expect(html).toContain('<mark class="inner" title="A; B">and no</mark>');
    expect(html).toContain('<mark class="outer" title="A"> rejection</mark>');
  });

  it("counts surrogate pairs as two units, like the coordinate space", () => {
    const html = renderDocHtml(doc, {
      highlights: [{ ...range("😀 text"), className: "c" }],
    });
    expect(html).toContain('Ünïcode <mark class="c">😀 text</mark>');
  });

  it("puts note references after a link, never inside it", () => {
    const html = renderDocHtml(doc, {
      highlights: [
        { ...range("the study"), className: "c", noteRef: { href: "#note-2", label: "2" } },
      ],
    });
    expect(html).toContain(
      'see <mark class="c">the study</mark></a><sup class="note-ref"><a href="#note-2">2</a></sup>',
    );
  });

  it("escapes text and drops unsafe links", () => {
    const hostile: DocRoot = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: '<script>alert(1)</script> & "quotes"' },
            {
              type: "text",
              text: "click",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
            },
            {
              type: "text",
              text: "x",
              marks: [
                { type: "link", attrs: { href: 'https://a.example/"onmouseover="alert(1)' } },
              ],
            },
          ],
        },
      ],
    };
    const html = renderDocHtml(hostile, {
      highlights: [{ start: 0, end: 8, className: '"><img src=x onerror=alert(1)>' }],
    });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
    expect(html).not.toMatch(/<img/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&amp; &quot;quotes&quot;");
    expect(html).toContain('href="https://a.example/&quot;onmouseover=&quot;alert(1)"');
  });
});
