/** The reference list's reads, authorized for the actor (`reference:read`, viewer and up). */
import "server-only";
import type { Db } from "@/db/client";
import {
  countReferences,
  findReferenceByNumber,
  listEvidenceCitingReference,
  listReferenceNotices,
  listReferences,
} from "@/db/queries/references";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";

/** The list page: references matching the search and filter, and how many the list holds. */
export async function getReferenceList(
  db: Db,
  actor: Actor | null,
  query: { q: string; flagged: boolean },
) {
  authorize(actor, "reference:read");
  const [references, total] = await Promise.all([listReferences(db, query), countReferences(db)]);
  return { references, total };
}

/** A reference's page: its fields, the watch's notices, and every evidence item citing it. */
export async function getReferencePage(db: Db, actor: Actor | null, number: number) {
  authorize(actor, "reference:read");
  const reference = await findReferenceByNumber(db, number);
  if (!reference) throw notFound("The reference");
  const [notices, citing] = await Promise.all([
    listReferenceNotices(db, reference.id),
    listEvidenceCitingReference(db, reference.id),
  ]);
  return { reference, notices, citing };
}
