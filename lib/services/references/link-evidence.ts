/**
 * Stop-gap until evidence links its reference when it is saved (lib/services/evidence/service.ts,
 * issue 13 part 2): at the start of each watch, evidence with a DOI or PMID but no reference
 * finds the reference with that DOI or PMID, or creates one from its citation, so that the watch
 * sees every cited study. Its own transaction. Drop this file (and its call in watch.ts) once
 * every evidence write links its reference.
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  fillReferenceIds,
  findReferenceByIds,
  insertReferenceFromEvidence,
  linkEvidenceToReference,
  listUnlinkedEvidence,
} from "@/db/queries/reference-watch";

/** Links up to `limit` unlinked evidence items; how many it linked. */
export async function linkUnreferencedEvidence(db: Db, limit = 5_000): Promise<number> {
  return db.transaction(async (tx) => {
    const items = await listUnlinkedEvidence(tx, limit);
    for (const e of items) {
      const ids = { doi: e.doi?.trim().toLowerCase() || null, pmid: e.pmid?.trim() || null };
      const found = await findReferenceByIds(tx, ids);
      if (found) await fillReferenceIds(tx, found, ids);
      const referenceId =
        found ??
        (await insertReferenceFromEvidence(tx, {
          ...ids,
          title: e.title,
          authors: e.authors,
          journal: e.publisher,
          year: e.year,
          url: e.url,
        }));
      await linkEvidenceToReference(tx, e.id, referenceId);
    }
    return items.length;
  });
}
