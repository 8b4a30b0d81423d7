/**
 * The article document: Tiptap/ProseMirror JSON restricted to the nodes and marks of the
 * editor's schema (StarterKit's names). Revisions store this; anything else is refused.
 */
import { z } from "zod";
import { SAFE_HREF } from "./safe-href";

export type DocMark =
  | { type: "bold" }
  | { type: "italic" }
  | { type: "link"; attrs: { href: string } };

export type DocText = { type: "text"; text: string; marks?: DocMark[] };
export type DocHardBreak = { type: "hardBreak" };
export type DocInline = DocText | DocHardBreak;

export type DocParagraph = { type: "paragraph"; content?: DocInline[] };
export type DocHeading = { type: "heading"; attrs: { level: 1 | 2 | 3 }; content?: DocInline[] };
export type DocListItem = { type: "listItem"; content: DocBlock[] };
export type DocBulletList = { type: "bulletList"; content: DocListItem[] };
export type DocOrderedList = {
  type: "orderedList";
  attrs?: { start?: number };
  content: DocListItem[];
};
export type DocBlockquote = { type: "blockquote"; content: DocBlock[] };
export type DocBlock = DocParagraph | DocHeading | DocBulletList | DocOrderedList | DocBlockquote;
export type DocRoot = { type: "doc"; content: DocBlock[] };

/** Any node of the document, for code that walks the tree. */
export type DocNode = DocRoot | DocBlock | DocListItem | DocInline;

const markSchema: z.ZodType<DocMark> = z.union([
  z.object({ type: z.literal("bold") }),
  z.object({ type: z.literal("italic") }),
  z.object({
    type: z.literal("link"),
    attrs: z.object({
      href: z.string().max(2048).regex(SAFE_HREF, "Only http(s) and mailto links"),
    }),
  }),
]);

const inlineSchema: z.ZodType<DocInline> = z.union([
  z.object({
    type: z.literal("text"),
    text: z.string().min(1),
    marks: z.array(markSchema).max(3).optional(),
  }),
  z.object({ type: z.literal("hardBreak") }),
]);

const blockSchema: z.ZodType<DocBlock> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal("paragraph"), content: z.array(inlineSchema).optional() }),
    z.object({
      type: z.literal("heading"),
      attrs: z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3)]) }),
      content: z.array(inlineSchema).optional(),
    }),
    z.object({ type: z.literal("bulletList"), content: z.array(listItemSchema).min(1) }),
    z.object({
      type: z.literal("orderedList"),
      attrs: z.object({ start: z.number().int().min(0).optional() }).optional(),
      content: z.array(listItemSchema).min(1),
    }),
    z.object({ type: z.literal("blockquote"), content: z.array(blockSchema).min(1) }),
  ]),
);

const listItemSchema: z.ZodType<DocListItem> = z.lazy(() =>
  z.object({ type: z.literal("listItem"), content: z.array(blockSchema).min(1) }),
);

/** Validates a document received from a client or a file before it is stored. */
export const docSchema: z.ZodType<DocRoot> = z.object({
  type: z.literal("doc"),
  content: z.array(blockSchema).min(1),
});
