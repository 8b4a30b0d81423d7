"use client";

import { useState } from "react";
import { dateTimeFormat } from "@/app/_components/date-format";
import type { HistoryEntry } from "@/lib/core/audit/claim-history";

type State =
  | { kind: "closed" }
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "loaded"; entries: HistoryEntry[] };

/**
 * The claim's timeline, loaded when opened (most visits never open it, and a long history
 * should not weigh on the page). The panel remounts on every new version, so it is fresh.
 */
export function ClaimHistory({ claimId }: { claimId: string }) {
  const [state, setState] = useState<State>({ kind: "closed" });

  async function load() {
    setState({ kind: "loading" });
    try {
      const res = await fetch(`/api/claims/${encodeURIComponent(claimId)}/history`, {
        cache: "no-store",
      });
      const body = (await res.json()) as
        | { entries: HistoryEntry[] }
        | { error: { message: string } };
      if (!res.ok || "error" in body) {
        setState({
          kind: "error",
          message: "error" in body ? body.error.message : "The history could not be loaded.",
        });
        return;
      }
      setState({ kind: "loaded", entries: body.entries });
    } catch {
      setState({
        kind: "error",
        message: "The history could not be loaded. Check your connection.",
      });
    }
  }

  return (
    <details
      className="claim-history"
      onToggle={(e) => {
        if (e.currentTarget.open && state.kind === "closed") void load();
      }}
    >
      <summary>History</summary>
      {state.kind === "loading" ? <p className="muted small">Loading history…</p> : null}
      {state.kind === "error" ? (
        <div className="alert error" role="alert">
          {state.message}{" "}
          <button type="button" className="link-button" onClick={load}>
            Try again
          </button>
        </div>
      ) : null}
      {state.kind === "loaded" ? (
        state.entries.length === 0 ? (
          <p className="empty">No history yet.</p>
        ) : (
          <ol className="timeline" aria-label="Claim history">
            {state.entries.map((e) => (
              <li key={e.id}>
                <p className="small" style={{ margin: 0 }}>
                  <strong>{e.actor}</strong> {e.summary}{" "}
                  <time className="muted" dateTime={e.at}>
                    {dateTimeFormat.format(new Date(e.at))}
                  </time>
                </p>
                {e.changes.length > 0 ? (
                  <ul className="small changes">
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        {c.field}: <del>{c.before}</del> → <ins>{c.after}</ins>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {e.note ? <p className="small muted">Note: {e.note}</p> : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </details>
  );
}
