/**
 * Markdown → safe HTML for what people write in the workspace (claim rationales, comments).
 * Pure; runs on the server only, so the parser stays out of the browser bundle: pages receive
 * the HTML ready-made.
 *
 * Why markdown-it without a sanitizer behind it: with `html: false` the parser never passes
 * input through as markup. Every piece of text and every attribute value is escaped by the
 * renderer, the only tags that can come out are the ones its rules write (p, em, strong, a,
 * code, pre, lists, blockquote, table, hr, br, s), and the only attribute that carries user
 * input in a dangerous position is `href`, which `validateLink` below restricts to an
 * allow-list of schemes after entity-decoding and percent-encoding. A DOM sanitizer
 * (DOMPurify) would need a DOM (jsdom) on the server to clean output that cannot hold markup
 * in the first place; tests/unit/markdown.test.ts checks that invariant on every tag emitted
 * for a set of XSS payloads instead.
 *
 * Deliberate choices:
 * - links carry rel="nofollow noopener noreferrer" (web links open in a new tab), and only
 *   http(s):// and mailto: are links at all; anything else stays visible as the text typed;
 * - images are not loaded (a tracking pixel or a huge file has no place in a review note):
 *   `![alt](url)` becomes a link to the image, named by its alt text;
 * - headings become bold paragraphs: the text sits inside a panel whose own headings
 *   (h2/h3) give the page its outline, which a comment's `# Title` must not take over;
 * - a single newline is a line break, as people expect when typing in a textarea;
 * - bare URLs that start with http(s):// become links; "example.org" without a scheme does not
 *   (fuzzy matching turns ordinary words like "e.g. stem-cell.de" into links by surprise).
 */
import MarkdownIt, { type RendererRule, type Token } from "markdown-it";
import { escapeHtml } from "@/lib/core/html/escape";

/** Schemes that may appear in an href. Checked on the normalized (percent-encoded) URL. */
const ALLOWED_LINK = /^(?:https?:\/\/|mailto:)[^\s]/i;

/** What every generated link carries. */
const LINK_REL = "nofollow noopener noreferrer";

const md = new MarkdownIt("default", {
  html: false,
  linkify: true,
  breaks: true,
  typographer: false,
});
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
md.validateLink = (url: string) => ALLOWED_LINK.test(url);

const rules = md.renderer.rules;

// Unreachable with `html: false`; escaped anyway, so that flipping the option cannot open a hole.
rules.html_block = (tokens, idx) => escapeHtml(tokens[idx]?.content ?? "");
rules.html_inline = rules.html_block;

const linkOpen: RendererRule = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet("rel", LINK_REL);
    // A mail link opens the mail program; a new tab would stay behind empty.
    if (!/^mailto:/i.test(String(token.attrGet("href") ?? ""))) token.attrSet("target", "_blank");
  }
  return self.renderToken(tokens, idx, options);
};
rules.link_open = linkOpen;

/** Whether token `idx` of an inline run sits inside a link (a link must not nest another). */
function insideLink(tokens: Token[], idx: number): boolean {
  let depth = 0;
  for (let i = 0; i < idx; i++) {
    const type = tokens[i]?.type;
    if (type === "link_open") depth++;
    else if (type === "link_close") depth--;
  }
  return depth > 0;
}

rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return "";
  const src = String(token.attrGet("src") ?? "");
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const label = escapeHtml(alt || src);
  if (insideLink(tokens, idx)) return label;
  return `<a href="${escapeHtml(src)}" rel="${LINK_REL}" target="_blank">${label}</a>`;
};

rules.heading_open = () => "<p><strong>";
rules.heading_close = () => "</strong></p>\n";

/** Markdown source → HTML that is safe to insert into a page as it is. Empty for blank input. */
/**
 * Rendered HTML by source text. The review page renders every rationale and comment on every
 * request, and under load the same few hundred texts were parsed again for each reader; the
 * output depends on the text alone (no options vary per call), so a bounded memo is exact.
 * Insertion order makes it a cheap LRU: a hit moves its entry to the end, the oldest goes first.
 */
const rendered = new Map<string, string>();
/** Entries kept: ~10,000 short notes is a few MB at most. */
const RENDER_CACHE_ENTRIES = 10_000;
/** Longer texts are rendered each time: rare, and they would crowd out the many short ones. */
const RENDER_CACHE_MAX_CHARS = 4_000;

export function renderMarkdown(src: string): string {
  if (src.trim() === "") return "";
  if (src.length > RENDER_CACHE_MAX_CHARS) return md.render(src);
  const hit = rendered.get(src);
  if (hit !== undefined) {
    rendered.delete(src);
    rendered.set(src, hit);
    return hit;
  }
  const html = md.render(src);
  rendered.set(src, html);
  if (rendered.size > RENDER_CACHE_ENTRIES) {
    const oldest = rendered.keys().next().value;
    if (oldest !== undefined) rendered.delete(oldest);
  }
  return html;
}

/**
 * The same parse as `renderMarkdown`, as markdown-it tokens, for outputs that are not HTML
 * (the Word export writes the rationale as formatted runs), so every output reads the
 * Markdown alike. Links keep `validateLink`'s rule: an unsafe one is not a link token.
 */
export function parseMarkdown(src: string): Token[] {
  return md.parse(src, {});
}
