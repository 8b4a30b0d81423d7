/**
 * The sanitizer and the HTML path behind it, fed hostile markup: nothing executable may come
 * out — no element off the allow-list, no attribute but `href`/`start`, no link but http(s)
 * and mailto — and what comes out must still be a document the editor accepts.
 */
import fc from "fast-check";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { SAFE_HREF } from "@/lib/core/document/safe-href";
import type { DocNode, DocRoot } from "@/lib/core/document/schema";
import { htmlToDoc } from "@/lib/core/import/html-to-doc";
import { ImportError } from "@/lib/core/import/import-error";
import { importToDoc } from "@/lib/core/import/import-to-doc";
import { nestsDeeperThan } from "@/lib/core/import/nesting";
import { sanitizeArticleHtml } from "@/lib/core/import/sanitize";
import { assertEditorDocument } from "../helpers/article-schema";

const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  h1: [],
  h2: [],
  h3: [],
  ul: [],
  ol: ["start"],
  li: [],
  blockquote: [],
  pre: [],
  br: [],
  hr: [],
  a: ["href"],
  strong: [],
  em: [],
  div: [],
};

type Dom = ReturnType<typeof parseDocument>["children"][number];

/** Every element of the sanitized HTML is allowed, with allowed attributes and safe links. */
function expectOnlyAllowedMarkup(html: string) {
  const visit = (nodes: Dom[]) => {
    for (const node of nodes) {
      if ("attribs" in node) {
        const allowed = ALLOWED[node.name];
        expect(allowed, `<${node.name}>`).toBeDefined();
        for (const attr of Object.keys(node.attribs)) expect(allowed).toContain(attr);
        if (node.attribs.href !== undefined) expect(node.attribs.href).toMatch(SAFE_HREF);
        visit(node.children);
      } else {
        // Only text may remain besides elements: no comments, CDATA or processing instructions.
        expect(node.type).toBe("text");
      }
    }
  };
  visit(parseDocument(html).children);
}

/** Every link mark of a document. */
function hrefs(doc: DocRoot): string[] {
  const out: string[] = [];
  const walk = (node: DocNode) => {
    if (node.type === "text") {
      for (const mark of node.marks ?? []) if (mark.type === "link") out.push(mark.attrs.href);
    } else if ("content" in node) {
      for (const child of node.content ?? []) walk(child as DocNode);
    }
  };
  walk(doc);
  return out;
}

const HOSTILE = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  '<img src="x" onerror="alert(1)">',
  "<p onclick=alert(1) onmouseover='alert(2)'>click</p>",
  '<a href="javascript:alert(1)">js</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<a href="  javascript:alert(1)">spaces</a>',
  '<a href="java&#x09;script:alert(1)">entity tab</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entities</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="//evil.example/x">protocol-relative</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<p style="background:url(javascript:alert(1))">painted</p>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<svg onload="alert(1)"><script>alert(2)</script></svg>',
  "<math><mtext><script>alert(1)</script></mtext></math>",
  '<form action="javascript:alert(1)"><input value="x"><button formaction="javascript:alert(1)">go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  "<!-- <script>alert(1)</script> -->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<<script>script>alert(1)<</script>/script>",
  '<div><p><b><i><a href="javascript:alert(1)"><span onclick="x()">deep</span></a></i></b></p></div>',
  "<template><script>alert(1)</script></template><noscript><img src=x onerror=alert(1)></noscript>",
  "<textarea><script>alert(1)</script></textarea>",
  '<a href="https://ok.example/" onclick="alert(1)" target="_top" style="x">ok link</a>',
  '<ol start="3" type="a" onclick="x()"><li>three</li></ol>',
];

describe("sanitizeArticleHtml", () => {
  it.each(HOSTILE)("leaves nothing executable in %s", (html) => {
    const clean = sanitizeArticleHtml(html);
    expectOnlyAllowedMarkup(clean);
    expect(clean).not.toMatch(/<script|<iframe|<style|<svg|<object|<embed|<img|<form|<meta/i);
    expect(clean).not.toMatch(/\son\w+=|style=|javascript:|vbscript:|data:/i);
  });

  it("keeps the text of unwrapped elements but drops script and style contents", () => {
    const clean = sanitizeArticleHtml(
      "<p>Before<script>alert('x')</script><style>p{}</style> <span>kept</span> <u>under</u></p>",
    );
    expect(clean).toBe("<p>Before kept under</p>");
  });

  it("keeps safe links and list numbering, dropping every other attribute", () => {
    expect(
      sanitizeArticleHtml(
        '<a href="https://example.org/a?b=1&amp;c=2" title="t" class="c" rel="x">a</a>' +
          '<a href="mailto:desk@example.org">m</a><ol start="4" reversed><li>x</li></ol>',
      ),
    ).toBe(
      '<a href="https://example.org/a?b=1&amp;c=2">a</a><a href="mailto:desk@example.org">m</a>' +
        '<ol start="4"><li>x</li></ol>',
    );
  });

  it("refuses HTML nested absurdly deep at once, and takes deep but plausible nesting", async () => {
    const nested = (depth: number, open = "<div><b>", close = "</b></div>") =>
      `${open.repeat(depth)}deep text${close.repeat(depth)}`;
    const started = Date.now();
    // 2 MB of nesting would take htmlparser2 minutes; the pre-check refuses it in milliseconds.
    await expect(importToDoc({ format: "html", text: nested(110_000) })).rejects.toThrow(
      "This HTML nests elements more than 1,000 levels deep",
    );
    // Closing tags that close nothing do not hide the depth.
    await expect(
      importToDoc({ format: "html", text: nested(2000, "<b></x>", "") }),
    ).rejects.toThrow(ImportError);
    expect(Date.now() - started).toBeLessThan(5000);
    // Deep, but within the limit: the text survives, and so does the stack.
    expect((await importToDoc({ format: "html", text: nested(450) })).plainText).toBe("deep text");
  });

  it("does not count what never nests: void elements, paragraphs, comments, scripts", () => {
    const flat = "<p>a<br><img src=x><li>b".repeat(5000);
    expect(nestsDeeperThan(flat, 10)).toBe(false);
    expect(
      nestsDeeperThan(`<!--${"<div>".repeat(50)}--><script>${"<div>".repeat(50)}</script>`, 10),
    ).toBe(false);
    expect(nestsDeeperThan("<DIV>".repeat(11), 10)).toBe(true);
    expect(nestsDeeperThan("<div></div>".repeat(10_000), 10)).toBe(false);
  });

  it("renames presentational and layout tags to the schema's", () => {
    expect(sanitizeArticleHtml("<b>b</b><i>i</i><h5>h</h5><section><td>cell</td></section>")).toBe(
      "<strong>b</strong><em>i</em><h3>h</h3><div><p>cell</p></div>",
    );
  });
});

describe("hostile HTML through the whole import", () => {
  it("keeps what is left of a tag split by another as inert text", async () => {
    const { doc, plainText } = await importToDoc({
      format: "html",
      text: "<p>a<scr<script>ipt>alert(1)</scr</script>ipt>b</p>",
    });
    expect(plainText).toBe("aipt>alert(1)ipt>b");
    expect(doc.content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: plainText }] },
    ]);
  });

  it("imports the text around hostile markup, with no link but the safe one", async () => {
    // The split-tag tricks leave harmless text behind (above); the rest must leave none.
    const whole = HOSTILE.filter((h) => !h.includes("<scr<") && !h.includes("<<"));
    const html = `<html><head><title>Clinic</title><script>steal()</script></head><body>
      <h1 onclick="steal()">Stem cells</h1>
      ${whole.join("\n")}
      <p>Plain <a href="https://example.org/study">study</a> text.</p></body></html>`;
    const { doc, plainText, title } = await importToDoc({ format: "html", text: html });
    assertEditorDocument(doc);
    expect(title).toBe("Stem cells");
    expect(hrefs(doc)).toEqual(["https://ok.example/", "https://example.org/study"]);
    expect(plainText).not.toMatch(/alert|steal|background|msgbox/);
    expect(plainText).toContain("click");
    expect(plainText).toContain("deep");
    expect(plainText).toContain("Plain study text.");
    expect(JSON.stringify(doc)).not.toMatch(/javascript|onerror|onclick|script|iframe|style/i);
  });

  it("gives a document the editor accepts for any mix of tags, attributes and text", () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        ...Object.keys(ALLOWED).flatMap((t) => [`<${t}>`, `</${t}>`]),
        "<li>",
        "<td>",
        "<table><tr>",
        "<pre>\n",
        "<br>",
        '<a href="https://e.org/x">',
        '<a href="javascript:x()">',
        "<script>",
        "</script>",
        "<h6>",
        "<b><i>",
        "<ol start='0'>",
        "&nbsp;",
        "&lt;",
        "\n",
        "  ",
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const clean = sanitizeArticleHtml(parts.join(""));
        expectOnlyAllowedMarkup(clean);
        const doc = htmlToDoc(clean);
        if (doc.content.length > 0) assertEditorDocument(doc);
        for (const href of hrefs(doc)) expect(href).toMatch(SAFE_HREF);
      }),
      { numRuns: 300 },
    );
  });
});
