import "server-only";
import { eq, or, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { type BibReference, bibReferences } from "../schema";

/**
 * The workspace reference list's entry for a DOI (lower-cased), PMID or PMCID, if it has one: the
 * look-up answers with it first, since the list holds the desk's corrected metadata.
 */
export async function findReferenceByIdentifiers(
  db: Db,
  ids: { doi?: string | null; pmid?: string | null; pmcid?: string | null },
): Promise<BibReference | null> {
  const conditions: SQL[] = [];
  if (ids.doi) conditions.push(eq(bibReferences.doi, ids.doi.toLowerCase()));
  if (ids.pmid) conditions.push(eq(bibReferences.pmid, ids.pmid));
  if (ids.pmcid) conditions.push(eq(bibReferences.pmcid, ids.pmcid));
  if (conditions.length === 0) return null;
  const [row] = await db
    .select()
    .from(bibReferences)
    .where(or(...conditions))
    .orderBy(bibReferences.number)
    .limit(1);
  return row ?? null;
}
