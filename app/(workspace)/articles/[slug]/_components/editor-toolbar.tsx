"use client";

import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { SAFE_HREF } from "@/lib/core/document/safe-href";

interface ToolButton {
  key: string;
  label: string;
  /** Shown on the button (the accessible name is `label`). */
  text: string;
  shortcut?: string;
  /** Toggle buttons report their state with aria-pressed; actions (undo) do not. */
  active?: (e: Editor) => boolean;
  run: (e: Editor) => void;
  enabled?: (e: Editor) => boolean;
}

const BUTTONS: ToolButton[] = [
  {
    key: "bold",
    label: "Bold",
    text: "B",
    shortcut: "Control+B",
    active: (e) => e.isActive("bold"),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    key: "italic",
    label: "Italic",
    text: "I",
    shortcut: "Control+I",
    active: (e) => e.isActive("italic"),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  ...([1, 2, 3] as const).map(
    (level): ToolButton => ({
      key: `h${level}`,
      label: `Heading ${level}`,
      text: `H${level}`,
      shortcut: `Control+Alt+${level}`,
      active: (e) => e.isActive("heading", { level }),
      run: (e) => e.chain().focus().toggleHeading({ level }).run(),
    }),
  ),
  {
    key: "bullet",
    label: "Bulleted list",
    text: "• List",
    shortcut: "Control+Shift+8",
    active: (e) => e.isActive("bulletList"),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    key: "ordered",
    label: "Numbered list",
    text: "1. List",
    shortcut: "Control+Shift+7",
    active: (e) => e.isActive("orderedList"),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    key: "quote",
    label: "Block quote",
    text: "❝ Quote",
    shortcut: "Control+Shift+B",
    active: (e) => e.isActive("blockquote"),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    key: "undo",
    label: "Undo",
    text: "↶ Undo",
    shortcut: "Control+Z",
    run: (e) => e.chain().focus().undo().run(),
    enabled: (e) => e.can().undo(),
  },
  {
    key: "redo",
    label: "Redo",
    text: "↷ Redo",
    shortcut: "Control+Y",
    run: (e) => e.chain().focus().redo().run(),
    enabled: (e) => e.can().redo(),
  },
];

/** True for a link address the article may hold: http(s) or mailto, and a well-formed URL. */
export function isSafeLink(href: string): boolean {
  if (!SAFE_HREF.test(href)) return false;
  try {
    new URL(href);
    return true;
  } catch {
    return false;
  }
}

/**
 * The editor's formatting toolbar (WAI-ARIA toolbar: one tab stop, arrow keys move between
 * buttons). Toggle buttons say whether they are on with aria-pressed; the link button opens a
 * small form that accepts only http(s) and mailto addresses. `linkRequest` changes when the
 * editor asks for the link form (Control+K).
 */
export function EditorToolbar({ editor, linkRequest }: { editor: Editor; linkRequest: number }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      active: Object.fromEntries(BUTTONS.map((b) => [b.key, b.active?.(e) ?? false])),
      enabled: Object.fromEntries(BUTTONS.map((b) => [b.key, b.enabled?.(e) ?? true])),
      link: e.isActive("link"),
      href: (e.getAttributes("link").href as string | undefined) ?? "",
    }),
  });
  const [focusIndex, setFocusIndex] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);
  const [seenRequest, setSeenRequest] = useState(linkRequest);
  const linkIndex = BUTTONS.length;
  const hrefRef = useRef<HTMLInputElement>(null);
  // The person asked for the form (button or Control+K): take them to its field.
  useEffect(() => {
    if (linkOpen) hrefRef.current?.focus();
  }, [linkOpen]);

  const openLink = () => {
    setHref(state.href);
    setLinkError(null);
    setLinkOpen(true);
  };
  if (linkRequest !== seenRequest) {
    setSeenRequest(linkRequest);
    openLink();
  }

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const count = BUTTONS.length + 1;
    const next =
      event.key === "ArrowRight"
        ? (focusIndex + 1) % count
        : event.key === "ArrowLeft"
          ? (focusIndex - 1 + count) % count
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? count - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    refs.current[next]?.focus();
  };

  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    const value = href.trim();
    if (!isSafeLink(value)) {
      setLinkError("Use a web address (https://…) or an e-mail link (mailto:…).");
      return;
    }
    if (editor.state.selection.empty && !editor.isActive("link")) {
      setLinkError("Select the words to link first.");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink(value).run();
    setLinkOpen(false);
  };

  const removeLink = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    setLinkOpen(false);
  };

  return (
    <div className="editor-toolbar-wrap">
      <div
        className="editor-toolbar"
        role="toolbar"
        aria-label="Formatting"
        aria-controls="article-editor"
        onKeyDown={move}
      >
        {BUTTONS.map((b, i) => (
          <button
            key={b.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className="tool"
            tabIndex={i === focusIndex ? 0 : -1}
            aria-label={b.label}
            aria-keyshortcuts={b.shortcut}
            title={b.shortcut ? `${b.label} (${b.shortcut.replace("Control", "Ctrl")})` : b.label}
            aria-pressed={b.active ? Boolean(state.active[b.key]) : undefined}
            disabled={!state.enabled[b.key]}
            onFocus={() => setFocusIndex(i)}
            onClick={() => b.run(editor)}
          >
            {b.text}
          </button>
        ))}
        <button
          ref={(el) => {
            refs.current[linkIndex] = el;
          }}
          type="button"
          className="tool"
          tabIndex={focusIndex === linkIndex ? 0 : -1}
          aria-label="Link"
          aria-keyshortcuts="Control+K"
          title="Link (Ctrl+K)"
          aria-pressed={state.link}
          aria-expanded={linkOpen}
          onFocus={() => setFocusIndex(linkIndex)}
          onClick={() => (linkOpen ? setLinkOpen(false) : openLink())}
        >
          🔗 Link
        </button>
      </div>
      {linkOpen ? (
        <form className="link-form" aria-label="Link" onSubmit={applyLink} noValidate>
          <label htmlFor="link-href">Link address</label>
          <input
            id="link-href"
            type="url"
            ref={hrefRef}
            value={href}
            placeholder="https://"
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? "link-href-error" : undefined}
            onChange={(e) => setHref(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.preventDefault();
                setLinkOpen(false);
                editor.commands.focus();
              }
            }}
          />
          <button type="submit" className="button">
            Apply link
          </button>
          {state.link ? (
            <button type="button" className="button" onClick={removeLink}>
              Remove link
            </button>
          ) : null}
          {linkError ? (
            <p className="field-error" id="link-href-error" role="alert">
              {linkError}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
