/**
 * The retraction watch's flag beside each evidence item whose reference has one (the claim
 * panel's "Retracted 6 February 2010" badge): plain data, rendered as a span, so the review
 * page's scripts do not grow.
 */
import "server-only";
import type { Db } from "@/db/client";
import { listEvidenceFlags } from "@/db/queries/reference-watch";
import { REFERENCE_FLAG_LABELS, type ReferenceFlag } from "@/lib/core/evidence-vocabulary";
import { noticeDateInWords } from "@/lib/core/references/notices";

/**
 * The badge as the panel renders it: the props of one span, `className` "badge flag-retracted"
 * and `children` "Retracted 6 February 2010" (the notice's date; else when the watch flagged
 * it). Built here so the browser's code is `<span {...props} />` and nothing more: the review
 * page's First Load JS has no room (docs/figures.md). Unflagged evidence renders an empty span,
 * hidden by CSS (`.button-row > span:empty`).
 */
export interface EvidenceFlag {
  className: `badge flag-${ReferenceFlag}`;
  children: string;
}

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
    out.set(r.evidenceId, {
      className: `badge flag-${r.flag}`,
      children: `${REFERENCE_FLAG_LABELS[r.flag]}${date ? ` ${date}` : ""}`,
    });
  }
  return out;
}
