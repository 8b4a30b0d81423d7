import "server-only";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { EvidenceFields } from "@/lib/core/evidence/shapes";
import type { ClaimStatus, Verdict } from "@/lib/core/vocabulary";
import type { Db } from "../client";
import { claims, evidence } from "../schema";

const evidenceColumns = {
  id: evidence.id,
  claimId: evidence.claimId,
  title: evidence.title,
  authors: evidence.authors,
  publisher: evidence.publisher,
  year: evidence.year,
  url: evidence.url,
  doi: evidence.doi,
  pmid: evidence.pmid,
  excerpt: evidence.excerpt,
  stance: evidence.stance,
  studyDesign: evidence.studyDesign,
  gradeCertainty: evidence.gradeCertainty,
  gradeDowngradeReasons: evidence.gradeDowngradeReasons,
  addedById: evidence.addedById,
  createdAt: evidence.createdAt,
  updatedAt: evidence.updatedAt,
  version: evidence.version,
};

export type { EvidenceFields };

export type EvidenceRow = EvidenceFields & {
  id: string;
  claimId: string;
  addedById: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

export async function insertEvidence(
  db: Db,
  values: EvidenceFields & { claimId: string; addedById: string },
): Promise<EvidenceRow> {
  const [row] = await db.insert(evidence).values(values).returning(evidenceColumns);
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function listEvidenceForClaims(db: Db, claimIds: string[]): Promise<EvidenceRow[]> {
  if (claimIds.length === 0) return [];
  const rows = await db
    .select(evidenceColumns)
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
  const [row] = await db.select(evidenceColumns).from(evidence).where(eq(evidence.id, id));
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
  changes: Partial<EvidenceFields>,
): Promise<EvidenceRow | null> {
  const [row] = await db
    .update(evidence)
    .set({ ...changes, updatedAt: new Date(), version: sql`${evidence.version} + 1` })
    .where(and(eq(evidence.id, id), eq(evidence.version, version)))
    .returning(evidenceColumns);
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
    .where(and(eq(evidence.id, id), eq(evidence.version, version)))
    .returning(evidenceColumns);
  return row ?? null;
}

/**
 * The claim an evidence change is checked against, locked until the transaction ends, so two
 * people deleting a claim's last two items one at a time cannot both pass the evidence rule.
 * "No key update" still lets evidence be added meanwhile (its foreign key takes a key share).
 */
export async function lockClaimOfEvidence(
  db: Db,
  claimId: string,
): Promise<{
  id: string;
  articleId: string;
  number: number;
  status: ClaimStatus;
  verdict: Verdict | null;
} | null> {
  const [row] = await db
    .select({
      id: claims.id,
      articleId: claims.articleId,
      number: claims.number,
      status: claims.status,
      verdict: claims.verdict,
    })
    .from(claims)
    // A deleted claim takes no evidence changes: to the evidence rules it is gone.
    .where(and(eq(claims.id, claimId), isNull(claims.deletedAt)))
    .for("no key update");
  return row ?? null;
}
