import "server-only";
import { asc, count, eq, inArray } from "drizzle-orm";
import type { EvidenceFields } from "@/lib/core/evidence/shapes";
import type { Db } from "../client";
import { type Evidence, evidence } from "../schema";
import type { Assert, SameShape } from "./row-shapes";
import { atVersion, nextVersion } from "./versioned-rows";

/** A piece of evidence as every query here returns it: the whole row. */
export type EvidenceRow = Evidence;

// The core owns the citation and grading fields (its renderers and rules read them, and it may
// not import the database): the build stops here when the schema and that contract drift apart.
type _EvidenceFieldsAsStored = Assert<
  SameShape<Pick<EvidenceRow, keyof EvidenceFields>, EvidenceFields>
>;

export async function insertEvidence(
  db: Db,
  values: EvidenceFields & { claimId: string; addedById: string; referenceId?: string | null },
): Promise<EvidenceRow> {
  const [row] = await db.insert(evidence).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function listEvidenceForClaims(db: Db, claimIds: string[]): Promise<EvidenceRow[]> {
  if (claimIds.length === 0) return [];
  const rows = await db
    .select()
    .from(evidence)
    .where(inArray(evidence.claimId, claimIds))
    .orderBy(asc(evidence.createdAt));
  return rows;
}

export async function countEvidenceForClaim(db: Db, claimId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(evidence).where(eq(evidence.claimId, claimId));
  return row?.n ?? 0;
}

export async function findEvidenceById(db: Db, id: string): Promise<EvidenceRow | null> {
  const [row] = await db.select().from(evidence).where(eq(evidence.id, id));
  return row ?? null;
}

/**
 * Applies changes if the item is still at `version` (optimistic concurrency); returns the new
 * row, or null when someone else saved or deleted it first.
 */
export async function updateEvidenceIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: Partial<EvidenceFields> & { referenceId?: string | null },
): Promise<EvidenceRow | null> {
  const [row] = await db
    .update(evidence)
    .set({ ...changes, ...nextVersion(evidence) })
    .where(atVersion(evidence, id, version))
    .returning();
  return row ?? null;
}

/**
 * Deletes the item if it is still at `version`; returns the deleted row, or null when someone
 * else changed or deleted it first. A hard delete: the audit event keeps the values.
 */
export async function deleteEvidenceIfVersion(
  db: Db,
  id: string,
  version: number,
): Promise<EvidenceRow | null> {
  const [row] = await db
    .delete(evidence)
    .where(atVersion(evidence, id, version))
    .returning();
  return row ?? null;
}
