"use client";

import { type KeyboardEvent, useId, useRef, useState } from "react";
import type { ReferenceMetadata } from "@/lib/core/references/metadata";

/** What the look-up route answers (app/api/references/lookup/route.ts). */
type LookupAnswer =
  | { metadata: ReferenceMetadata; referenceId?: string; cached: boolean }
  | { error: { message: string; kind?: string } };

async function fetchLookup(pasted: string): Promise<LookupAnswer> {
  try {
    const res = await fetch(`/api/references/lookup?id=${encodeURIComponent(pasted)}`, {
      headers: { accept: "application/json" },
      cache: "no-store",
    });
    const body = (await res.json().catch(() => null)) as LookupAnswer | null;
    if (body && ("metadata" in body || "error" in body)) return body;
    return {
      error: {
        message: `The look-up failed (HTTP ${res.status}). You can still type the details in by hand.`,
      },
    };
  } catch {
    return {
      error: {
        message:
          "The look-up could not reach Claimdesk (offline?). You can still type the details in by hand.",
      },
    };
  }
}

/** "Quintessence international 2013;44(10):793-8", as the citation will read. */
export function citationDetails(m: ReferenceMetadata): string {
  const volume = m.volume
    ? `${m.volume}${m.issue ? `(${m.issue})` : ""}`
    : m.issue
      ? `(${m.issue})`
      : "";
  const where = [m.year ?? "", volume].filter((p) => p !== "").join(";");
  return [m.journal, [where, m.pages].filter(Boolean).join(":")].filter(Boolean).join(" ");
}

/**
 * The look-up at the top of the evidence form: paste a DOI, PMID or PMCID (or a link to one),
 * press Enter or "Look up". The found metadata goes to `onFound` (the form fills what is empty),
 * the abstract is shown to quote from ("Use selected text as excerpt"). Errors are in words and
 * announced; manual entry is never blocked.
 */
export function EvidenceLookup({
  onFound,
  onExcerpt,
}: {
  onFound: (metadata: ReferenceMetadata) => void;
  onExcerpt: (text: string) => void;
}) {
  const p = useId();
  const [pasted, setPasted] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<ReferenceMetadata | null>(null);
  const [fromList, setFromList] = useState(false);
  const [selected, setSelection] = useState("");
  const [excerptNote, setExcerptNote] = useState<string | null>(null);
  const abstractRef = useRef<HTMLElement>(null);

  async function lookUp() {
    if (pending) return;
    if (pasted.trim() === "") {
      setError("Paste a DOI, PMID or PMCID first.");
      return;
    }
    setPending(true);
    setError(null);
    setExcerptNote(null);
    const answer = await fetchLookup(pasted);
    setPending(false);
    if ("error" in answer) {
      setError(answer.error.message);
      return;
    }
    setFound(answer.metadata);
    setFromList(answer.referenceId !== undefined);
    setSelection("");
    onFound(answer.metadata);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter looks up rather than submitting the evidence form around it.
    if (event.key === "Enter") {
      event.preventDefault();
      void lookUp();
    }
  }

  /**
   * The text selected in the abstract, clipped to it: a triple-click on its last paragraph
   * selects up to the start of whatever follows the box, which is not part of the quote.
   */
  function selectedInAbstract(): string {
    const sel = window.getSelection();
    const box = abstractRef.current;
    if (!sel || !box || sel.rangeCount === 0 || sel.isCollapsed) return "";
    const range = sel.getRangeAt(0).cloneRange();
    const startsIn = box.contains(range.startContainer);
    const endsIn = box.contains(range.endContainer);
    if (!startsIn && !endsIn && !range.intersectsNode(box)) return "";
    if (!startsIn) range.setStart(box, 0);
    if (!endsIn) range.setEnd(box, box.childNodes.length);
    return range.toString().replace(/\s+/g, " ").trim();
  }

  function readSelection() {
    setSelection(selectedInAbstract());
  }

  return (
    <div className="card" style={{ marginBottom: "0.9rem" }} data-testid="evidence-lookup">
      <label className="label" htmlFor={`${p}-id`}>
        Look up DOI, PMID or PMCID
      </label>
      <div className="button-row">
        <input
          id={`${p}-id`}
          type="text"
          value={pasted}
          placeholder="10.1000/xyz, 23878845, PMC3261988 or a link"
          autoComplete="off"
          spellCheck={false}
          maxLength={2000}
          aria-describedby={`${p}-status`}
          onChange={(e) => setPasted(e.target.value)}
          onKeyDown={onKeyDown}
          style={{ flex: "1 1 16rem" }}
        />
        <button type="button" className="button" onClick={() => void lookUp()} aria-busy={pending}>
          {pending ? "Looking up…" : "Look up"}
        </button>
      </div>
      <div id={`${p}-status`} aria-live="polite" className="small">
        {pending ? <p className="muted">Looking up {pasted.trim()}…</p> : null}
        {error ? (
          <p className="alert error" data-testid="lookup-error">
            {error}
          </p>
        ) : null}
        {found && !pending && !error ? (
          <p className="muted" data-testid="lookup-found">
            {fromList ? "From the reference list: " : "Found: "}
            {citationDetails(found) || found.title}. Empty fields were filled in; check them.
          </p>
        ) : null}
      </div>
      {found?.abstract ? (
        <div style={{ marginTop: "0.5rem" }}>
          <p className="label" id={`${p}-abstract-label`} style={{ margin: "0 0 0.25rem" }}>
            Abstract
          </p>
          {/* Focusable and scrollable by keyboard; select text in it to quote as the excerpt. */}
          <section
            ref={abstractRef}
            aria-labelledby={`${p}-abstract-label`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (WCAG 2.1.1)
            tabIndex={0}
            data-testid="lookup-abstract"
            onMouseUp={readSelection}
            onKeyUp={readSelection}
            style={{
              maxHeight: "14rem",
              overflowY: "auto",
              lineHeight: 1.5,
              padding: "0.5rem 0.75rem",
              border: "1px solid var(--border, #ccc)",
              borderRadius: "4px",
            }}
          >
            {found.abstract.split("\n\n").map((para, i) => (
              // The abstract's paragraphs, in their order: the index is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, never reordered
              <p key={i} style={{ margin: i === 0 ? 0 : "0.6rem 0 0" }}>
                {para}
              </p>
            ))}
          </section>
          <div className="button-row small" style={{ marginTop: "0.4rem" }}>
            <button
              type="button"
              className="button"
              // Keeps the selection: pressing a button must not clear what it acts on.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                const selection = selectedInAbstract() || selected;
                if (!selection) {
                  setExcerptNote("Select a passage in the abstract first.");
                  return;
                }
                onExcerpt(selection);
                setExcerptNote("The selected text is now the excerpt.");
              }}
            >
              Use selected text as excerpt
            </button>
            <span aria-live="polite" className="muted">
              {excerptNote}
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
