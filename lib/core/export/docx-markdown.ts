/**
 * A rationale's Markdown as Word paragraphs: bold, italic, code, links (as "text (URL)": a
 * comment has no hyperlink relationships of its own), lists with their bullets or numbers,
 * quotes indented, headings bold. Parsed by lib/core/markdown/render.ts, the parser of every HTML
 * output, so Word and the pages read a rationale alike; nothing it holds becomes markup (the
 * docx library escapes every run's text).
 */
import { Paragraph, TextRun } from "docx";
import type { Token } from "markdown-it";
import { parseMarkdown } from "@/lib/core/markdown/render";

type Clean = (text: string) => string;

interface InlineState {
  bold: number;
  italics: number;
  /** Open links: the URL to show after the text, or "" when the text is the URL. */
  links: string[];
}

function inlineRuns(tokens: Token[], clean: Clean, bold: boolean): TextRun[] {
  const state: InlineState = { bold: bold ? 1 : 0, italics: 0, links: [] };
  const out: TextRun[] = [];
  const text = (value: string, extra: { font?: string } = {}) => {
    if (!value) return;
    out.push(
      new TextRun({
        text: clean(value),
        ...(state.bold > 0 ? { bold: true } : {}),
        ...(state.italics > 0 ? { italics: true } : {}),
        ...(extra.font ? { font: extra.font } : {}),
      }),
    );
  };
  for (const t of tokens) {
    switch (t.type) {
      case "text":
        text(t.content);
        break;
      case "code_inline":
        text(t.content, { font: "Consolas" });
        break;
      case "strong_open":
        state.bold++;
        break;
      case "strong_close":
        state.bold--;
        break;
      case "em_open":
        state.italics++;
        break;
      case "em_close":
        state.italics--;
        break;
      case "link_open":
        // A bare URL (linkify, <autolink>) is its own text; a named link shows where it goes.
        state.links.push(
          t.markup === "linkify" || t.markup === "autolink" ? "" : String(t.attrGet("href") ?? ""),
        );
        break;
      case "link_close": {
        const href = state.links.pop();
        if (href) text(` (${href})`);
        break;
      }
      case "image":
        text(`${t.content || "image"} (${String(t.attrGet("src") ?? "")})`);
        break;
      case "softbreak":
      case "hardbreak":
        out.push(new TextRun({ break: 1 }));
        break;
      default:
        if (t.content) text(t.content);
    }
  }
  return out;
}

/** `source` (Markdown) as paragraphs; `lead` in bold before the first one. */
export function markdownParagraphs(source: string, clean: Clean, lead?: string): Paragraph[] {
  const tokens = parseMarkdown(source.trim());
  const paragraphs: Paragraph[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quoteDepth = 0;
  let heading = false;
  let bullet = "";
  const push = (children: TextRun[]) => {
    const first = paragraphs.length === 0 && lead;
    const prefix = bullet ? [new TextRun({ text: `${bullet} ` })] : [];
    bullet = "";
    const indent = lists.length + quoteDepth;
    paragraphs.push(
      new Paragraph({
        children: [
          ...(first ? [new TextRun({ text: `${lead} `, bold: true })] : []),
          ...prefix,
          ...children,
        ],
        ...(indent > 0 ? { indent: { left: 360 * indent } } : {}),
      }),
    );
  };
  for (const t of tokens) {
    switch (t.type) {
      case "bullet_list_open":
        lists.push({ ordered: false, next: 0 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(t.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open": {
        const list = lists[lists.length - 1];
        if (list) bullet = list.ordered ? `${list.next++}.` : "•";
        break;
      }
      case "blockquote_open":
        quoteDepth++;
        break;
      case "blockquote_close":
        quoteDepth--;
        break;
      case "heading_open":
        heading = true;
        break;
      case "heading_close":
        heading = false;
        break;
      case "inline":
        // A heading reads as a bold paragraph, as in the HTML outputs.
        push(inlineRuns(t.children ?? [], clean, heading));
        break;
      case "fence":
      case "code_block":
        push(
          t.content
            .replace(/\n$/, "")
            .split("\n")
            .flatMap((line, i) => [
              ...(i > 0 ? [new TextRun({ break: 1 })] : []),
              new TextRun({ text: clean(line), font: "Consolas" }),
            ]),
        );
        break;
      case "hr":
        push([new TextRun({ text: "———" })]);
        break;
      default:
        break;
    }
  }
  return paragraphs;
}
