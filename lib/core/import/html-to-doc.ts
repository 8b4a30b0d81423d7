/**
 * Sanitized HTML (sanitize.ts) → article document JSON. Walks htmlparser2's DOM — the parser
 * sanitize-html itself runs on — rather than ProseMirror's DOMParser, which would need a
 * browser DOM (jsdom) on the server.
 *
 * It follows the browser's rendering rules where they decide the text: runs of HTML whitespace
 * collapse to one space and are dropped at the start and end of a block and around line
 * breaks; `<pre>` keeps its spaces and line breaks. Inline text outside a block becomes a
 * paragraph; a block inside an inline element (`<a><p>…</p></a>`) still becomes a block and
 * keeps the element's marks. The result always fits the editor's schema (list items start with
 * a paragraph, no empty lists or quotes, each mark at most once on a text) and blocks without
 * visible text are left out, so empty paragraphs add nothing to the plain text.
 */
import { ElementType, Parser, parseDocument } from "htmlparser2";
import { SAFE_HREF } from "@/lib/core/document/safe-href";
import type {
  DocBlock,
  DocInline,
  DocListItem,
  DocMark,
  DocParagraph,
  DocRoot,
  DocText,
} from "@/lib/core/document/schema";

type DomNode = ReturnType<typeof parseDocument>["children"][number];
type DomText = Extract<DomNode, { data: string }>;
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

const isText = (node: DomNode): node is DomText => node.type === ElementType.Text;
const isElement = (node: DomNode): node is DomElement => node.type === ElementType.Tag;

/** The longest link the document schema stores; longer ones keep their text but not the link. */
const MAX_HREF = 2048;

interface Context {
  bold: boolean;
  italic: boolean;
  href: string | null;
  pre: boolean;
}

/** Where walked content lands: finished blocks, and the inline run not yet closed into one. */
interface Sink {
  blocks: DocBlock[];
  inline: DocInline[];
}

const newSink = (): Sink => ({ blocks: [], inline: [] });

function marksOf(ctx: Context): DocMark[] | undefined {
  const marks: DocMark[] = [];
  if (ctx.bold) marks.push({ type: "bold" });
  if (ctx.italic) marks.push({ type: "italic" });
  if (ctx.href) marks.push({ type: "link", attrs: { href: ctx.href } });
  return marks.length > 0 ? marks : undefined;
}

function sameMarks(a: DocMark[] | undefined, b: DocMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function lastText(inline: DocInline[]): DocText | null {
  const last = inline.at(-1);
  return last?.type === "text" ? last : null;
}

function pushText(sink: Sink, text: string, ctx: Context) {
  if (text === "") return;
  const marks = marksOf(ctx);
  const last = lastText(sink.inline);
  if (last && sameMarks(last.marks, marks)) last.text += text;
  else sink.inline.push(marks ? { type: "text", text, marks } : { type: "text", text });
}

function appendText(sink: Sink, data: string, ctx: Context) {
  if (ctx.pre) {
    data.split(/\r\n?|\n/).forEach((line, i) => {
      if (i > 0) sink.inline.push({ type: "hardBreak" });
      pushText(sink, line, ctx);
    });
    return;
  }
  let text = data.replace(/[ \t\n\r\f]+/g, " ");
  // A space is dropped where the browser would not show it: at the start of the block, after
  // a line break, or after another space.
  const previous = sink.inline.at(-1);
  if (
    text.startsWith(" ") &&
    (!previous || previous.type === "hardBreak" || previous.text.endsWith(" "))
  ) {
    text = text.slice(1);
  }
  pushText(sink, text, ctx);
}

/** Trailing spaces before a line break or the block's end, and trailing line breaks, go. */
function trimInline(inline: DocInline[]): DocInline[] {
  const out: DocInline[] = [];
  const trimEnd = () => {
    const last = out.at(-1);
    if (last?.type !== "text") return;
    const trimmed = last.text.replace(/ +$/, "");
    if (trimmed === "") out.pop();
    else if (trimmed !== last.text) out[out.length - 1] = { ...last, text: trimmed };
  };
  for (const node of inline) {
    if (node.type === "hardBreak") trimEnd();
    out.push(node);
  }
  trimEnd();
  while (out.at(-1)?.type === "hardBreak") out.pop();
  return out;
}

const hasVisibleText = (inline: DocInline[]) =>
  inline.some((n) => n.type === "text" && /\S/.test(n.text));

/** Closes the pending inline run into a paragraph, if it shows any text. */
function flush(sink: Sink, pre = false) {
  const content = pre ? sink.inline : trimInline(sink.inline);
  sink.inline = [];
  if (hasVisibleText(content)) sink.blocks.push({ type: "paragraph", content });
}

/** The inline content of a block's children, blocks inside it joined by line breaks. */
function inlineOf(children: DomNode[], ctx: Context): DocInline[] {
  const sink = newSink();
  walk(children, ctx, sink);
  flush(sink);
  const out: DocInline[] = [];
  for (const inline of sink.blocks.flatMap(textBlocks)) {
    if (out.length > 0) out.push({ type: "hardBreak" });
    out.push(...inline);
  }
  return out;
}

/** The inline runs of a block and the blocks inside it, in order. */
function textBlocks(block: DocBlock | DocListItem): DocInline[][] {
  if (block.type === "paragraph" || block.type === "heading") return [block.content ?? []];
  return (block.content as (DocBlock | DocListItem)[]).flatMap(textBlocks);
}

function blocksOf(children: DomNode[], ctx: Context): DocBlock[] {
  const sink = newSink();
  walk(children, ctx, sink);
  flush(sink, ctx.pre);
  return sink.blocks;
}

/** A list item must open with a paragraph (the editor's `paragraph block*`). */
function listItem(blocks: DocBlock[]): DocListItem | null {
  const [first, ...rest] = blocks;
  if (!first) return null;
  if (first.type === "paragraph") return { type: "listItem", content: blocks };
  if (first.type === "heading") {
    const paragraph: DocParagraph = { type: "paragraph", content: first.content ?? [] };
    return { type: "listItem", content: [paragraph, ...rest] };
  }
  return { type: "listItem", content: [{ type: "paragraph" }, ...blocks] };
}

function listItems(children: DomNode[], ctx: Context): DocListItem[] {
  const items: DocListItem[] = [];
  // Content between items that is not an item itself (invalid HTML, but common in pasted
  // markup) becomes an item of its own rather than being lost.
  let loose: DomNode[] = [];
  const closeLoose = () => {
    const item = listItem(blocksOf(loose, ctx));
    if (item) items.push(item);
    loose = [];
  };
  for (const child of children) {
    if (isElement(child) && child.name === "li") {
      closeLoose();
      const item = listItem(blocksOf(child.children, ctx));
      if (item) items.push(item);
    } else loose.push(child);
  }
  closeLoose();
  return items;
}

function orderedStart(value: string | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value.trim())) return null;
  const start = Number.parseInt(value, 10);
  return start === 1 ? null : start;
}

function safeHref(value: string | undefined): string | null {
  const href = value?.trim() ?? "";
  return href.length <= MAX_HREF && SAFE_HREF.test(href) ? href : null;
}

function walk(nodes: DomNode[], ctx: Context, sink: Sink) {
  for (const node of nodes) {
    if (isText(node)) {
      appendText(sink, node.data, ctx);
      continue;
    }
    if (!isElement(node)) continue;
    switch (node.name) {
      case "strong":
        walk(node.children, { ...ctx, bold: true }, sink);
        break;
      case "em":
        walk(node.children, { ...ctx, italic: true }, sink);
        break;
      case "a":
        walk(node.children, { ...ctx, href: ctx.href ?? safeHref(node.attribs.href) }, sink);
        break;
      case "br":
        sink.inline.push({ type: "hardBreak" });
        break;
      case "h1":
      case "h2":
      case "h3": {
        flush(sink, ctx.pre);
        const content = trimInline(inlineOf(node.children, ctx));
        const level = Number(node.name.slice(1)) as 1 | 2 | 3;
        if (hasVisibleText(content))
          sink.blocks.push({ type: "heading", attrs: { level }, content });
        break;
      }
      case "ul":
      case "ol": {
        flush(sink, ctx.pre);
        const content = listItems(node.children, ctx);
        if (content.length === 0) break;
        if (node.name === "ul") sink.blocks.push({ type: "bulletList", content });
        else {
          const start = orderedStart(node.attribs.start);
          sink.blocks.push(
            start === null
              ? { type: "orderedList", content }
              : { type: "orderedList", attrs: { start }, content },
          );
        }
        break;
      }
      case "blockquote": {
        flush(sink, ctx.pre);
        const content = blocksOf(node.children, ctx);
        if (content.length > 0) sink.blocks.push({ type: "blockquote", content });
        break;
      }
      case "pre":
        flush(sink, ctx.pre);
        sink.blocks.push(...blocksOf(trimPreNewlines(node.children), { ...ctx, pre: true }));
        break;
      case "hr":
        flush(sink, ctx.pre);
        break;
      default:
        // p, div, and li outside a list: a block boundary around the children.
        flush(sink, ctx.pre);
        walk(node.children, ctx, sink);
        flush(sink, ctx.pre);
    }
  }
}

/** The newline right after `<pre>` and the one before `</pre>` are not content. */
function trimPreNewlines(children: DomNode[]): DomNode[] {
  const first = children[0];
  if (first && isText(first)) first.data = first.data.replace(/^\r?\n/, "");
  const last = children.at(-1);
  if (last && isText(last)) last.data = last.data.replace(/\r?\n$/, "");
  return children;
}

/** Converts sanitized HTML to an article document. Its content may be empty. */
export function htmlToDoc(sanitizedHtml: string): DocRoot {
  const dom = parseDocument(sanitizedHtml);
  return {
    type: "doc",
    content: blocksOf(dom.children, { bold: false, italic: false, href: null, pre: false }),
  };
}

/**
 * The text of the first `<title>` of an HTML page (before sanitizing, which removes it). Read
 * with the streaming parser, which stops at `</title>`: no second DOM of the whole page.
 */
export function htmlDocumentTitle(html: string): string | null {
  let inTitle = false;
  let done = false;
  let text = "";
  const parser = new Parser({
    onopentagname(name) {
      if (name === "title" && !done) inTitle = true;
    },
    ontext(data) {
      if (inTitle) text += data;
    },
    onclosetag(name) {
      if (name !== "title" || !inTitle) return;
      inTitle = false;
      done = true;
      parser.pause();
    },
  });
  parser.write(html);
  if (!done) parser.end();
  const title = text.replace(/\s+/g, " ").trim();
  return title === "" ? null : title;
}
