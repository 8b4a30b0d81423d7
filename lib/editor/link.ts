/**
 * A minimal link mark. Tiptap's own Link extension brings linkifyjs (autolinking, ~13 kB
 * gzipped) to every reader of the review page, and articles need none of that: links come
 * from imports and from an explicit "set link" command. Only http(s) and mailto URLs are kept.
 */
import { Mark, mergeAttributes } from "@tiptap/core";
import { SAFE_HREF } from "@/lib/core/document/safe-href";

export interface LinkOptions {
  /**
   * Extra HTML attributes of every rendered link.
   * @default { rel: "nofollow noopener noreferrer", target: "_blank" }
   */
  HTMLAttributes: Record<string, string>;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    link: {
      /** Links the selection to `href` (refused unless http, https or mailto). */
      setLink: (href: string) => ReturnType;
      /** Removes links from the selection. */
      unsetLink: () => ReturnType;
    };
  }
}

export const Link = Mark.create<LinkOptions>({
  name: "link",
  priority: 1000,
  inclusive: false,

  addOptions() {
    return { HTMLAttributes: { rel: "nofollow noopener noreferrer", target: "_blank" } };
  },

  addAttributes() {
    return { href: { default: null } };
  },

  parseHTML() {
    return [
      {
        tag: "a[href]",
        getAttrs: (el) => {
          const href = (el as HTMLElement).getAttribute("href") ?? "";
          return SAFE_HREF.test(href.trim()) ? { href: href.trim() } : false;
        },
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    const href =
      typeof HTMLAttributes.href === "string" && SAFE_HREF.test(HTMLAttributes.href)
        ? HTMLAttributes.href
        : null;
    return ["a", mergeAttributes(this.options.HTMLAttributes, { ...HTMLAttributes, href }), 0];
  },

  addCommands() {
    return {
      setLink:
        (href) =>
        ({ commands }) =>
          SAFE_HREF.test(href.trim()) ? commands.setMark(this.name, { href: href.trim() }) : false,
      unsetLink:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name, { extendEmptyMarkRange: true }),
    };
  },
});
