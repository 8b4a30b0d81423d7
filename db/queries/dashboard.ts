/**
 * The dashboard's figures (docs/architecture.md "Dashboard"). Every count leaves deleted claims
 * out. The filters: a range of UTC instants `[from, to)` and a tag. What the range and the tag
 * select differs by figure and is said on each function.
 */
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { ArticleState, ClaimStatus, Verdict } from "@/lib/core/vocabulary";
import type { Db } from "../client";
import { rawRows } from "./raw-rows";

export interface DashboardFilter {
  /** Included. */
  from: Date | null;
  /** Excluded: the day after the form's "to". */
  to: Date | null;
  tagId: string | null;
}

/** `column` within the range. */
function inRange(column: SQL, f: DashboardFilter): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (f.from) parts.push(sql`${column} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`${column} < ${f.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

/** A claim is under a tag when it carries the tag itself or its article does. */
function claimTagged(f: DashboardFilter): SQL {
  if (!f.tagId) return sql`TRUE`;
  return sql`(EXISTS (SELECT 1 FROM claim_tags ct WHERE ct.claim_id = c.id AND ct.tag_id = ${f.tagId}::uuid)
    OR EXISTS (SELECT 1 FROM article_tags at WHERE at.article_id = c.article_id AND at.tag_id = ${f.tagId}::uuid))`;
}

/** Claims (`c`) created in the range, under the tag, not deleted. */
function claimsWhere(f: DashboardFilter): SQL {
  return sql`c.deleted_at IS NULL AND ${inRange(sql`c.created_at`, f)} AND ${claimTagged(f)}`;
}

/** Claims created in the range, by their verdict now (null: none yet). */
export async function countClaimsByVerdict(
  db: Db,
  f: DashboardFilter,
): Promise<{ verdict: Verdict | null; count: number }[]> {
  return rawRows(
    db,
    sql`SELECT c.verdict AS "verdict", count(*)::int AS "count"
      FROM claims c WHERE ${claimsWhere(f)}
      GROUP BY c.verdict`,
  );
}

/** Claims created in the range, by their workflow status now. */
export async function countClaimsByStatus(
  db: Db,
  f: DashboardFilter,
): Promise<{ status: ClaimStatus; count: number }[]> {
  return rawRows(
    db,
    sql`SELECT c.status AS "status", count(*)::int AS "count"
      FROM claims c WHERE ${claimsWhere(f)}
      GROUP BY c.status`,
  );
}

export interface VerdictWeek {
  /** The Monday (UTC) the week starts on, YYYY-MM-DD. */
  week: string;
  claims: number;
  medianSeconds: number;
  p90Seconds: number;
}

/**
 * Time from a claim's creation to its first verdict, per week of that verdict (UTC, weeks start
 * on Monday): how many claims, the median and the 90th percentile (continuous, interpolated as
 * PostgreSQL's `percentile_cont`). The first verdict is the earliest audit event of the claim
 * whose `after` names a verdict — `claim.update`, `claim.create` (an annotation import),
 * `claim.library_link` alike — since no column keeps it. Only claims that have a verdict now;
 * the range selects the first verdict's time, not the claim's creation.
 */
export async function verdictTimesByWeek(db: Db, f: DashboardFilter): Promise<VerdictWeek[]> {
  // Driven from the claims that have a verdict: each one's first verdict event is one probe of
  // the partial index audit_events_claim_verdict_idx (entity_id, at), never a read of the log.
  const createdBefore = f.to ? sql`c.created_at < ${f.to.toISOString()}::timestamptz` : sql`TRUE`;
  const rows = await rawRows<{ week: string; claims: number; median: number; p90: number }>(
    db,
    sql`WITH timed AS (
        SELECT fv.at, extract(epoch FROM fv.at - c.created_at)::float8 AS seconds
        FROM claims c
        CROSS JOIN LATERAL (
          SELECT e.at FROM audit_events e
          WHERE e.entity_type = 'claim' AND (e.after ->> 'verdict') IS NOT NULL
            AND e.entity_id = c.id::text
          ORDER BY e.at
          LIMIT 1
        ) fv
        WHERE c.deleted_at IS NULL AND c.verdict IS NOT NULL AND ${createdBefore}
          AND ${inRange(sql`fv.at`, f)} AND ${claimTagged(f)}
      )
      SELECT to_char(date_trunc('week', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS "week",
        count(*)::int AS "claims",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS "median",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS "p90"
      FROM timed
      GROUP BY 1
      ORDER BY 1`,
  );
  return rows.map((r) => ({
    week: r.week,
    claims: r.claims,
    medianSeconds: Number(r.median),
    p90Seconds: Number(r.p90),
  }));
}

export interface WorkloadRow {
  /** Null: nobody is assigned. */
  assigneeId: string | null;
  name: string | null;
  open: number;
  inReview: number;
}

/**
 * Open claims (Unstarted or In progress) created in the range, under the tag, per assignee;
 * the unassigned ones in a row of their own. Most loaded first.
 */
export async function countOpenClaimsByAssignee(
  db: Db,
  f: DashboardFilter,
): Promise<WorkloadRow[]> {
  return rawRows(
    db,
    sql`SELECT c.assignee_id AS "assigneeId", u.name AS "name",
        (count(*) FILTER (WHERE c.status = 'open'))::int AS "open",
        (count(*) FILTER (WHERE c.status = 'in_review'))::int AS "inReview"
      FROM claims c LEFT JOIN users u ON u.id = c.assignee_id
      WHERE ${claimsWhere(f)} AND c.status IN ('open', 'in_review')
      GROUP BY c.assignee_id, u.name
      ORDER BY count(*) DESC, u.name NULLS LAST`,
  );
}

/** Articles created in the range that carry the tag, by workflow state now. */
export async function countArticlesByState(
  db: Db,
  f: DashboardFilter,
): Promise<{ state: ArticleState; count: number }[]> {
  const tagged = f.tagId
    ? sql`EXISTS (SELECT 1 FROM article_tags at WHERE at.article_id = a.id AND at.tag_id = ${f.tagId}::uuid)`
    : sql`TRUE`;
  return rawRows(
    db,
    sql`SELECT a.state AS "state", count(*)::int AS "count"
      FROM articles a WHERE ${inRange(sql`a.created_at`, f)} AND ${tagged}
      GROUP BY a.state`,
  );
}

/** Of `articleIds`, those that carry the tag (the overdue list under a tag filter). */
export async function filterArticlesByTag(
  db: Db,
  articleIds: string[],
  tagId: string,
): Promise<Set<string>> {
  if (articleIds.length === 0) return new Set();
  const rows = await rawRows<{ id: string }>(
    db,
    sql`SELECT article_id AS "id" FROM article_tags
      WHERE tag_id = ${tagId}::uuid AND article_id IN (${sql.join(
        articleIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The workspace's tags, by name, for the filter. */
export async function listTagChoices(db: Db): Promise<{ id: string; name: string }[]> {
  return rawRows(db, sql`SELECT id, name FROM tags ORDER BY lower(name), id`);
}
