"use client";

/**
 * The @-mention picker of a comment box, loaded on the first `@` typed (React.lazy in
 * comments-section.tsx: the review page's first load does not carry it). While the word at the
 * caret starts with `@`, it lists the workspace members whose name matches what follows
 * (GET /api/members), as an ARIA combobox on the textarea: ArrowDown/ArrowUp move, Enter or
 * Tab picks, Escape closes. Picking writes `@Name ` in the box and tells the form the person's
 * id, which goes with the comment; the server makes the stored mention of it.
 */
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { mentionQueryAt } from "@/lib/core/comments/mentions";

interface Member {
  id: string;
  name: string;
}

export default function MentionPicker({
  box,
  value,
  onChange,
  onPick,
}: {
  box: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onChange: (value: string) => void;
  onPick: (id: string) => void;
}) {
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [members, setMembers] = useState<Member[]>([]);
  const [active, setActive] = useState(0);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const found = mentionQueryAt(value, caret);
  const query = found && found.at !== closedAt ? found : null;
  const open = query !== null && (members.length > 0 || failed);
  // Escape closes the list for that `@`; once the `@` is gone, a new one there opens it again.
  const foundAt = found?.at ?? null;
  useEffect(() => {
    if (foundAt === null) setClosedAt(null);
  }, [foundAt]);
  const state = useRef({ open, members, active, query });
  state.current = { open, members, active, query };

  // The caret moves with typing, clicks and arrow keys: follow it.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const follow = () => setCaret(el.selectionStart ?? 0);
    follow();
    for (const type of ["input", "keyup", "click", "focus"]) el.addEventListener(type, follow);
    return () => {
      for (const type of ["input", "keyup", "click", "focus"]) el.removeEventListener(type, follow);
    };
  }, [box]);

  // The members matching what follows the `@`, asked again as it changes (the last answer wins).
  const q = query?.query;
  useEffect(() => {
    if (q === undefined) return;
    const abort = new AbortController();
    fetch(`/api/members?q=${encodeURIComponent(q)}`, { signal: abort.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((d: { members: Member[] }) => {
        setMembers(d.members);
        setActive(0);
        setFailed(false);
      })
      .catch(() => {
        if (!abort.signal.aborted) setFailed(true);
      });
    return () => abort.abort();
  }, [q]);

  function pick(member: Member) {
    const el = box.current;
    const at = state.current.query;
    if (!el || !at) return;
    const end = at.at + 1 + at.query.length;
    const inserted = `@${member.name} `;
    onChange(value.slice(0, at.at) + inserted + value.slice(end));
    onPick(member.id);
    // That `@` is done: the list stays closed while the name follows it.
    setClosedAt(at.at);
    const next = at.at + inserted.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next, next);
      setCaret(next);
    });
  }
  const pickRef = useRef(pick);
  pickRef.current = pick;

  // Keys go to the list while it is open, before the box's own (Ctrl+Enter, Escape) see them.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      const s = state.current;
      if (!s.open || s.members.length === 0) {
        if (s.open && e.key === "Escape" && s.query) {
          e.preventDefault();
          e.stopPropagation();
          setClosedAt(s.query.at);
        }
        return;
      }
      const n = s.members.length;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        setActive((s.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
      } else if ((e.key === "Enter" && !e.ctrlKey && !e.metaKey) || e.key === "Tab") {
        const m = s.members[s.active];
        if (m) pickRef.current(m);
      } else if (e.key === "Escape") {
        if (s.query) setClosedAt(s.query.at);
      } else return;
      e.preventDefault();
      e.stopPropagation();
    };
    el.addEventListener("keydown", onKey);
    return () => el.removeEventListener("keydown", onKey);
  }, [box]);

  // The textarea is the combobox while the list is open.
  const activeId = open && members[active] ? `${listId}-${active}` : null;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.setAttribute("aria-autocomplete", "list");
    el.setAttribute("aria-expanded", String(open));
    if (open) {
      el.setAttribute("role", "combobox");
      el.setAttribute("aria-controls", listId);
    } else {
      el.removeAttribute("role");
      el.removeAttribute("aria-controls");
    }
    if (activeId) el.setAttribute("aria-activedescendant", activeId);
    else el.removeAttribute("aria-activedescendant");
  }, [box, open, listId, activeId]);

  if (!open) return null;
  return (
    <div className="mention-picker">
      {failed ? (
        <p className="field-error" role="status">
          The list of members could not be loaded. Type on, or try again.
        </p>
      ) : (
        <div id={listId} role="listbox" aria-label="Mention someone">
          {members.map((m, i) => (
            <div
              key={m.id}
              id={`${listId}-${i}`}
              role="option"
              // Focus stays in the box (aria-activedescendant names the option).
              tabIndex={-1}
              aria-selected={i === active}
              // Before the box's blur: a click picks, and the caret stays in the box.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              {m.name}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
