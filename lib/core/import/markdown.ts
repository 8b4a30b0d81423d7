/**
 * Markdown → HTML for import, with markdown-it as in lib/core/markdown/render.ts but configured for
 * articles rather than comments: CommonMark line handling (a single newline is a space, as in
 * any Markdown file written in an editor), real headings, and raw HTML off, so markup typed
 * into the Markdown stays text. The HTML then goes through the same sanitizer as any other.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt("default", {
  html: false,
  linkify: true,
  breaks: false,
  typographer: false,
});
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

/** Markdown source → HTML (still to be sanitized). */
export function markdownToHtml(src: string): string {
  return md.render(src);
}
