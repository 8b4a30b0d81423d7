import fc from "fast-check";
import MarkdownIt, { type Token } from "markdown-it";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderMarkdownExport } from "@/lib/core/export/markdown";
import { demoModel, edgeModels, hostileModel, PAYLOAD, QUOTE } from "../helpers/export-models";

/**
 * The most permissive reader: raw HTML on, autolinks on (fuzzy: bare domains too). If nothing
 * of ours turns into markup here, it does not in a stricter renderer either.
 */
const md = new MarkdownIt({ html: true, linkify: true });

function tokens(source: string): Token[] {
  const all: Token[] = [];
  const walk = (list: Token[]) => {
    for (const t of list) {
      all.push(t);
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(source, {}));
  return all;
}

/** The text a reader sees in the first paragraph of `source`. */
function paragraphText(source: string): string {
  const inline = md.parse(source, {}).find((t) => t.type === "inline");
  return (inline?.children ?? [])
    .map((t) => (t.type === "softbreak" ? "\n" : t.type === "text" ? t.content : ""))
    .join("");
}

describe("Markdown escaping", () => {
  it("reads back as the same text, with no markup, for any text", () => {
    const unit = fc.constantFrom(
      ..."ab1 .-+#*_[]()<>!&|~^:@\\`'\"=/;".split(""),
      "www.",
      "http://",
      "example.com",
      "&amp;",
      "&#x41;",
      "<b>",
      "](",
      "1.",
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
        const text = parts.join("").trim();
        fc.pre(text.length > 0);
        const escaped = escapeMarkdown(text);
        const source = `x ${escaped}`;
        const kinds = new Set(tokens(source).map((t) => t.type));
        expect([...kinds].filter((k) => /html|link|image|code|strong|em|s_open/.test(k))).toEqual(
          [],
        );
        expect(paragraphText(source)).toBe(`x ${text}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe("Markdown export", () => {
  const out = renderMarkdownExport(demoModel());

  it("keeps the document's structure and marks", () => {
    expect(out).toContain("## Stem cells and kidney failure\n");
    expect(out).toContain("Stem cell therapy is **one of the new treatments** of kidney");
    expect(out).toContain("[according to the clinic](https://clinic.example/about)");
    expect(out).toContain("- It repairs damaged kidney cells.\n- *It is painless.");
    // Only what Markdown needs is escaped: a colon between words stays a colon.
    expect(out).toContain("3. Third step: injection.");
    expect(out).toMatch(/^> Even though .*,\\\n> it still has/m);
  });

  it("puts a footnote marker after each claimed passage, and after a link rather than in it", () => {
    const model = demoModel();
    const note = (quote: string) => model.claims.find((c) => c.quote.exact === quote)?.note;
    expect(out).toContain(`rejection reaction[^${note(QUOTE)}],`);
    expect(out).toContain(
      `[according to the clinic](https://clinic.example/about)[^${note("according to the clinic")}].`,
    );
    // Every claim has a footnote; the one whose text was removed is listed under the text.
    for (const claim of model.claims) expect(out).toContain(`\n[^${claim.note}]: `);
    expect(out).toContain(
      `## Claims no longer in the text\n\n- “A sentence that was removed in revision 2.”[^${note("A sentence that was removed in revision 2.")}]`,
    );
  });

  it("gives each footnote the verdict, rationale, editor's note and graded evidence", () => {
    const model = demoModel();
    const n = model.claims.find((c) => c.quote.exact === QUOTE)?.note;
    // Footnotes are in reading order, named by claim number: this one runs to the next.
    const start = out.indexOf(`\n[^${n}]: `);
    const footnote = out.slice(start, out.indexOf("\n[^", start + 1));
    expect(footnote).toContain(`**Inaccurate** (1 of 5): “${QUOTE}”`);
    expect(footnote).toContain("    Immune rejection is documented.\n\n    See the review below.");
    expect(footnote).toContain("    **Editor’s note:**\n    We publish this with our correction.");
    expect(footnote).toContain(
      "Contradicts · Systematic review of RCTs · CEBM level 1 · GRADE certainty: Moderate (rated down for imprecision)",
    );
    expect(footnote).toContain("DOI: [10.1000/xyz](https://doi.org/10.1000/xyz)");
  });

  it("renders every edge case", () => {
    for (const [name, model] of Object.entries(edgeModels())) {
      const text = renderMarkdownExport(model);
      expect(text, name).toMatch(/^# /);
      expect(text.match(/\[\^\d+\]: /g) ?? [], name).toHaveLength(model.claims.length);
    }
    expect(renderMarkdownExport(edgeModels()["no claims"] ?? demoModel())).toContain(
      "*No claims were checked in this revision.*",
    );
    expect(renderMarkdownExport(edgeModels()["non-ASCII"] ?? demoModel())).toContain(
      "Stammzelltherapie ist völlig ungefährlich 😀[^1] — 100 % sicher.",
    );
  });

  it("carries XSS payloads as inert text: no HTML, images, or links but ours", () => {
    const hostile = renderMarkdownExport(hostileModel());
    // Footnote bodies are indented (a code block to a reader without footnotes): unindented,
    // they are parsed as the Markdown a footnote-aware reader sees.
    const all = tokens(hostile.replace(/^\[\^\d+\]: /gm, "").replace(/^ {4}/gm, ""));
    expect(all.filter((t) => /html|image/.test(t.type))).toEqual([]);
    const hrefs = new Set(all.filter((t) => t.type === "link_open").map((t) => t.attrGet("href")));
    expect([...hrefs].sort()).toEqual(
      [
        "https://clinic.example/about",
        "https://clinic.example/post",
        "https://desk.example",
        "https://doi.org/10.1000/xyz",
        "https://pubmed.ncbi.nlm.nih.gov/31978945/",
        "https://bmj.example/review",
      ].sort(),
    );
    // The article's hostile paragraph reads as typed (its footnote marker aside).
    const paragraph = hostile.slice(hostile.indexOf("\nIntro ") + 1);
    expect(paragraphText(paragraph).replace(/\[\^\d+\]/g, "")).toBe(`Intro ${PAYLOAD}`);
  });
});
