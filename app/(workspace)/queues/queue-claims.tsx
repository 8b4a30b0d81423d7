"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, type ClaimStatus } from "@/lib/core/vocabulary";
import {
  bulkAssignClaimsAction,
  bulkSetClaimStatusAction,
  bulkTagClaimsAction,
} from "@/lib/entry/actions/queues";

/** A claim as the list shows it (prepared on the server: labels and dates as text). */
export interface QueueClaim {
  id: string;
  version: number;
  number: number;
  href: string;
  articleTitle: string;
  exact: string | null;
  status: ClaimStatus;
  statusLabel: string;
  verdictLabel: string | null;
  recheck: boolean;
  severity: string;
  severityLabel: string;
  assigneeName: string | null;
  tags: string[];
  updated: string;
}

const claimsWord = (n: number) => `${n} claim${n === 1 ? "" : "s"}`;
/** "", or " (1 already was)" when some of the selection needed no change. */
const already = (selected: number, changed: number, verb: string) =>
  selected > changed ? ` (${selected - changed} already ${verb})` : "";

/**
 * The claims of a queue with a selection for bulk actions: a checkbox per row (Space toggles
 * it), one for the whole page, the count selected, and the actions the person may take. Each
 * action sends every selected claim's version: a claim changed since the list was loaded
 * refuses the whole action, and the message names it.
 */
export function QueueClaims({
  claims,
  total,
  filtered,
  people,
  tags,
  can,
}: {
  claims: QueueClaim[];
  total: number;
  filtered: boolean;
  people: { id: string; name: string }[];
  tags: { id: string; name: string }[];
  can: { assign: boolean; tag: boolean; status: boolean };
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [assignee, setAssignee] = useState(people[0]?.id ?? "");
  const [tagId, setTagId] = useState(tags[0]?.id ?? "");
  const [status, setStatus] = useState<ClaimStatus>("in_review");
  const { message, setMessage, pending, submit } = useActionForm();
  const allBox = useRef<HTMLInputElement>(null);
  const chosen = claims.filter((c) => selected.has(c.id));
  const all = claims.length > 0 && chosen.length === claims.length;
  const bulk = can.assign || can.tag || can.status;

  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = chosen.length > 0 && !all;
  }, [chosen.length, all]);

  function toggle(id: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function run(
    call: (sel: { claimId: string; version: number }[]) => Promise<string | null>,
  ) {
    const sel = chosen.map((c) => ({ claimId: c.id, version: c.version }));
    const text = await call(sel);
    // Refused or not, the list is read again: a refusal for a claim changed meanwhile then
    // shows its new state (and sends its new version next time); the message stays.
    router.refresh();
    if (text === null) return;
    setSelected(new Set());
    setMessage({ kind: "success", text });
  }

  const assign = () =>
    run(async (sel) => {
      const done = await submit(() =>
        bulkAssignClaimsAction({ claims: sel, assigneeId: assignee === "" ? null : assignee }),
      );
      if (!done) return null;
      return done.assigneeName
        ? `Assigned ${claimsWord(done.selected)} to ${done.assigneeName}.${already(done.selected, done.changed, "were")}`
        : `Unassigned ${claimsWord(done.selected)}.${already(done.selected, done.changed, "were")}`;
    });
  const tag = (mode: "add" | "remove") =>
    run(async (sel) => {
      const done = await submit(() => bulkTagClaimsAction({ claims: sel, tagId, mode }));
      if (!done) return null;
      return mode === "add"
        ? `Tagged ${claimsWord(done.selected)} “${done.tagName}”.${already(done.selected, done.changed, "had it")}`
        : `Took “${done.tagName}” off ${claimsWord(done.selected)}.${already(done.selected, done.changed, "lacked it")}`;
    });
  const setTo = () =>
    run(async (sel) => {
      const done = await submit(() => bulkSetClaimStatusAction({ claims: sel, status }));
      if (!done) return null;
      return `Set ${claimsWord(done.selected)} to ${done.statusLabel}.${already(done.selected, done.changed, "were")}`;
    });

  const none = chosen.length === 0 || pending;

  return (
    <section className="stack" aria-labelledby="queue-claims-title">
      <h2 id="queue-claims-title" className="section-title">
        {claimsWord(total)}
      </h2>
      <FormMessage message={message} />
      {bulk && claims.length > 0 ? (
        <fieldset className="card bulk-bar" aria-describedby="bulk-count">
          <legend>With the selected claims</legend>
          <p id="bulk-count" className="small" role="status" data-testid="selected-count">
            {chosen.length === 0 ? "No claims selected." : `${claimsWord(chosen.length)} selected.`}
          </p>
          <div className="button-row">
            {can.assign ? (
              <span className="bulk-group">
                <label htmlFor="bulk-assignee">Assign to</label>
                <select
                  id="bulk-assignee"
                  value={assignee}
                  onChange={(e) => setAssignee(e.target.value)}
                >
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                  <option value="">Nobody (unassign)</option>
                </select>
                <button type="button" className="button" disabled={none} onClick={assign}>
                  Assign
                </button>
              </span>
            ) : null}
            {can.tag && tags.length > 0 ? (
              <span className="bulk-group">
                <label htmlFor="bulk-tag">Tag</label>
                <select id="bulk-tag" value={tagId} onChange={(e) => setTagId(e.target.value)}>
                  {tags.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
                <button type="button" className="button" disabled={none} onClick={() => tag("add")}>
                  Add tag
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={none}
                  onClick={() => tag("remove")}
                >
                  Remove tag
                </button>
              </span>
            ) : null}
            {can.status ? (
              <span className="bulk-group">
                <label htmlFor="bulk-status">Status</label>
                <select
                  id="bulk-status"
                  value={status}
                  onChange={(e) => setStatus(e.target.value as ClaimStatus)}
                >
                  {CLAIM_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {CLAIM_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
                <button type="button" className="button" disabled={none} onClick={setTo}>
                  Set status
                </button>
              </span>
            ) : null}
          </div>
        </fieldset>
      ) : null}
      {claims.length === 0 ? (
        <div className="card">
          <p className="empty">
            {filtered ? "No claims match this queue and filter." : "No claims yet."}
          </p>
        </div>
      ) : (
        <table className="table" aria-label="Claims" data-testid="queue-claims">
          <thead>
            <tr>
              {bulk ? (
                <th scope="col">
                  <input
                    ref={allBox}
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={all}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(claims.map((c) => c.id)) : new Set())
                    }
                  />
                </th>
              ) : null}
              <th scope="col">Claim</th>
              <th scope="col">Article</th>
              <th scope="col">Status</th>
              <th scope="col">Severity</th>
              <th scope="col">Assignee</th>
              <th scope="col">Tags</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr key={c.id} aria-selected={bulk ? selected.has(c.id) : undefined}>
                {bulk ? (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select claim ${c.number} in ${c.articleTitle}`}
                      checked={selected.has(c.id)}
                      onChange={(e) => toggle(c.id, e.target.checked)}
                    />
                  </td>
                ) : null}
                <td>
                  <Link href={c.href}>Claim {c.number}</Link>
                  {c.exact ? <div className="quote small">“{c.exact}”</div> : null}
                </td>
                <td>{c.articleTitle}</td>
                <td>
                  <span className={`badge status-${c.status}`}>{c.statusLabel}</span>
                  {c.verdictLabel ? <div className="small">{c.verdictLabel}</div> : null}
                  {c.recheck ? <div className="small">Needs re-check</div> : null}
                </td>
                <td>
                  <span className={`badge severity-${c.severity}`}>{c.severityLabel}</span>
                </td>
                <td>{c.assigneeName ?? <span className="muted">Nobody</span>}</td>
                <td>
                  {c.tags.map((t) => (
                    <span key={t} className="tag-chip">
                      {t}
                    </span>
                  ))}
                </td>
                <td className="small">{c.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
