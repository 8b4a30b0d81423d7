/**
 * Renders an article document as HTML with claims highlighted by their plain-text ranges (the
 * coordinate space of `text-map.ts`). Pure and dependency-free: used by the exports and, later,
 * by the public page. Text is cut at highlight boundaries by `claimBoundaries`, the rule the editor
 * draws by. Every string from the document is escaped; links keep only safe hrefs.
 */
import { claimBoundaries } from "@/lib/core/claims/segments";
import { escapeHtml } from "@/lib/core/html/escape";
import { SAFE_HREF } from "./safe-href";
import type { DocBlock, DocInline, DocListItem, DocMark, DocRoot } from "./schema";
import { buildTextMap, type TextSegment } from "./text-map";

export interface Highlight {
  /** Plain-text range, end exclusive. */
  start: number;
  end: number;
  /** Space-separated classes for the `<mark>` elements of this highlight. */
  className: string;
  /** Set as the `id` of the highlight's first `<mark>`, so notes can link back to it. */
  id?: string;
  /** Tooltip for the `<mark>` elements. */
  title?: string;
  /** A note reference placed right after the highlight: `<sup><a href>label</a></sup>`. */
  noteRef?: { href: string; label: string };
}

export interface RenderOptions {
  highlights?: Highlight[];
  /** Added to heading levels, so that a document's h1 sits below the page's own title. */
  headingOffset?: number;
}

function noteRefHtml(h: Highlight): string {
  const ref = h.noteRef as { href: string; label: string };
  return `<sup class="note-ref"><a href="${escapeHtml(ref.href)}">${escapeHtml(ref.label)}</a></sup>`;
}

export function renderDocHtml(doc: DocRoot, options: RenderOptions = {}): string {
  const { segments } = buildTextMap(doc);
  // Start order, outermost first: the order highlights are named in a piece's title.
  const highlights = [...(options.highlights ?? [])]
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const startOrder = new Map(highlights.map((h, i) => [h, i]));
  const { cut } = claimBoundaries(highlights.map((h) => ({ from: h.start, to: h.end, h })));
  const headingOffset = options.headingOffset ?? 0;
  const idsUsed = new Set<string>();
  let segmentIndex = 0;
  const out: string[] = [];

  const renderText = (text: string, marks: DocMark[] | undefined, seg: TextSegment) => {
    const link = marks?.find((m) => m.type === "link");
    const open: string[] = [];
    const close: string[] = [];
    if (link && SAFE_HREF.test(link.attrs.href)) {
      open.push(`<a href="${escapeHtml(link.attrs.href)}" rel="nofollow noopener noreferrer">`);
      close.unshift("</a>");
    }
    if (marks?.some((m) => m.type === "bold")) {
      open.push("<strong>");
      close.unshift("</strong>");
    }
    if (marks?.some((m) => m.type === "italic")) {
      open.push("<em>");
      close.unshift("</em>");
    }

    const from = seg.offset;
    const body: string[] = [];
    // A note reference follows its highlight at once, except inside a link (a link may not
    // contain another link): there it waits until the link closes.
    const deferred: string[] = [];
    for (const { from: a, to: b, covering } of cut(from, from + seg.length)) {
      const piece = escapeHtml(text.slice(a - from, b - from));
      const active = covering
        .map((c) => c.h)
        .sort((x, y) => (startOrder.get(x) ?? 0) - (startOrder.get(y) ?? 0));
      // The innermost highlight gives the colour; all are named for readers.
      const inner = covering[0]?.h;
      if (!inner) body.push(piece);
      else {
        const attrs = [`class="${escapeHtml(inner.className)}"`];
        const firstUnused = active.find((h) => h.id && !idsUsed.has(h.id));
        if (firstUnused?.id) {
          idsUsed.add(firstUnused.id);
          attrs.push(`id="${escapeHtml(firstUnused.id)}"`);
        }
        const titles = active.map((h) => h.title).filter(Boolean);
        if (titles.length > 0) attrs.push(`title="${escapeHtml(titles.join("; "))}"`);
        body.push(`<mark ${attrs.join(" ")}>${piece}</mark>`);
      }
      const refs = active.filter((h) => h.noteRef && h.end === b).map(noteRefHtml);
      if (link) deferred.push(...refs);
      else body.push(...refs);
    }
    return open.join("") + body.join("") + close.join("") + deferred.join("");
  };

  const renderInline = (content: DocInline[] | undefined) => {
    for (const node of content ?? []) {
      const seg = segments[segmentIndex++] as TextSegment;
      if (node.type === "hardBreak") out.push("<br>");
      else out.push(renderText(node.text, node.marks, seg));
    }
  };

  const renderBlock = (node: DocBlock | DocListItem) => {
    switch (node.type) {
      case "paragraph":
        out.push("<p>");
        renderInline(node.content);
        out.push("</p>\n");
        return;
      case "heading": {
        const level = Math.min(6, node.attrs.level + headingOffset);
        out.push(`<h${level}>`);
        renderInline(node.content);
        out.push(`</h${level}>\n`);
        return;
      }
      case "bulletList":
        out.push("<ul>\n");
        for (const item of node.content) renderBlock(item);
        out.push("</ul>\n");
        return;
      case "orderedList": {
        const start = node.attrs?.start;
        out.push(start !== undefined && start !== 1 ? `<ol start="${Number(start)}">\n` : "<ol>\n");
        for (const item of node.content) renderBlock(item);
        out.push("</ol>\n");
        return;
      }
      case "listItem":
        out.push("<li>");
        for (const child of node.content) renderBlock(child);
        out.push("</li>\n");
        return;
      case "blockquote":
        out.push("<blockquote>\n");
        for (const child of node.content) renderBlock(child);
        out.push("</blockquote>\n");
        return;
    }
  };

  for (const block of doc.content) renderBlock(block);
  return out.join("");
}
