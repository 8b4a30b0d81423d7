import "server-only";
import { asc, count, eq, inArray } from "drizzle-orm";
import type {
  EvidenceStance,
  GradeCertainty,
  GradeDowngradeReason,
  StudyDesign,
} from "@/lib/domain/vocabulary";
import type { Db } from "../client";
import { evidence } from "../schema";

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

export type EvidenceFields = {
  title: string;
  authors: string;
  publisher: string;
  year: number | null;
  url: string | null;
  doi: string | null;
  pmid: string | null;
  excerpt: string;
  stance: EvidenceStance;
  studyDesign: StudyDesign;
  gradeCertainty: GradeCertainty | null;
  gradeDowngradeReasons: GradeDowngradeReason[];
};

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
