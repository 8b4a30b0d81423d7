/**
 * Claims as ProseMirror decorations: stand-off highlights drawn over the document without
 * touching it (DESIGN.md: claims are not marks). Each highlight is an inline decoration that
 * can be clicked or focused with the keyboard to open its claim; overlapping claims nest.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

export interface ClaimHighlight {
  id: string;
  /** ProseMirror positions (map plain-text offsets with lib/document/text-map.ts first). */
  from: number;
  to: number;
  /** CSS classes, e.g. "claim-hl verdict-inaccurate". */
  className: string;
  /** Read by screen readers: "Claim 3: Inaccurate". */
  label: string;
}

export interface ClaimHighlightsOptions {
  /**
   * Called when a highlight is clicked or activated with Enter or Space.
   * @default () => {}
   */
  onActivate: (claimId: string) => void;
}

export const claimHighlightsKey = new PluginKey<DecorationSet>("claimHighlights");

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    claimHighlights: {
      /** Replaces every claim highlight. */
      setClaimHighlights: (highlights: ClaimHighlight[]) => ReturnType;
    };
  }
}

function buildDecorations(doc: PMNode, highlights: ClaimHighlight[]): DecorationSet {
  const max = doc.content.size;
  const decorations = highlights
    .filter((h) => h.from < h.to && h.from >= 0 && h.to <= max)
    .map((h) =>
      Decoration.inline(
        h.from,
        h.to,
        {
          class: h.className,
          "data-claim-id": h.id,
          tabindex: "0",
          role: "button",
          "aria-label": h.label,
        },
        // Longer claims outside, shorter inside, so a nested claim stays clickable.
        { inclusiveStart: false, inclusiveEnd: false, claimLength: h.to - h.from },
      ),
    );
  return DecorationSet.create(doc, decorations);
}

function claimIdAt(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target.closest("[data-claim-id]") : null;
  return el?.getAttribute("data-claim-id") ?? null;
}

export const ClaimHighlights = Extension.create<ClaimHighlightsOptions>({
  name: "claimHighlights",

  addOptions() {
    return { onActivate: () => {} };
  },

  addCommands() {
    return {
      setClaimHighlights:
        (highlights) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(claimHighlightsKey, highlights);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: claimHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const highlights = tr.getMeta(claimHighlightsKey) as ClaimHighlight[] | undefined;
            if (highlights) return buildDecorations(tr.doc, highlights);
            // While an editor types, highlights follow the text through the mapping.
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations(state) {
            return claimHighlightsKey.getState(state);
          },
          handleDOMEvents: {
            click(_view, event) {
              // A drag that selected text is not a click on a claim.
              const selection = window.getSelection();
              if (selection && !selection.isCollapsed) return false;
              const id = claimIdAt(event.target);
              if (!id) return false;
              options.onActivate(id);
              return true;
            },
            keydown(_view, event) {
              if (event.key !== "Enter" && event.key !== " ") return false;
              const id = claimIdAt(event.target);
              if (!id) return false;
              event.preventDefault();
              options.onActivate(id);
              return true;
            },
          },
        },
      }),
    ];
  },
});
