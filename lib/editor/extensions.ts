/**
 * The article schema as Tiptap extensions: exactly the nodes and marks of
 * lib/core/document/schema.ts (paragraphs, headings 1–3, lists, blockquotes, hard breaks, bold,
 * italic, links). Shared by the read-only viewer and the editor so both parse the same JSON.
 * Listed one by one rather than through StarterKit, whose unused extensions (code blocks,
 * history, drop cursor…) would ship to every reader of the review page.
 */
import type { AnyExtension } from "@tiptap/core";
import Blockquote from "@tiptap/extension-blockquote";
import Bold from "@tiptap/extension-bold";
import Document from "@tiptap/extension-document";
import HardBreak from "@tiptap/extension-hard-break";
import Heading from "@tiptap/extension-heading";
import Italic from "@tiptap/extension-italic";
import { BulletList, ListItem, OrderedList } from "@tiptap/extension-list";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { Link } from "./link";

export function articleExtensions(): AnyExtension[] {
  return [
    Document,
    Paragraph,
    Text,
    Heading.configure({ levels: [1, 2, 3] }),
    Bold,
    Italic,
    HardBreak,
    Blockquote,
    BulletList,
    OrderedList,
    ListItem,
    Link,
  ];
}
