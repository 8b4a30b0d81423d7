/**
 * Filtering, sorting and counting the claims of an article for the claim list. Pure, so the
 * list's behaviour is tested without a browser.
 */
import {
  CLAIM_STATUSES,
  type ClaimStatus,
  SEVERITIES,
  type Severity,
  VERDICTS,
  type Verdict,
} from "@/lib/core/vocabulary";

export interface ListableClaim {
  number: number;
  status: ClaimStatus;
  verdict: Verdict | null;
  severity: Severity;
  assigneeId: string | null;
  updatedAt: Date | string;
  anchor: { start: number | null };
}

/** "any" matches everything; "none" on verdict and assignee matches claims without one. */
export interface ClaimFilter {
  status: ClaimStatus | "any";
  verdict: Verdict | "none" | "any";
  severity: Severity | "any";
  assignee: string | "none" | "any";
}

export const CLAIM_SORTS = [
  "position",
  "severity",
  "status",
  "verdict",
  "number",
  "updated",
] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export const CLAIM_SORT_LABELS: Record<ClaimSort, string> = {
  position: "Position in text",
  severity: "Severity (high first)",
  status: "Status (unstarted first)",
  verdict: "Verdict (worst first)",
  number: "Claim number",
  updated: "Recently updated",
};

export const NO_FILTER: ClaimFilter = {
  status: "any",
  verdict: "any",
  severity: "any",
  assignee: "any",
};

export function matchesFilter(claim: ListableClaim, f: ClaimFilter): boolean {
  if (f.status !== "any" && claim.status !== f.status) return false;
  if (
    f.verdict === "none"
      ? claim.verdict !== null
      : f.verdict !== "any" && claim.verdict !== f.verdict
  )
    return false;
  if (f.severity !== "any" && claim.severity !== f.severity) return false;
  if (
    f.assignee === "none"
      ? claim.assigneeId !== null
      : f.assignee !== "any" && claim.assigneeId !== f.assignee
  )
    return false;
  return true;
}

const time = (d: Date | string) => (typeof d === "string" ? Date.parse(d) : d.getTime());
/** Worst verdict first; claims without a verdict after all rated ones. */
const verdictRank = (v: Verdict | null) =>
  v === null ? VERDICTS.length : VERDICTS.length - 1 - VERDICTS.indexOf(v);

const COMPARATORS: Record<ClaimSort, (a: ListableClaim, b: ListableClaim) => number> = {
  position: (a, b) =>
    (a.anchor.start ?? Number.MAX_SAFE_INTEGER) - (b.anchor.start ?? Number.MAX_SAFE_INTEGER),
  severity: (a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity),
  status: (a, b) => CLAIM_STATUSES.indexOf(a.status) - CLAIM_STATUSES.indexOf(b.status),
  verdict: (a, b) => verdictRank(a.verdict) - verdictRank(b.verdict),
  number: (a, b) => a.number - b.number,
  updated: (a, b) => time(b.updatedAt) - time(a.updatedAt),
};

/** The claims that pass the filter, sorted; ties keep claim-number order. */
export function filterAndSort<C extends ListableClaim>(
  claims: readonly C[],
  filter: ClaimFilter,
  sort: ClaimSort,
): C[] {
  const compare = COMPARATORS[sort];
  return claims
    .filter((c) => matchesFilter(c, filter))
    .sort((a, b) => compare(a, b) || a.number - b.number);
}

export interface ClaimProgress {
  total: number;
  byStatus: Record<ClaimStatus, number>;
  /** Resolved plus dismissed: the claims nobody needs to look at again. */
  done: number;
  /** 0–100, rounded down so that 100 means every claim is done. */
  percent: number;
}

export function claimProgress(claims: readonly { status: ClaimStatus }[]): ClaimProgress {
  const byStatus = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<
    ClaimStatus,
    number
  >;
  for (const c of claims) byStatus[c.status]++;
  const done = byStatus.resolved + byStatus.dismissed;
  const total = claims.length;
  return { total, byStatus, done, percent: total === 0 ? 0 : Math.floor((done / total) * 100) };
}
