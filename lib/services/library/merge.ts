/**
 * Editors' library housekeeping: merging duplicate entries into a survivor, and splitting
 * wordings that turned out to be another claim into an entry of their own.
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { insertLibraryEntry, insertLibraryPhrasing } from "@/db/queries/library";
import {
  insertSupersession,
  linkEvidenceToEntry,
  listEntryEvidenceOfClaims,
  listPhrasingsByIds,
  moveClaimLinks,
  moveEntryEvidence,
  movePhrasingsTo,
  moveVariantPhrasings,
  updateLibraryEntryIfVersion,
} from "@/db/queries/library-entries";
import type { LibraryEntry } from "@/db/schema";
import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import {
  mergeLibraryEntriesSchema,
  splitLibraryEntrySchema,
} from "@/lib/core/validation/library-entries";
import { defineAction } from "@/lib/server/action";
import { assertCurrent, lockEntryAtVersion, staleEntryError } from "./entries";
import { propagateEntryChange, recheckReasons } from "./propagation";

/**
 * Merges duplicates into the survivor: their variant wordings (and their canonical wordings, as
 * variants), evidence links and linked claims move to it, and each becomes superseded by it. A
 * moved claim keeps its status — the survivor says what its entry said — unless the verdicts
 * differ: then it is sent back to re-check like any claim whose entry's verdict changed. One
 * `library.merge` event on the survivor names the merged entries.
 */
export const mergeLibraryEntries = defineAction({
  name: "library.merge",
  input: mergeLibraryEntriesSchema,
  permission: "library:manage",
  errorDetails: detailsOf<{ conflict: { current: LibraryEntry | null } }>(),
  run: async ({ tx, actor }, input) => {
    // Locked in id order whoever asks, so two merges over the same entries cannot deadlock.
    const all = [input.survivor, ...input.entries].sort((a, b) =>
      a.entryId.localeCompare(b.entryId),
    );
    const locked = new Map<string, LibraryEntry>();
    for (const e of all) locked.set(e.entryId, await lockEntryAtVersion(tx, e.entryId, e.version));
    const survivor = locked.get(input.survivor.entryId);
    if (!survivor) throw notFound("The surviving entry");
    for (const e of locked.values())
      assertCurrent(e, e.id === survivor.id ? "a survivor" : "merged");
    const merged = input.entries.map((e) => locked.get(e.entryId) as LibraryEntry);
    const mergedIds = merged.map((e) => e.id);

    const phrasings = await moveVariantPhrasings(tx, mergedIds, survivor.id, (v) =>
      insertLibraryPhrasing(tx, v),
    );
    const evidence = await moveEntryEvidence(tx, mergedIds, survivor.id);
    // Claims of entries that said something else must be checked again, before they move (the
    // propagation finds them by their entry).
    const differing = merged.filter((e) => e.verdict !== survivor.verdict);
    const rechecked = await propagateEntryChange(
      tx,
      actor.id,
      differing.map((e) => ({
        id: e.id,
        number: e.number,
        reason: recheckReasons.merged(e.number, survivor.number, e.verdict, survivor.verdict),
      })),
    );
    const claims = await moveClaimLinks(tx, mergedIds, survivor.id);
    for (const e of merged) {
      const updated = await updateLibraryEntryIfVersion(tx, e.id, e.version, {
        state: "superseded",
      });
      if (!updated) throw await staleEntryError(tx, e.id);
      await insertSupersession(tx, {
        entryId: e.id,
        successorId: survivor.id,
        supersededById: actor.id,
      });
    }
    const updated = await updateLibraryEntryIfVersion(tx, survivor.id, survivor.version, {});
    if (!updated) throw await staleEntryError(tx, survivor.id);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "library.merge",
      entityType: "library_entry",
      entityId: survivor.id,
      after: {
        number: survivor.number,
        mergedIds,
        mergedNumbers: merged.map((e) => e.number),
        phrasings,
        evidence,
        claimIds: claims.map((c) => c.id),
        rechecked,
      },
    });
    return updated;
  },
});

/**
 * Moves chosen variant wordings out of an entry into a new one with the given canonical wording
 * (one of them, or a new text), with the claims those wordings came from that are linked to the
 * entry, and the entry's evidence from those claims (linked to both: it was read for both). The
 * new entry starts with the old one's verdict, rationale, tags and review dates — what its
 * claims were reviewed as — so no claim needs a re-check; an editor may then change it.
 */
export const splitLibraryEntry = defineAction({
  name: "library.split",
  input: splitLibraryEntrySchema,
  permission: "library:manage",
  errorDetails: detailsOf<{ conflict: { current: LibraryEntry | null } }>(),
  run: async ({ tx, actor }, input) => {
    const entry = await lockEntryAtVersion(tx, input.entryId, input.version);
    assertCurrent(entry, "split");
    const chosen = await listPhrasingsByIds(tx, entry.id, input.phrasingIds);
    if (chosen.length !== input.phrasingIds.length) {
      throw new AppError("validation", "A chosen wording is not one of this entry's.", {
        fieldErrors: { phrasingIds: ["A chosen wording is not one of this entry's."] },
      });
    }
    if (chosen.some((p) => p.canonical)) {
      throw new AppError(
        "rule",
        "The canonical wording stays with the entry: change it first, or choose only variants.",
      );
    }
    const created = await insertLibraryEntry(tx, {
      canonicalText: input.canonicalText,
      verdict: entry.verdict,
      rationale: entry.rationale,
      tags: entry.tags,
      origin: entry.origin,
      externalPublisher: entry.externalPublisher,
      externalRating: entry.externalRating,
      externalUrl: entry.externalUrl,
      reviewedById: entry.reviewedById,
      reviewedAt: entry.reviewedAt,
      reviewDue: entry.reviewDue,
      createdById: actor.id,
    });
    await movePhrasingsTo(
      tx,
      chosen.map((p) => p.id),
      created.id,
      input.canonicalText,
    );
    const sourceClaims = chosen.flatMap((p) => (p.sourceClaimId ? [p.sourceClaimId] : []));
    const claims = await moveClaimLinks(tx, [entry.id], created.id, sourceClaims);
    const evidenceIds = await listEntryEvidenceOfClaims(
      tx,
      entry.id,
      claims.map((c) => c.id),
    );
    await linkEvidenceToEntry(tx, created.id, evidenceIds);
    const updated = await updateLibraryEntryIfVersion(tx, entry.id, entry.version, {});
    if (!updated) throw await staleEntryError(tx, entry.id);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "library.split",
      entityType: "library_entry",
      entityId: entry.id,
      after: {
        number: entry.number,
        newEntryId: created.id,
        newNumber: created.number,
        canonicalText: input.canonicalText,
        phrasingIds: chosen.map((p) => p.id),
        claimIds: claims.map((c) => c.id),
      },
    });
    return { entry: updated, created: { id: created.id, number: created.number } };
  },
});
