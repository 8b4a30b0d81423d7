/**
 * A revision's detector suggestions, computed once per revision and detector version and then
 * read from `revision_suggestions`: the detector takes seconds on a 2 MB article, and the review
 * page and the approval gate both need its output on every request.
 */
import "server-only";
import type { Db } from "@/db/client";
import type { RevisionRow } from "@/db/queries/revisions";
import {
  deleteStaleRevisionSuggestions,
  findRevisionSuggestions,
  insertRevisionSuggestions,
} from "@/db/queries/suggestions";
import { detectClaims } from "@/lib/core/detect/detect";
import {
  DETECTOR_VERSION,
  type StoredSuggestion,
  toStoredSuggestion,
} from "@/lib/core/suggestions/select";

/**
 * The revision's suggestions, ordered by start. Written on first need, not at revision creation,
 * so revisions saved before the table existed (or under an older detector) are covered too.
 * Derived data, recomputable from the revision's immutable text: no audit event.
 */
export async function revisionSuggestions(
  db: Db,
  revision: Pick<RevisionRow, "id" | "plainText">,
): Promise<StoredSuggestion[]> {
  const stored = await findRevisionSuggestions(db, revision.id, DETECTOR_VERSION);
  if (stored) return stored;
  const suggestions = detectClaims(revision.plainText).map(toStoredSuggestion);
  await deleteStaleRevisionSuggestions(db, revision.id, DETECTOR_VERSION);
  await insertRevisionSuggestions(db, {
    revisionId: revision.id,
    detectorVersion: DETECTOR_VERSION,
    suggestions,
  });
  return suggestions;
}
