/**
 * Claims as ProseMirror decorations: stand-off highlights drawn over the document without
 * touching it (DESIGN.md: claims are not marks). Each highlight is an inline decoration that
 * can be clicked or focused with the keyboard to open its claim. Overlapping and nested claims
 * are cut into pieces that each open the innermost claim there (`claim-segments.ts`).
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { claimSegments, type SegmentClaim, segmentLabel } from "@/lib/core/claims/segments";

export interface ClaimHighlight extends SegmentClaim {
  /** ProseMirror positions (map plain-text offsets with lib/core/document/text-map.ts first). */
  from: number;
  to: number;
  /** CSS classes, e.g. "claim-hl verdict-inaccurate". */
  className: string;
  /** The claim open in the panel: outlined wherever its text is. */
  selected?: boolean;
}

export interface ClaimHighlightsOptions {
  /**
   * Called when a highlight is clicked or activated with Enter or Space.
   * @default () => {}
   */
  onActivate: (claimId: string) => void;
  /**
   * Whether highlights are controls (focusable buttons that open their claim). In the editor
   * they are not: a focusable element inside the editable text takes focus and ends a drag's
   * selection, so there they are only drawn, named by a tooltip.
   * @default true
   */
  interactive: boolean;
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

function buildDecorations(
  doc: PMNode,
  highlights: ClaimHighlight[],
  interactive: boolean,
): DecorationSet {
  const max = doc.content.size;
  const inDoc = highlights.filter((h) => h.from >= 0 && h.to <= max);
  const decorations = claimSegments(inDoc).map((segment) =>
    Decoration.inline(
      segment.from,
      segment.to,
      {
        class: [
          segment.claim.className,
          segment.covering.length > 1 ? "nested" : null,
          segment.covering.some((c) => c.selected) ? "selected" : null,
        ]
          .filter(Boolean)
          .join(" "),
        "data-claim-id": segment.claim.id,
        "data-claim-ids": segment.covering.map((c) => c.id).join(" "),
        ...(interactive
          ? { tabindex: "0", role: "button", "aria-label": segmentLabel(segment) }
          : { title: segmentLabel(segment) }),
      },
      { inclusiveStart: false, inclusiveEnd: false },
    ),
  );
  return DecorationSet.create(doc, decorations);
}

/**
 * Lets a drag that starts on a highlight select text (to claim a phrase inside a claim).
 * Chrome focuses a focusable element on mousedown and then starts no text selection, so the
 * highlights under the pointer give up their tabindex until the button is released; mouse
 * users need no focus there (a click opens the claim), keyboard users keep it.
 */
function letDragSelect(event: MouseEvent): void {
  if (event.button !== 0 || !(event.target instanceof Element)) return;
  const spans: Element[] = [];
  for (let el = event.target.closest("[data-claim-id]"); el; ) {
    spans.push(el);
    el = el.parentElement?.closest("[data-claim-id]") ?? null;
  }
  if (spans.length === 0) return;
  for (const el of spans) el.removeAttribute("tabindex");
  const restore = () => {
    for (const el of spans) el.setAttribute("tabindex", "0");
  };
  window.addEventListener("mouseup", restore, { once: true, capture: true });
}

function claimIdAt(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target.closest("[data-claim-id]") : null;
  return el?.getAttribute("data-claim-id") ?? null;
}

export const ClaimHighlights = Extension.create<ClaimHighlightsOptions>({
  name: "claimHighlights",

  addOptions() {
    return { onActivate: () => {}, interactive: true };
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
            if (highlights) return buildDecorations(tr.doc, highlights, options.interactive);
            // While an editor types, highlights follow the text through the mapping.
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations(state) {
            return claimHighlightsKey.getState(state);
          },
          handleDOMEvents: options.interactive
            ? {
                mousedown(_view, event) {
                  letDragSelect(event);
                  return false;
                },
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
              }
            : {},
        },
      }),
    ];
  },
});
