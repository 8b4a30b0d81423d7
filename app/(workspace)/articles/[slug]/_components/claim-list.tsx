import {
  CLAIM_SORT_LABELS,
  CLAIM_SORTS,
  type ClaimFilter,
  type ClaimSort,
  claimProgress,
  filterAndSort,
  NO_FILTER,
} from "@/lib/core/claims/list-view";
import {
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  VERDICT_INFO,
  VERDICTS,
} from "@/lib/core/vocabulary";
import type { ReviewClaim } from "@/lib/services/articles/read";
import { ClaimListItem } from "./claim-list-item";
import { EvidenceSummaryLine } from "./evidence-summary";
import { PresenceNote } from "./live-presence";

export interface ClaimListView {
  filter: ClaimFilter;
  sort: ClaimSort;
  /** How many of the matching claims are listed: a long article has thousands. */
  limit: number;
}

/** Claims listed at first and added by each "Show more". */
const PAGE = 100;

export const DEFAULT_LIST_VIEW: ClaimListView = {
  filter: NO_FILTER,
  sort: "position",
  limit: PAGE,
};

type Option = [value: string, label: string];

function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
}) {
  const id = `filter-${label.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

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
  const assignees: Option[] = [
    ...new Map(
      claims.flatMap((c): Option[] =>
        c.assigneeId ? [[c.assigneeId, c.assigneeName ?? "Unknown"]] : [],
      ),
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
        <FilterSelect
          label="Status"
          value={view.filter.status}
          onChange={(v) => setFilter("status", v as ClaimFilter["status"])}
          options={[
            ["any", "Any"],
            ...CLAIM_STATUSES.map(
              (s): Option => [s, `${CLAIM_STATUS_LABELS[s]} (${progress.byStatus[s]})`],
            ),
          ]}
        />
        <FilterSelect
          label="Verdict"
          value={view.filter.verdict}
          onChange={(v) => setFilter("verdict", v as ClaimFilter["verdict"])}
          options={[
            ["any", "Any"],
            ["none", "No verdict"],
            ...VERDICTS.map((v): Option => [v, VERDICT_INFO[v].label]),
          ]}
        />
        <FilterSelect
          label="Severity"
          value={view.filter.severity}
          onChange={(v) => setFilter("severity", v as ClaimFilter["severity"])}
          options={[["any", "Any"], ...SEVERITIES.map((s): Option => [s, SEVERITY_LABELS[s]])]}
        />
        <FilterSelect
          label="Assignee"
          value={view.filter.assignee}
          onChange={(v) => setFilter("assignee", v)}
          options={[["any", "Anyone"], ["none", "Unassigned"], ...assignees]}
        />
        <FilterSelect
          label="Sort by"
          value={view.sort}
          onChange={(v) => onViewChange({ ...view, sort: v as ClaimSort })}
          options={CLAIM_SORTS.map((s): Option => [s, CLAIM_SORT_LABELS[s]])}
        />
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
          {shown.slice(0, view.limit).map((c) => (
            <ClaimListItem
              key={c.id}
              claim={c}
              anchor="changes"
              badges={
                <span className={`badge severity-${c.severity}`}>
                  {SEVERITY_LABELS[c.severity]}
                </span>
              }
              stale={c.verdictStale}
              selected={c.id === selectedId}
              onSelect={() => onSelect(c.id)}
            >
              <EvidenceSummaryLine evidence={c.evidence} compact />
              {c.assigneeName ? (
                <span className="small muted">Assigned to {c.assigneeName}</span>
              ) : null}
              <PresenceNote claimId={c.id} />
            </ClaimListItem>
          ))}
        </ol>
      )}
      {shown.length > view.limit ? (
        <p className="small muted" style={{ margin: 0 }}>
          {view.limit} of {shown.length} listed.{" "}
          <button
            type="button"
            className="button"
            onClick={() => onViewChange({ ...view, limit: view.limit + PAGE })}
          >
            Show {Math.min(PAGE, shown.length - view.limit)} more
          </button>
        </p>
      ) : null}
    </div>
  );
}
