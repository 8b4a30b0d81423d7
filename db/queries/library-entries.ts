import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { LibraryRelation } from "@/lib/core/vocabulary";
import type { Db } from "../client";
import {
  articles,
  claimAnchors,
  claims,
  evidence,
  type LibraryEntry,
  libraryEntries,
  libraryEntryEvidence,
  libraryMatches,
  libraryPhrasings,
  librarySupersessions,
  publications,
} from "../schema";
import { notDeleted } from "./claims";
import { rawRows } from "./raw-rows";
import { atVersion, nextVersion } from "./versioned-rows";

/**
 * The writes of the library's entries (lib/services/library/): versioned updates, their
 * wordings, evidence links, supersessions and the claims linked to them. The rows and the
 * matching search are in db/queries/library.ts; the pages' reads in library-entry-reads.ts.
 */

export async function findLibraryEntryById(db: Db, id: string): Promise<LibraryEntry | null> {
  const [row] = await db.select().from(libraryEntries).where(eq(libraryEntries.id, id));
  return row ?? null;
}

/** The entry, its row locked until the transaction ends (merges and edits decide from it). */
export async function lockLibraryEntry(db: Db, id: string): Promise<LibraryEntry | null> {
  const [row] = await db
    .select()
    .from(libraryEntries)
    .where(eq(libraryEntries.id, id))
    .for("update");
  return row ?? null;
}

export type LibraryEntryChanges = Partial<
  Pick<
    LibraryEntry,
    | "canonicalText"
    | "verdict"
    | "rationale"
    | "tags"
    | "reviewDue"
    | "reviewedById"
    | "reviewedAt"
    | "state"
  >
>;

/** Applies changes if the entry is still at `version`; null when someone else saved first. */
export async function updateLibraryEntryIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: LibraryEntryChanges,
): Promise<LibraryEntry | null> {
  const [row] = await db
    .update(libraryEntries)
    .set({ ...changes, ...nextVersion(libraryEntries) })
    .where(atVersion(libraryEntries, id, version))
    .returning();
  return row ?? null;
}

/**
 * Makes `text` the entry's canonical wording. The old canonical wording stays as a variant (it
 * is still a wording of the claim, and matches and claims may point at it); a variant with
 * exactly the new text is promoted rather than added twice.
 */
export async function replaceCanonicalPhrasing(
  db: Db,
  entryId: string,
  text: string,
  insert: (values: { entryId: string; text: string; canonical: true }) => Promise<unknown>,
): Promise<void> {
  await db
    .update(libraryPhrasings)
    .set({ canonical: false })
    .where(and(eq(libraryPhrasings.entryId, entryId), eq(libraryPhrasings.canonical, true)));
  const promoted = await db
    .update(libraryPhrasings)
    .set({ canonical: true })
    .where(
      and(eq(libraryPhrasings.entryId, entryId), sql`md5(${libraryPhrasings.text}) = md5(${text})`),
    )
    .returning({ id: libraryPhrasings.id });
  if (promoted.length === 0) await insert({ entryId, text, canonical: true });
}

/** Records which claim the entry's canonical wording came from. */
export async function setCanonicalSourceClaim(db: Db, entryId: string, claimId: string) {
  await db
    .update(libraryPhrasings)
    .set({ sourceClaimId: claimId })
    .where(and(eq(libraryPhrasings.entryId, entryId), eq(libraryPhrasings.canonical, true)));
}

/** Links evidence items to an entry (each once); returns how many were new. */
export async function linkEvidenceToEntry(
  db: Db,
  entryId: string,
  evidenceIds: readonly string[],
): Promise<number> {
  if (evidenceIds.length === 0) return 0;
  const rows = await db
    .insert(libraryEntryEvidence)
    .values(evidenceIds.map((evidenceId) => ({ entryId, evidenceId })))
    .onConflictDoNothing()
    .returning({ evidenceId: libraryEntryEvidence.evidenceId });
  return rows.length;
}

/** The evidence linked to an entry, by id. */
export async function listEntryEvidenceIds(db: Db, entryId: string): Promise<string[]> {
  const rows = await db
    .select({ id: libraryEntryEvidence.evidenceId })
    .from(libraryEntryEvidence)
    .where(eq(libraryEntryEvidence.entryId, entryId));
  return rows.map((r) => r.id);
}

/** Links a claim to an entry (bumping its version: an open panel's save becomes a conflict). */
export async function linkClaimToEntry(
  db: Db,
  claimId: string,
  entryId: string,
  relation: LibraryRelation,
): Promise<void> {
  await db
    .update(claims)
    .set({ libraryEntryId: entryId, libraryRelation: relation, ...nextVersion(claims) })
    .where(eq(claims.id, claimId));
}

/**
 * Moves the claims linked to `fromIds` (or only `claimIds` of them) to `toId`, keeping each
 * one's relation; returns them with the entry each came from.
 */
export async function moveClaimLinks(
  db: Db,
  fromIds: readonly string[],
  toId: string,
  claimIds?: readonly string[],
): Promise<{ id: string; number: number; articleId: string; fromEntryId: string }[]> {
  if (fromIds.length === 0 || claimIds?.length === 0) return [];
  const which = and(
    inArray(claims.libraryEntryId, [...fromIds]),
    claimIds ? inArray(claims.id, [...claimIds]) : undefined,
  );
  const linked = await db
    .select({
      id: claims.id,
      number: claims.number,
      articleId: claims.articleId,
      fromEntryId: claims.libraryEntryId,
    })
    .from(claims)
    .where(which)
    .orderBy(claims.articleId, claims.number)
    .for("no key update");
  if (linked.length === 0) return [];
  await db
    .update(claims)
    .set({ libraryEntryId: toId, ...nextVersion(claims) })
    .where(
      inArray(
        claims.id,
        linked.map((c) => c.id),
      ),
    );
  return linked.map((c) => ({ ...c, fromEntryId: c.fromEntryId ?? "" }));
}

/**
 * Moves the variant wordings of `fromIds` to `toId` (one of each text, and none the survivor
 * already has), and adds their canonical wordings to it as variants; the superseded entries
 * keep their canonical wording. Returns how many wordings the survivor gained.
 */
export async function moveVariantPhrasings(
  db: Db,
  fromIds: readonly string[],
  toId: string,
  insert: (values: {
    entryId: string;
    text: string;
    sourceClaimId: string | null;
  }) => Promise<boolean>,
): Promise<number> {
  const from = sql.join(
    fromIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const moved = await rawRows<{ id: string }>(
    db,
    sql`
    UPDATE library_phrasings SET entry_id = ${toId}
    WHERE id IN (
      SELECT DISTINCT ON (md5(p.text)) p.id FROM library_phrasings p
      WHERE p.entry_id IN (${from}) AND NOT p.canonical
        AND NOT EXISTS (SELECT 1 FROM library_phrasings s
          WHERE s.entry_id = ${toId} AND md5(s.text) = md5(p.text))
      ORDER BY md5(p.text), p.created_at, p.id)
    RETURNING id`,
  );
  const canonicals = await db
    .select({ text: libraryPhrasings.text, sourceClaimId: libraryPhrasings.sourceClaimId })
    .from(libraryPhrasings)
    .where(
      and(inArray(libraryPhrasings.entryId, [...fromIds]), eq(libraryPhrasings.canonical, true)),
    );
  let added = moved.length;
  for (const c of canonicals) if (await insert({ entryId: toId, ...c })) added++;
  return added;
}

/** The given wordings of an entry, with the claim each came from. */
export function listPhrasingsByIds(db: Db, entryId: string, ids: readonly string[]) {
  return db
    .select({
      id: libraryPhrasings.id,
      text: libraryPhrasings.text,
      canonical: libraryPhrasings.canonical,
      sourceClaimId: libraryPhrasings.sourceClaimId,
    })
    .from(libraryPhrasings)
    .where(and(eq(libraryPhrasings.entryId, entryId), inArray(libraryPhrasings.id, [...ids])));
}

/**
 * Moves wordings to another entry; the one whose text is `canonicalText` becomes its canonical
 * wording (the new entry's own copy of it is removed first, nothing refers to it yet). Stored
 * matches found through a moved wording follow it.
 */
export async function movePhrasingsTo(
  db: Db,
  ids: readonly string[],
  toId: string,
  canonicalText: string,
): Promise<void> {
  const list = [...ids];
  const promote = await db
    .select({ id: libraryPhrasings.id })
    .from(libraryPhrasings)
    .where(
      and(
        inArray(libraryPhrasings.id, list),
        sql`md5(${libraryPhrasings.text}) = md5(${canonicalText})`,
      ),
    );
  if (promote.length > 0) {
    await db
      .delete(libraryPhrasings)
      .where(and(eq(libraryPhrasings.entryId, toId), eq(libraryPhrasings.canonical, true)));
  }
  const promotedId = promote[0]?.id;
  await db
    .update(libraryPhrasings)
    .set({
      entryId: toId,
      canonical: promotedId ? sql`${libraryPhrasings.id} = ${promotedId}` : false,
    })
    .where(inArray(libraryPhrasings.id, list));
  await db
    .update(libraryMatches)
    .set({ entryId: toId })
    .where(inArray(libraryMatches.phrasingId, list));
}

/** Evidence of these claims among the entry's evidence (what a split-off entry takes along). */
export async function listEntryEvidenceOfClaims(
  db: Db,
  entryId: string,
  claimIds: readonly string[],
): Promise<string[]> {
  if (claimIds.length === 0) return [];
  const rows = await db
    .select({ id: libraryEntryEvidence.evidenceId })
    .from(libraryEntryEvidence)
    .innerJoin(evidence, eq(evidence.id, libraryEntryEvidence.evidenceId))
    .where(
      and(eq(libraryEntryEvidence.entryId, entryId), inArray(evidence.claimId, [...claimIds])),
    );
  return rows.map((r) => r.id);
}

/** Moves every evidence link of `fromIds` to `toId` (each once); returns how many were new. */
export async function moveEntryEvidence(
  db: Db,
  fromIds: readonly string[],
  toId: string,
): Promise<number> {
  const rows = await db
    .delete(libraryEntryEvidence)
    .where(inArray(libraryEntryEvidence.entryId, [...fromIds]))
    .returning({ evidenceId: libraryEntryEvidence.evidenceId });
  return linkEvidenceToEntry(db, toId, [...new Set(rows.map((r) => r.evidenceId))]);
}

/** The numbers of the entries an evidence item backs (deleting it would leave them short). */
export async function listEntryNumbersOfEvidence(db: Db, evidenceId: string): Promise<number[]> {
  const rows = await db
    .select({ number: libraryEntries.number })
    .from(libraryEntryEvidence)
    .innerJoin(libraryEntries, eq(libraryEntries.id, libraryEntryEvidence.entryId))
    .where(eq(libraryEntryEvidence.evidenceId, evidenceId))
    .orderBy(libraryEntries.number);
  return rows.map((r) => r.number);
}

export async function insertSupersession(
  db: Db,
  values: { entryId: string; successorId: string; supersededById: string },
): Promise<void> {
  await db.insert(librarySupersessions).values(values);
}

export async function findSuccessorOf(db: Db, entryId: string) {
  const [row] = await db
    .select({ id: libraryEntries.id, number: libraryEntries.number, state: libraryEntries.state })
    .from(librarySupersessions)
    .innerJoin(libraryEntries, eq(libraryEntries.id, librarySupersessions.successorId))
    .where(eq(librarySupersessions.entryId, entryId));
  return row ?? null;
}

/** Who gave a claim its current verdict (the newest audit event that set or confirmed it). */
export async function findVerdictGiverId(db: Db, claimId: string): Promise<string | null> {
  const [row] = await rawRows<{ actor_id: string | null }>(
    db,
    sql`
    SELECT actor_id FROM audit_events
    WHERE entity_type = 'claim' AND entity_id = ${claimId} AND actor_id IS NOT NULL
      AND (after->>'verdict' IS NOT NULL OR after->>'verdictStale' = 'false')
    ORDER BY id DESC LIMIT 1`,
  );
  return row?.actor_id ?? null;
}

/**
 * The claims linked to these entries that are work in progress: not deleted, not dismissed,
 * anchored in their article's current revision, which is in no publication, in an article that
 * is not retracted (closed). A claim that sits only in published revisions is left alone: its
 * publication is listed as affected instead (`listEntryUsage`). Rows locked for the update.
 */
export async function lockUnpublishedLinkedClaims(db: Db, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  return db
    .select({
      id: claims.id,
      number: claims.number,
      articleId: claims.articleId,
      status: claims.status,
      recheckReason: claims.recheckReason,
      libraryEntryId: claims.libraryEntryId,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(
      claimAnchors,
      and(
        eq(claimAnchors.claimId, claims.id),
        eq(claimAnchors.revisionId, articles.currentRevisionId),
      ),
    )
    .where(
      and(
        inArray(claims.libraryEntryId, [...entryIds]),
        notDeleted(),
        ne(claims.status, "dismissed"),
        ne(articles.state, "retracted"),
        sql`NOT EXISTS (SELECT 1 FROM ${publications} WHERE ${publications.revisionId} = ${articles.currentRevisionId})`,
      ),
    )
    .orderBy(claims.articleId, claims.number)
    .for("no key update", { of: claims });
}

/** Sends a claim back to re-check for a library reason (its status as given), bumping its version. */
export async function setClaimRecheck(
  db: Db,
  claimId: string,
  values: { status: "open" | "in_review"; recheckReason: string },
): Promise<void> {
  await db
    .update(claims)
    .set({ ...values, ...nextVersion(claims) })
    .where(eq(claims.id, claimId));
}
