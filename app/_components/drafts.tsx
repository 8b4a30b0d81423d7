"use client";

import { useContext, useEffect, useRef, useState } from "react";
import { DraftUser } from "./draft-scope";

/**
 * Drafts: what a person typed into a form and has not saved yet, kept in this browser so that
 * switching claims, following a link or reloading loses nothing. One entry per user, claim and
 * form ("field"), in localStorage, removed when the form is saved, cancelled or discarded, or
 * when its text is back to the saved value. Keyed by the user's id so that people sharing a
 * browser never see each other's drafts. Each entry remembers the saved value it was typed
 * over: when that changed since (someone else saved), the draft is still restored, but the
 * note says so, since saving it would replace their version.
 *
 * Plain JSON, no schema library: zod is kept out of client code (CSP, docs/architecture.md).
 */

const PREFIX = "claimdesk:draft:v1";
/** Older drafts are dropped when read: a month-old half sentence is noise, not work. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

// When localStorage is refused (storage disabled, quota full), drafts live in this page's
// memory instead: they then survive switching claims, but not a reload.
const memory = new Map<string, string>();

function readRaw(key: string): string | null {
  try {
    const text = localStorage.getItem(key);
    if (text !== null) return text;
  } catch {}
  return memory.get(key) ?? null;
}

function writeRaw(key: string, text: string) {
  memory.delete(key);
  try {
    localStorage.setItem(key, text);
  } catch {
    memory.set(key, text);
  }
}

function removeRaw(key: string) {
  memory.delete(key);
  try {
    localStorage.removeItem(key);
  } catch {}
}

/** A stored draft: its value, the saved value (as JSON text) it was typed over, when. */
interface Stored {
  v: unknown;
  base: string;
  at: number;
}

function readDraft(key: string): Stored | null {
  const text = readRaw(key);
  if (text === null) return null;
  try {
    const d = JSON.parse(text) as Partial<Stored> | null;
    if (d && "v" in d && typeof d.base === "string" && typeof d.at === "number") {
      if (Date.now() - d.at <= MAX_AGE_MS) return d as Stored;
    }
  } catch {}
  removeRaw(key);
  return null;
}

function useDraftKey(claimId: string, field: string, enabled: boolean): string | null {
  const userId = useContext(DraftUser);
  return userId && enabled ? `${PREFIX}:${encodeURIComponent(userId)}:${claimId}:${field}` : null;
}

/** Whether a draft was put back into the form, and whether the saved value changed since. */
export type DraftRestored = null | "restored" | "stale";

export interface Draft {
  restored: DraftRestored;
  /** Throws the draft away and puts the saved value back. */
  discard: () => void;
  /** Forgets the draft, leaving the form as it is: after a save or a cancel. */
  clear: () => void;
}

/**
 * Keeps `value` (a form's JSON-serializable state) as a draft while it differs from `saved`,
 * and on mount (or when `enabled` turns on) hands a stored draft to `restore`.
 */
export function useDraft<T>({
  claimId,
  field,
  saved,
  value,
  restore,
  enabled = true,
}: {
  claimId: string;
  /** Which form of the claim: "review", "editorNote", "comment-new", `evidence-<id>`… */
  field: string;
  saved: T;
  value: T;
  restore: (value: T) => void;
  enabled?: boolean;
}): Draft {
  const key = useDraftKey(claimId, field, enabled);
  const savedJson = JSON.stringify(saved);
  const valueJson = JSON.stringify(value);
  const [restored, setRestored] = useState<DraftRestored>(null);
  const loadedKey = useRef<string | null>(null);
  const base = useRef(savedJson);
  // The latest callback, without making the effect re-run when a parent passes a new one.
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  useEffect(() => {
    if (!key) {
      loadedKey.current = null;
      return;
    }
    if (loadedKey.current !== key) {
      loadedKey.current = key;
      const stored = readDraft(key);
      if (stored && JSON.stringify(stored.v) !== savedJson) {
        base.current = stored.base;
        setRestored(stored.base === savedJson ? "restored" : "stale");
        restoreRef.current(stored.v as T);
        return;
      }
      base.current = savedJson;
    }
    if (valueJson === savedJson) {
      removeRaw(key);
      base.current = savedJson;
      setRestored(null);
    } else {
      writeRaw(key, `{"at":${Date.now()},"base":${JSON.stringify(base.current)},"v":${valueJson}}`);
    }
  }, [key, valueJson, savedJson]);

  const clear = () => {
    if (key) removeRaw(key);
    base.current = savedJson;
    setRestored(null);
  };
  return {
    restored,
    clear,
    discard: () => {
      clear();
      restoreRef.current(JSON.parse(savedJson) as T);
    },
  };
}

/**
 * Calls `open` once after mount when a draft of this form is stored: for forms that are
 * closed until asked for (add evidence, edit a comment), so that a draft reopens its form.
 */
export function useReopenDraft(claimId: string, field: string, open: () => void, enabled = true) {
  const key = useDraftKey(claimId, field, enabled);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (key && readDraft(key)) openRef.current();
  }, [key]);
}

/** The visible "Draft restored" note, with the way to throw the draft away. */
export function DraftNote({ draft }: { draft: Draft }) {
  if (!draft.restored) return null;
  const stale = draft.restored === "stale";
  return (
    <div className={`alert ${stale ? "warning" : "success"}`} role="status" data-testid="draft">
      <strong>Draft restored.</strong>{" "}
      {stale
        ? "The saved version changed since you wrote it: saving your draft replaces that version."
        : "Not saved yet."}{" "}
      <button type="button" className="link-button" onClick={draft.discard}>
        Discard draft
      </button>
    </div>
  );
}
