"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useRef } from "react";
import { textFingerprint } from "@/lib/core/document/fingerprint";
import type { DocRoot } from "@/lib/core/document/schema";
import { buildTextMap, offsetToPos, posToOffset, type TextMap } from "@/lib/core/document/text-map";
import { ClaimHighlights } from "@/lib/editor/claim-highlights";
import { articleExtensions } from "@/lib/editor/extensions";

export interface TextRange {
  start: number;
  end: number;
  exact: string;
}

export interface ViewerHighlight {
  id: string;
  start: number;
  end: number;
  className: string;
  /** "Claim 3: Inaccurate". */
  label: string;
  /** "Claim 3". */
  name: string;
}

/** Trims white space at both ends of a range, as people rarely mean to claim it. */
function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return [s, e];
}

/**
 * The article in a read-only Tiptap view with claims drawn as decorations. Reports text
 * selections as plain-text ranges (the coordinate space shared with the server).
 */
export function ArticleViewer({
  doc,
  expectedFingerprint,
  highlights,
  selectedClaimId,
  onActivateClaim,
  onSelectText,
}: {
  doc: DocRoot;
  /** `textFingerprint` of the server's plain text, to check that both sides agree. */
  expectedFingerprint: string;
  highlights: ViewerHighlight[];
  selectedClaimId: string | null;
  onActivateClaim: (id: string) => void;
  onSelectText: (range: TextRange | null) => void;
}) {
  const activateRef = useRef(onActivateClaim);
  activateRef.current = onActivateClaim;

  const editor = useEditor({
    extensions: [
      ...articleExtensions(),
      ClaimHighlights.configure({ onActivate: (id) => activateRef.current(id) }),
    ],
    content: doc,
    editable: false,
    immediatelyRender: false,
    editorProps: { attributes: { "aria-label": "Article text", "data-testid": "article-text" } },
  });

  // The map comes from the document the editor actually holds, so positions are its own.
  const map: TextMap | null = useMemo(
    () => (editor ? buildTextMap(editor.state.doc.toJSON() as DocRoot) : null),
    [editor],
  );
  const mismatch = useMemo(
    () => map !== null && textFingerprint(map.text) !== expectedFingerprint,
    [map, expectedFingerprint],
  );

  useEffect(() => {
    if (!editor || !map) return;
    editor.commands.setClaimHighlights(
      highlights.map((h) => ({
        id: h.id,
        from: offsetToPos(map, h.start, "start"),
        to: offsetToPos(map, h.end, "end"),
        className: h.className,
        label: h.label,
        name: h.name,
        selected: h.id === selectedClaimId,
      })),
    );
  }, [editor, map, highlights, selectedClaimId]);

  useEffect(() => {
    if (!selectedClaimId) return;
    const el = document.querySelector(`[data-claim-ids~="${CSS.escape(selectedClaimId)}"]`);
    el?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [selectedClaimId]);

  const selectRef = useRef(onSelectText);
  selectRef.current = onSelectText;
  useEffect(() => {
    if (!editor || !map) return;
    const dom = editor.view.dom;
    const report = () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
        selectRef.current(null);
        return;
      }
      const range = selection.getRangeAt(0);
      if (!dom.contains(range.startContainer) || !dom.contains(range.endContainer)) return;
      let a: number;
      let b: number;
      try {
        a = posToOffset(map, editor.view.posAtDOM(range.startContainer, range.startOffset));
        b = posToOffset(map, editor.view.posAtDOM(range.endContainer, range.endOffset));
      } catch {
        return;
      }
      const [start, end] = trimRange(map.text, Math.min(a, b), Math.max(a, b));
      selectRef.current(end > start ? { start, end, exact: map.text.slice(start, end) } : null);
    };
    dom.addEventListener("mouseup", report);
    dom.addEventListener("keyup", report);
    return () => {
      dom.removeEventListener("mouseup", report);
      dom.removeEventListener("keyup", report);
    };
  }, [editor, map]);

  return (
    <>
      {mismatch ? (
        <div className="alert error" role="alert">
          This page’s copy of the article differs from the server’s. Reload before creating claims.
        </div>
      ) : null}
      {editor ? null : <p className="muted">Loading the article…</p>}
      <EditorContent editor={editor} />
    </>
  );
}
