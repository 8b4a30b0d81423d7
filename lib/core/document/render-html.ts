/**
 * Renders an article document as HTML with claims highlighted by their plain-text ranges (the
 * coordinate space of `text-map.ts`). Pure and dependency-free: used by the exports and, later,
 * by the public page. Every string from the document is escaped; links keep only safe hrefs.
 */
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
  const highlights = [...(options.highlights ?? [])]
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const headingOffset = options.headingOffset ?? 0;
  const idsUsed = new Set<string>();
  let segmentIndex = 0;
  const out: string[] = [];

  /** Highlights that overlap [from, to), in start order. */
  const overlapping = (from: number, to: number) => {
    const found: Highlight[] = [];
    for (const h of highlights) {
      if (h.start >= to) break;
      if (h.end > from) found.push(h);
    }
    return found;
  };

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
    const to = seg.offset + seg.length;
    const hits = overlapping(from, to);
    const cuts = new Set<number>([from, to]);
    for (const h of hits) {
      if (h.start > from) cuts.add(h.start);
      if (h.end < to) cuts.add(h.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const body: string[] = [];
    // A note reference follows its highlight at once, except inside a link (a link may not
    // contain another link): there it waits until the link closes.
    const deferred: string[] = [];
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i] as number;
      const b = points[i + 1] as number;
      const piece = escapeHtml(text.slice(a - from, b - from));
      const active = hits.filter((h) => h.start <= a && h.end >= b);
      if (active.length === 0) body.push(piece);
      else {
        // The innermost (shortest) highlight gives the colour; all are named for readers.
        const inner = active.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
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
