/**
 * What the Evidence updates page shows (/evidence-updates): the flagged references, worst first,
 * each with its notices, the claims whose evidence cites it and the publications that gained an
 * evidence update; and the watch's last run. Anyone who may read references may read it.
 */
import "server-only";
import type { Db } from "@/db/client";
import { findJob } from "@/db/queries/jobs";
import {
  listClaimsCitingReferences,
  listFlaggedReferences,
  listNoticesOfReferences,
  listPublicationNoticesOfReferences,
} from "@/db/queries/reference-watch";
import type { WatchRunSummary } from "@/lib/core/audit/events";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { WATCH_JOB, watchIntervalMs } from "@/lib/services/references/watch-job";

const groupBy = <T extends { referenceId: string | null }>(rows: T[]) => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    if (!r.referenceId) continue;
    out.set(r.referenceId, [...(out.get(r.referenceId) ?? []), r]);
  }
  return out;
};

export async function getEvidenceUpdates(db: Db, actor: Actor) {
  authorize(actor, "reference:read");
  const refs = await listFlaggedReferences(db);
  const ids = refs.map((r) => r.id);
  const [notices, claims, pubs, job] = await Promise.all([
    listNoticesOfReferences(db, ids),
    listClaimsCitingReferences(db, ids),
    listPublicationNoticesOfReferences(db, ids),
    findJob(db, WATCH_JOB),
  ]);
  const n = groupBy(notices);
  const c = groupBy(claims);
  const p = groupBy(pubs);
  return {
    references: refs.map((r) => ({
      ...r,
      notices: n.get(r.id) ?? [],
      claims: c.get(r.id) ?? [],
      publications: p.get(r.id) ?? [],
    })),
    lastRun: job?.lastFinishedAt
      ? {
          finishedAt: job.lastFinishedAt,
          outcome: job.lastOutcome,
          error: job.lastError,
          summary: (job.lastSummary ?? null) as (WatchRunSummary & { by?: string }) | null,
        }
      : null,
    nextRunAt: watchIntervalMs() === null ? null : (job?.nextRunAt ?? null),
  };
}
