/**
 * The retraction watch's flag beside each evidence item whose reference has one (the claim
 * panel's "Retracted 6 February 2010" badge): plain data, rendered as a span, so the review
 * page's scripts do not grow.
 */
import "server-only";
import type { Db } from "@/db/client";
import { listEvidenceFlags } from "@/db/queries/reference-watch";
import { noticeDateInWords } from "@/lib/core/references/notices";
import { REFERENCE_FLAG_LABELS, type ReferenceFlag } from "@/lib/core/vocabulary";

/**
 * The badge as the panel renders it, `[className, label]`: "badge flag-retracted",
 * "Retracted 6 February 2010" (the notice's date; else when the watch flagged it). A pair
 * built here, so the browser's code is one span with two lookups: the review page's First
 * Load JS has no room for more (docs/figures.md).
 */
export type EvidenceFlag = readonly [className: `badge flag-${ReferenceFlag}`, label: string];

export async function evidenceFlagsById(
  db: Db,
  evidenceIds: readonly string[],
): Promise<Map<string, EvidenceFlag>> {
  const rows = await listEvidenceFlags(db, evidenceIds);
  const out = new Map<string, EvidenceFlag>();
  for (const r of rows) {
    if (!r.flag) continue;
    const date = r.noticeDate
      ? noticeDateInWords(r.noticeDate)
      : r.flaggedAt
        ? noticeDateInWords(r.flaggedAt.toISOString().slice(0, 10))
        : "";
    out.set(r.evidenceId, [
      `badge flag-${r.flag}`,
      `${REFERENCE_FLAG_LABELS[r.flag]}${date ? ` ${date}` : ""}`,
    ]);
  }
  return out;
}
