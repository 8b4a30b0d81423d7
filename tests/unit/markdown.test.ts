import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/core/markdown/render";

/** Tags the renderer may write, and the only attributes each may carry. */
const ALLOWED_TAGS: Record<string, readonly string[]> = {
  p: [],
  br: [],
  strong: [],
  em: [],
  s: [],
  code: ["class"],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ["start"],
  li: [],
  hr: [],
  a: ["href", "title", "rel", "target"],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ["style"],
  td: ["style"],
};

/**
 * Checks the renderer's invariant on its output: text never holds a raw `<`, so every `<`
 * opens a tag; each tag is on the list with only its listed, double-quoted attributes; hrefs
 * are http(s) or mailto, styles only table alignment, classes only a code block's language.
 * Returns the problems found (empty when the HTML is safe).
 */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const tagRe = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*\/?>/gy;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    if (lt < 0) break;
    tagRe.lastIndex = lt;
    const m = tagRe.exec(html);
    if (!m) {
      problems.push(`raw "<" at ${lt}: ${html.slice(lt, lt + 40)}`);
      break;
    }
    const [whole, , name = "", attrText = ""] = m;
    const allowed = ALLOWED_TAGS[name];
    if (!allowed) problems.push(`tag <${name}>`);
    for (const [, attr = "", value = ""] of attrText.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      if (!allowed?.includes(attr)) problems.push(`attribute ${attr} on <${name}>`);
      if (attr === "href" && !/^(https?:\/\/|mailto:)/i.test(value)) problems.push(`href ${value}`);
      if (attr === "style" && !/^text-align:(left|right|center)$/.test(value))
        problems.push(`style ${value}`);
      if (attr === "class" && !/^language-[^\s]*$/.test(value)) problems.push(`class ${value}`);
    }
    at = lt + whole.length;
  }
  return problems;
}

/** Every tag with its attribute values emptied: the names a browser would act on. */
const tagsOnly = (html: string) =>
  (html.match(/<[^>]*>/g) ?? []).join("").replace(/="[^"]*"/g, '=""');

/** Every attribute value, decoded enough to see a scheme hidden behind entities. */
const attributeValues = (html: string) =>
  [...html.matchAll(/<[^>]*>/g)].flatMap(([tag]) =>
    [...tag.matchAll(/="([^"]*)"/g)].map(([, v = ""]) =>
      v
        .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
        .replace(
          /&(quot|amp|lt|gt);/g,
          (e) => ({ "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">" })[e] ?? e,
        )
        // Browsers skip whitespace and control characters inside a scheme.
        .replace(/./gsu, (c) => ((c.codePointAt(0) ?? 0) > 0x20 ? c : "")),
    ),
  );

const XSS_PAYLOADS: [string, string][] = [
  ["script tag", "<script>alert(1)</script>"],
  ["script tag split over lines", "<scr\nipt>alert(1)</scr\nipt>"],
  ["img onerror", '<img src=x onerror="alert(1)">'],
  ["svg onload", "<svg/onload=alert(1)>"],
  ["svg with script", "<svg><script>alert(1)</script></svg>"],
  ["iframe javascript", '<iframe src="javascript:alert(1)"></iframe>'],
  ["iframe srcdoc", "<iframe srcdoc='<script>alert(1)</script>'></iframe>"],
  ["style tag", "<style>body{background:url(javascript:alert(1))}</style>"],
  ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
  ["html block", '<div>\n<a href="javascript:alert(1)">x</a>\n</div>'],
  ["body onload", "<body onload=alert(1)>"],
  ["object data", '<object data="javascript:alert(1)"></object>'],
  ["markdown javascript link", "[click](javascript:alert(1))"],
  ["mixed case scheme", "[click](JaVaScRiPt:alert(1))"],
  ["entity-encoded scheme", "[click](java&#115;cript:alert(1))"],
  ["hex entity scheme", "[click](&#x6A;avascript:alert(1))"],
  ["percent-encoded scheme", "[click](%6Aavascript:alert(1))"],
  ["leading control character", "[click](\u0001javascript:alert(1))"],
  ["tab inside scheme", "[click](java\tscript:alert(1))"],
  ["angle-bracket destination", "[click](<javascript:alert(1)>)"],
  ["vbscript link", "[click](vbscript:msgbox(1))"],
  ["file link", "[click](file:///etc/passwd)"],
  ["data html link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["data image", "![x](data:image/png;base64,iVBORw0KGgo=)"],
  ["data svg image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
  ["javascript image", "![x](javascript:alert(1))"],
  ["autolink javascript", "<javascript:alert(1)>"],
  ["autolink data", "<data:text/html,<script>alert(1)</script>>"],
  ["reference link", "[click][evil]\n\n[evil]: javascript:alert(1)"],
  ["title breaking out", '[x](https://example.org "a\\" onmouseover=\\"alert(1)")'],
  ["attribute in link text", "[<img src=x onerror=alert(1)>](https://example.org)"],
  ["handler in image alt", '![" onerror="alert(1)](https://example.org/a.png)'],
  ["fence info string", '```js" onclick="alert(1)\ncode\n```'],
  ["html comment", "<!-- --><script>alert(1)</script>"],
  ["cdata", "<![CDATA[<script>alert(1)</script>]]>"],
  ["linkified javascript", "javascript:alert(1)//https://example.org"],
  ["form action", '<form action="javascript:alert(1)"><button>x</button></form>'],
  ["math href", '<math><a xlink:href="javascript:alert(1)">x</a></math>'],
];

describe("renderMarkdown: XSS payloads", () => {
  it.each(XSS_PAYLOADS)("%s renders inert", (_name, payload) => {
    const html = renderMarkdown(payload);
    expect(unsafeParts(html)).toEqual([]);
    const tags = tagsOnly(html).toLowerCase();
    expect(tags).not.toMatch(/<\/?(script|style|iframe|svg|img|object|form|math|body)\b/);
    expect(tags).not.toMatch(/\son[a-z]+=/);
    for (const value of attributeValues(html))
      expect(value.toLowerCase()).not.toMatch(/^(javascript|vbscript|data|file):/);
  });

  it("keeps the payload visible as text", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
    );
    expect(renderMarkdown("[click](javascript:alert(1))")).toBe(
      "<p>[click](javascript:alert(1))</p>\n",
    );
  });

  it("stays safe for payloads glued together", () => {
    const all = XSS_PAYLOADS.map(([, p]) => p);
    // Fragments of one payload in the context opened by another (an unclosed bracket, a fence…).
    for (let i = 0; i < all.length; i++) {
      const mixed = `${all[i]}${all[(i * 7 + 3) % all.length]}\n${all[(i * 11 + 5) % all.length]}`;
      expect(unsafeParts(renderMarkdown(mixed)), mixed).toEqual([]);
    }
  });
});

describe("renderMarkdown: formatting", () => {
  it("renders emphasis, lists, code and quotes", () => {
    const html = renderMarkdown(
      "**Not** supported, *see* `RCT`.\n\n- one\n- two\n\n3. three\n\n> quoted\n\n~~gone~~",
    );
    expect(html).toContain("<strong>Not</strong>");
    expect(html).toContain("<em>see</em>");
    expect(html).toContain("<code>RCT</code>");
    expect(html).toContain("<ul>\n<li>one</li>");
    expect(html).toContain('<ol start="3">');
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<s>gone</s>");
  });

  it("makes http(s) links safe to follow and mail links without a new tab", () => {
    expect(renderMarkdown("[PubMed](https://pubmed.ncbi.nlm.nih.gov/1)")).toBe(
      '<p><a href="https://pubmed.ncbi.nlm.nih.gov/1" rel="nofollow noopener noreferrer" target="_blank">PubMed</a></p>\n',
    );
    expect(renderMarkdown("<mailto:desk@example.org>")).toBe(
      '<p><a href="mailto:desk@example.org" rel="nofollow noopener noreferrer">mailto:desk@example.org</a></p>\n',
    );
  });

  it("links bare http(s) URLs but not scheme-less words", () => {
    const html = renderMarkdown("See https://example.org/a and stem-cell.de or a@b.org");
    expect(html).toContain('<a href="https://example.org/a"');
    expect(html).not.toContain("stem-cell.de</a>");
    expect(html).not.toContain("mailto:");
  });

  it("turns images into links and never loads them", () => {
    const html = renderMarkdown("![trial flow chart](https://example.org/flow.png)");
    expect(html).toBe(
      '<p><a href="https://example.org/flow.png" rel="nofollow noopener noreferrer" target="_blank">trial flow chart</a></p>\n',
    );
    // An image inside a link gives its alt text only: links do not nest.
    expect(renderMarkdown("[![x](https://e.org/a.png)](https://e.org)")).toBe(
      '<p><a href="https://e.org" rel="nofollow noopener noreferrer" target="_blank">x</a></p>\n',
    );
  });

  it("turns headings into bold paragraphs", () => {
    expect(renderMarkdown("# Summary\n\nSub\n---")).toBe(
      "<p><strong>Summary</strong></p>\n<p><strong>Sub</strong></p>\n",
    );
  });

  it("keeps single line breaks and gives nothing for blank input", () => {
    expect(renderMarkdown("one\ntwo")).toBe("<p>one<br>\ntwo</p>\n");
    expect(renderMarkdown("  \n ")).toBe("");
  });
});

describe("renderMarkdown's memo", () => {
  it("gives each text its own HTML, before and after the oldest entries are evicted", () => {
    const html = (i: number) => `<p>note <strong>${i}</strong></p>\n`;
    // More distinct texts than the memo keeps (10,000), so the first ones are evicted.
    for (let i = 0; i < 10_050; i++) expect(renderMarkdown(`note **${i}**`)).toBe(html(i));
    for (const i of [0, 1, 5_000, 10_049]) expect(renderMarkdown(`note **${i}**`)).toBe(html(i));
  });

  it("renders a text longer than the memo takes like any other", () => {
    const long = `${"word ".repeat(1_000)}**end**`;
    expect(renderMarkdown(long)).toBe(`<p>${"word ".repeat(1_000)}<strong>end</strong></p>\n`);
  });
});
