import type { ReviewClaim } from "@/lib/articles/read";
import {
  CLAIM_SORT_LABELS,
  CLAIM_SORTS,
  type ClaimFilter,
  type ClaimSort,
  claimProgress,
  filterAndSort,
  NO_FILTER,
} from "@/lib/claims/list-view";
import {
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  VERDICT_INFO,
  VERDICTS,
} from "@/lib/domain/vocabulary";
import { claimLook } from "./claim-style";

export interface ClaimListView {
  filter: ClaimFilter;
  sort: ClaimSort;
}

export const DEFAULT_LIST_VIEW: ClaimListView = { filter: NO_FILTER, sort: "position" };

/** Progress, filters, sort and the list of an article's claims. */
export function ClaimList({
  claims,
  selectedId,
  onSelect,
  view,
  onViewChange,
}: {
  claims: ReviewClaim[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  view: ClaimListView;
  onViewChange: (view: ClaimListView) => void;
}) {
  if (claims.length === 0) {
    return (
      <p className="empty">No claims yet. Select text in the article to create the first one.</p>
    );
  }
  const progress = claimProgress(claims);
  const shown = filterAndSort(claims, view.filter, view.sort);
  const assignees = [
    ...new Map(
      claims.flatMap((c) => (c.assigneeId ? [[c.assigneeId, c.assigneeName ?? "Unknown"]] : [])),
    ),
  ].sort((a, b) => a[1].localeCompare(b[1]));
  const setFilter = <K extends keyof ClaimFilter>(key: K, value: ClaimFilter[K]) =>
    onViewChange({ ...view, filter: { ...view.filter, [key]: value } });
  const filtered = shown.length !== claims.length;

  return (
    <div className="stack">
      <div data-testid="claim-progress">
        <progress
          max={progress.total}
          value={progress.done}
          aria-label="Claims done (resolved or not check-worthy)"
          style={{ width: "100%" }}
        />
        <p className="small muted" style={{ margin: 0 }}>
          {progress.done} of {progress.total} done ({progress.percent}%) ·{" "}
          {CLAIM_STATUSES.map(
            (s) => `${progress.byStatus[s]} ${CLAIM_STATUS_LABELS[s].toLowerCase()}`,
          ).join(" · ")}
        </p>
      </div>
      <fieldset className="filters">
        <legend className="visually-hidden">Filter and sort claims</legend>
        <div className="filter">
          <label htmlFor="filter-status">Status</label>
          <select
            id="filter-status"
            value={view.filter.status}
            onChange={(e) => setFilter("status", e.target.value as ClaimFilter["status"])}
          >
            <option value="any">Any</option>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CLAIM_STATUS_LABELS[s]} ({progress.byStatus[s]})
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-verdict">Verdict</label>
          <select
            id="filter-verdict"
            value={view.filter.verdict}
            onChange={(e) => setFilter("verdict", e.target.value as ClaimFilter["verdict"])}
          >
            <option value="any">Any</option>
            <option value="none">No verdict</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {VERDICT_INFO[v].label}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-severity">Severity</label>
          <select
            id="filter-severity"
            value={view.filter.severity}
            onChange={(e) => setFilter("severity", e.target.value as ClaimFilter["severity"])}
          >
            <option value="any">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-assignee">Assignee</label>
          <select
            id="filter-assignee"
            value={view.filter.assignee}
            onChange={(e) => setFilter("assignee", e.target.value)}
          >
            <option value="any">Anyone</option>
            <option value="none">Unassigned</option>
            {assignees.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-sort-by">Sort by</label>
          <select
            id="filter-sort-by"
            value={view.sort}
            onChange={(e) => onViewChange({ ...view, sort: e.target.value as ClaimSort })}
          >
            {CLAIM_SORTS.map((s) => (
              <option key={s} value={s}>
                {CLAIM_SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p className="small muted" role="status" style={{ margin: 0 }}>
        {filtered ? `Showing ${shown.length} of ${claims.length} claims.` : ""}
        {filtered ? (
          <>
            {" "}
            <button
              type="button"
              className="link-button"
              onClick={() => onViewChange({ ...view, filter: NO_FILTER })}
            >
              Clear filters
            </button>
          </>
        ) : null}
      </p>
      {shown.length === 0 ? (
        <p className="empty">No claims match these filters.</p>
      ) : (
        <ol className="claim-list" aria-label="Claims">
          {shown.map((c) => {
            const look = claimLook(c);
            return (
              <li key={c.id}>
                <button
                  type="button"
                  aria-current={c.id === selectedId}
                  onClick={() => onSelect(c.id)}
                >
                  <span className="button-row">
                    <strong>Claim {c.number}</strong>
                    <span className={`badge ${look.className}`}>{look.label}</span>
                    <span className={`badge severity-${c.severity}`}>
                      {SEVERITY_LABELS[c.severity]}
                    </span>
                    {c.anchor.state === "orphaned" ? (
                      <span className="badge status-dismissed">Orphaned</span>
                    ) : null}
                  </span>
                  <span className="quote">“{c.anchor.exact}”</span>
                  {c.assigneeName ? (
                    <span className="small muted">Assigned to {c.assigneeName}</span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
