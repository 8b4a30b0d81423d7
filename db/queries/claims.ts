import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { AnchorValues, ClaimFieldChanges, ClaimRecord } from "@/lib/core/claims/shapes";
import type { ClaimStatus, LibraryRelation, Verdict } from "@/lib/core/vocabulary";
import type { Db } from "../client";
import {
  articles,
  type Claim,
  type ClaimAnchor,
  claimAnchors,
  claims,
  revisions,
  users,
} from "../schema";
import { type Assert, columnsWithout, type SameShape } from "./row-shapes";
import { atVersion, nextNumberInArticle, nextVersion } from "./versioned-rows";

/** A claim as every query here returns it: the row without its deletion record. */
const claimColumns = columnsWithout(claims, "deletedAt", "deletedById");
export type ClaimRow = Omit<Claim, "deletedAt" | "deletedById">;

/** A claim's anchor in one revision, as every query here selects it. */
const anchorColumns = columnsWithout(claimAnchors, "claimId", "revisionId", "createdAt");
type AnchorRow = Omit<ClaimAnchor, "claimId" | "revisionId" | "createdAt">;

// The core owns these shapes (its rules read them, and it may not import the database): the
// build stops here when the schema and the core's contract drift apart.
type _ClaimRowIsClaimRecord = Assert<SameShape<ClaimRow, ClaimRecord>>;
type _AnchorRowIsAnchorValues = Assert<SameShape<AnchorRow, AnchorValues>>;

/**
 * A claim that was deleted (soft delete, `deleted_at` set) is left out of every query in this
 * file except the ones named "…IncludingDeleted": to the rest of the code it no longer exists.
 */
/** A claim not soft-deleted: the filter every claim read applies (library reads too). */
export const notDeleted = () => isNull(claims.deletedAt);

export async function findClaimById(db: Db, id: string): Promise<ClaimRow | null> {
  const [row] = await db
    .select(claimColumns)
    .from(claims)
    .where(and(eq(claims.id, id), notDeleted()));
  return row ?? null;
}

/**
 * The claim, its row locked until the transaction ends: rules that read the claim's evidence
 * (a resolved claim needs some) and changes to that evidence then see one another in order, so
 * two people deleting a claim's last two items one at a time cannot both pass the evidence
 * rule. "No key update" still lets evidence be added meanwhile (its foreign key takes a key
 * share).
 */
export async function lockClaimById(db: Db, id: string): Promise<ClaimRow | null> {
  const [row] = await db
    .select(claimColumns)
    .from(claims)
    .where(and(eq(claims.id, id), notDeleted()))
    .for("no key update");
  return row ?? null;
}

/** The article of a claim, deleted or not (to take the article's lock before the claim's). */
export async function findArticleIdOfClaim(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ articleId: claims.articleId })
    .from(claims)
    .where(eq(claims.id, id));
  return row?.articleId ?? null;
}

/** A claim with its deletion record: the whole row. */
export type ClaimRowWithDeletion = Claim;

/** The claim whether deleted or not, its row locked: deleting and restoring decide from it. */
export async function lockClaimIncludingDeleted(
  db: Db,
  id: string,
): Promise<ClaimRowWithDeletion | null> {
  const [row] = await db.select().from(claims).where(eq(claims.id, id)).for("no key update");
  return row ?? null;
}

/**
 * Marks a claim deleted (by `deletedById`) or restores it (null) if it is still at `version`;
 * returns the new row, or null when someone else saved first. The row and everything that
 * points at it (anchors, evidence, comments, audit events) stay.
 */
export async function setClaimDeletedIfVersion(
  db: Db,
  id: string,
  version: number,
  deletedById: string | null,
): Promise<ClaimRow | null> {
  const [row] = await db
    .update(claims)
    .set({
      deletedAt: deletedById ? sql`now()` : null,
      deletedById,
      ...nextVersion(claims),
    })
    .where(atVersion(claims, id, version))
    .returning(claimColumns);
  return row ?? null;
}

/**
 * The claim's anchor in the latest revision it has one in: what a restored claim is re-anchored
 * from when revisions were saved while it was deleted (re-anchoring skips deleted claims).
 */
export async function findLatestAnchorOfClaim(
  db: Db,
  claimId: string,
): Promise<(AnchorValues & { revisionId: string }) | null> {
  const [row] = await db
    .select({ revisionId: claimAnchors.revisionId, ...anchorColumns })
    .from(claimAnchors)
    .innerJoin(revisions, eq(revisions.id, claimAnchors.revisionId))
    .where(eq(claimAnchors.claimId, claimId))
    .orderBy(desc(revisions.number))
    .limit(1);
  return row ?? null;
}

/**
 * Inserts a claim with the next number of its article (call with the article row locked).
 * `rationale` is set by imports, whose annotations come with a note; the review fields by the
 * re-import of our own W3C export, which carries them.
 */
export async function insertClaim(
  db: Db,
  values: {
    articleId: string;
    createdInRevisionId: string;
    createdById: string;
    rationale?: string;
    status?: ClaimStatus;
    verdict?: Verdict | null;
    suggestedCorrection?: string;
    /** The library entry the claim was recognised as, and how it relates (both or neither). */
    libraryEntryId?: string | null;
    libraryRelation?: LibraryRelation | null;
  },
): Promise<ClaimRow> {
  const [row] = await db
    .insert(claims)
    .values({
      ...values,
      number: nextNumberInArticle(claims, values.articleId),
    })
    .returning(claimColumns);
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function insertClaimAnchor(
  db: Db,
  values: AnchorValues & { claimId: string; revisionId: string },
): Promise<void> {
  await db.insert(claimAnchors).values(values);
}

/**
 * Applies changes if the claim is still at `version` (optimistic concurrency); returns the new
 * row, or null when someone else saved first.
 */
export async function updateClaimIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: ClaimFieldChanges,
): Promise<ClaimRow | null> {
  const [row] = await db
    .update(claims)
    .set({ ...changes, ...nextVersion(claims) })
    .where(atVersion(claims, id, version))
    .returning(claimColumns);
  return row ?? null;
}

const assignees = aliasedTable(users, "assignee");

/** The claims anchored in one revision with their anchor there, in document order. */
export function listClaimsInRevision(db: Db, revisionId: string) {
  return db
    .select({
      ...claimColumns,
      assigneeName: assignees.name,
      anchor: anchorColumns,
    })
    .from(claimAnchors)
    .innerJoin(claims, eq(claims.id, claimAnchors.claimId))
    .leftJoin(assignees, eq(assignees.id, claims.assigneeId))
    .where(and(eq(claimAnchors.revisionId, revisionId), notDeleted()))
    .orderBy(sql`${claimAnchors.start} NULLS LAST`, asc(claims.number));
}
export type ClaimInRevision = Awaited<ReturnType<typeof listClaimsInRevision>>[number];

export async function findAnchor(
  db: Db,
  claimId: string,
  revisionId: string,
): Promise<AnchorValues | null> {
  const [row] = await db
    .select(anchorColumns)
    .from(claimAnchors)
    .where(and(eq(claimAnchors.claimId, claimId), eq(claimAnchors.revisionId, revisionId)));
  return row ?? null;
}

/**
 * Sets a claim's assignee. Assignment does not take part in optimistic concurrency (it does
 * not bump `version`): no other write touches this field, so nothing can be lost, and a
 * reviewer's open edit is not turned into a conflict by someone assigning the claim.
 */
export async function setClaimAssignee(
  db: Db,
  id: string,
  assigneeId: string | null,
): Promise<void> {
  await db.update(claims).set({ assigneeId, updatedAt: new Date() }).where(eq(claims.id, id));
}

/** A user's claims still to do (unstarted or in progress), across articles, severest first. */
export function listOpenClaimsAssignedTo(db: Db, userId: string) {
  return db
    .select({
      id: claims.id,
      number: claims.number,
      status: claims.status,
      severity: claims.severity,
      updatedAt: claims.updatedAt,
      articleSlug: articles.slug,
      articleTitle: articles.title,
      exact: claimAnchors.exact,
      anchorState: claimAnchors.state,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .leftJoin(
      claimAnchors,
      and(
        eq(claimAnchors.claimId, claims.id),
        eq(claimAnchors.revisionId, articles.currentRevisionId),
      ),
    )
    .where(
      and(
        eq(claims.assigneeId, userId),
        inArray(claims.status, ["open", "in_review"]),
        notDeleted(),
      ),
    )
    .orderBy(
      sql`CASE ${claims.severity} WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`,
      desc(claims.updatedAt),
    );
}

/**
 * Locks every claim of an article (in id order, so two lockers cannot deadlock) and returns
 * them: re-anchoring decides from these values, and no reviewer's save can slip in between.
 * Deleted claims are not re-anchored: a restore anchors its claim in the then current revision.
 */
export function lockClaimsOfArticle(db: Db, articleId: string): Promise<ClaimRow[]> {
  return db
    .select(claimColumns)
    .from(claims)
    .where(and(eq(claims.articleId, articleId), notDeleted()))
    .orderBy(asc(claims.id))
    .for("no key update");
}

/** Inserts many anchors in one statement (a new revision's anchors). */
export async function insertClaimAnchors(
  db: Db,
  rows: (AnchorValues & { claimId: string; revisionId: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(claimAnchors).values(rows);
}

/** Replaces a claim's anchor in one revision (re-attaching an orphaned claim by hand). */
export async function updateClaimAnchor(
  db: Db,
  claimId: string,
  revisionId: string,
  values: AnchorValues,
): Promise<void> {
  await db
    .update(claimAnchors)
    .set(values)
    .where(and(eq(claimAnchors.claimId, claimId), eq(claimAnchors.revisionId, revisionId)));
}

/**
 * Sets fields of a claim and bumps its version without checking the version read: for writes
 * made while the claim row is locked (re-anchoring), where the lock is the concurrency guard.
 */
export async function updateLockedClaim(
  db: Db,
  id: string,
  changes: ClaimFieldChanges & Partial<Pick<ClaimRecord, "libraryEntryId" | "libraryRelation">>,
): Promise<ClaimRow> {
  const [row] = await db
    .update(claims)
    .set({ ...changes, ...nextVersion(claims) })
    .where(eq(claims.id, id))
    .returning(claimColumns);
  if (!row) throw new Error("update returned no row");
  return row;
}

/**
 * Each claim's quote and anchor state in one revision, without the claim rows: what the review
 * page compares the current anchors with (the old wording of a claim whose wording changed).
 */
export function listAnchorQuotesInRevision(db: Db, revisionId: string) {
  return db
    .select({
      claimId: claimAnchors.claimId,
      exact: claimAnchors.exact,
      state: claimAnchors.state,
    })
    .from(claimAnchors)
    .where(eq(claimAnchors.revisionId, revisionId));
}
