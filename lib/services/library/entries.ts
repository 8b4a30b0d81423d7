/**
 * The claims library's entry mutations: a resolved claim added (a new entry, or a wording of an
 * existing one), the publish page's "add these to the library" step, editing an entry, and
 * superseding or withdrawing it. Merging and splitting are in merge.ts. Changes that make the
 * linked claims' borrowed verdict doubtful send them back to re-check (propagation.ts) in the
 * same transaction.
 */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { type ClaimRow, findLatestAnchorOfClaim, lockClaimById } from "@/db/queries/claims";
import { listEvidenceForClaims } from "@/db/queries/evidence";
import { insertLibraryEntry, insertLibraryPhrasing } from "@/db/queries/library";
import {
  findLibraryEntryById,
  findVerdictGiverId,
  insertSupersession,
  linkClaimToEntry,
  linkEvidenceToEntry,
  lockLibraryEntry,
  replaceCanonicalPhrasing,
  setCanonicalSourceClaim,
  updateLibraryEntryIfVersion,
} from "@/db/queries/library-entries";
import {
  findLatestPublishedRevision,
  listUnlinkedResolvedClaims,
} from "@/db/queries/library-entry-reads";
import type { LibraryEntry } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/permissions";
import { fieldChanges } from "@/lib/core/changes";
import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import { entryLabel } from "@/lib/core/library/accept";
import {
  addClaimToLibrarySchema,
  addPublishedClaimsSchema,
  supersedeLibraryEntrySchema,
  updateLibraryEntrySchema,
  withdrawLibraryEntrySchema,
} from "@/lib/core/validation/library-entries";
import { CLAIM_STATUS_LABELS, LIBRARY_STATE_LABELS, VERDICT_INFO } from "@/lib/core/vocabulary";
import { defineAction } from "@/lib/server/action";
import { propagateEntryChange, recheckReasons } from "./propagation";

/** The conflict error for a stale save: carries the entry as it is now so the page can show it. */
export async function staleEntryError(tx: Db, entryId: string) {
  const current = await findLibraryEntryById(tx, entryId);
  const which = current ? `library entry ${entryLabel(current.number)}` : "this library entry";
  return new AppError(
    "conflict",
    `Someone else changed ${which} after you opened it. Their version is shown; your input is kept so you can re-apply it.`,
    { details: { current } },
  );
}

/** The entry at the version read, its row locked; not found and stale versions are refused. */
export async function lockEntryAtVersion(tx: Db, entryId: string, version: number) {
  const entry = await lockLibraryEntry(tx, entryId);
  if (!entry) throw notFound("The library entry");
  if (entry.version !== version) throw await staleEntryError(tx, entryId);
  return entry;
}

/** Refuses an entry that is not current (superseded or withdrawn entries take no changes). */
export function assertCurrent(entry: LibraryEntry, doing: string) {
  if (entry.state !== "current") {
    throw new AppError(
      "rule",
      `Library entry ${entryLabel(entry.number)} is ${LIBRARY_STATE_LABELS[entry.state].toLowerCase()}: it cannot be ${doing}.`,
    );
  }
}

const verdictLabel = (v: LibraryEntry["verdict"]) => (v ? VERDICT_INFO[v].label : "no verdict");

/**
 * Adds one resolved claim to the library, as a new entry or as a wording of `entryId`, links its
 * evidence and the claim itself, and writes its `library.add_claim` event. The claim is locked:
 * two people adding it at once cannot both link it.
 */
async function addClaim(
  tx: Db,
  actor: Actor,
  claim: ClaimRow,
  options: { entryId?: string | null; tags?: string[]; reviewDue?: string | null },
) {
  if (claim.status !== "resolved" || !claim.verdict) {
    throw new AppError(
      "rule",
      `Only a resolved claim can go into the library: claim ${claim.number} is ${CLAIM_STATUS_LABELS[claim.status].toLowerCase()}. Give it a verdict first.`,
    );
  }
  if (claim.libraryEntryId) {
    const linked = await findLibraryEntryById(tx, claim.libraryEntryId);
    throw new AppError(
      "rule",
      `Claim ${claim.number} is already linked to library entry ${linked ? entryLabel(linked.number) : "another entry"}.`,
    );
  }
  const anchor = await findLatestAnchorOfClaim(tx, claim.id);
  if (!anchor) throw notFound("The claim's quote");
  const evidenceIds = (await listEvidenceForClaims(tx, [claim.id])).map((e) => e.id);

  let entry: LibraryEntry;
  if (options.entryId) {
    const existing = await lockLibraryEntry(tx, options.entryId);
    if (!existing) throw notFound("The library entry");
    assertCurrent(existing, "given new wordings");
    // A wording of the entry says the same claim: with another verdict one of them is wrong.
    if (existing.verdict !== claim.verdict) {
      throw new AppError(
        "rule",
        `Claim ${claim.number} is rated ${verdictLabel(claim.verdict)} but library entry ${entryLabel(existing.number)} says ${verdictLabel(existing.verdict)}: give them the same verdict first, or add the claim as a new entry.`,
      );
    }
    await insertLibraryPhrasing(tx, {
      entryId: existing.id,
      text: anchor.exact,
      sourceClaimId: claim.id,
    });
    entry = existing;
  } else {
    entry = await insertLibraryEntry(tx, {
      canonicalText: anchor.exact,
      verdict: claim.verdict,
      rationale: claim.rationale,
      tags: options.tags ?? [],
      reviewedById: (await findVerdictGiverId(tx, claim.id)) ?? actor.id,
      reviewedAt: new Date(),
      reviewDue: options.reviewDue ?? null,
      createdById: actor.id,
    });
    await setCanonicalSourceClaim(tx, entry.id, claim.id);
  }
  const evidence = await linkEvidenceToEntry(tx, entry.id, evidenceIds);
  await linkClaimToEntry(tx, claim.id, entry.id, "same");
  await insertAuditEvent(tx, {
    actorId: actor.id,
    action: "library.add_claim",
    entityType: "library_entry",
    entityId: entry.id,
    articleId: claim.articleId,
    after: {
      number: entry.number,
      claimId: claim.id,
      claimNumber: claim.number,
      variant: Boolean(options.entryId),
      text: anchor.exact,
      verdict: claim.verdict,
      evidence,
    },
  });
  return { entryId: entry.id, number: entry.number, variant: Boolean(options.entryId) };
}

export const addClaimToLibrary = defineAction({
  name: "library.add_claim",
  input: addClaimToLibrarySchema,
  permission: "library:write",
  run: async ({ tx, actor }, input) => {
    const claim = await lockClaimById(tx, input.claimId);
    if (!claim) throw notFound("The claim");
    return addClaim(tx, actor, claim, input);
  },
});

/**
 * The publish page's one step: the chosen claims of the article's latest publication, each as a
 * new entry or a wording of the entry picked for it. Every pick must be offered there
 * (`listUnlinkedResolvedClaims`: resolved, not linked, in that revision); one that is not
 * refuses the whole step, and nothing is added.
 */
export const addPublishedClaimsToLibrary = defineAction({
  name: "library.add_published_claims",
  input: addPublishedClaimsSchema,
  permission: "library:write",
  run: async ({ tx, actor }, input) => {
    const revision = await findLatestPublishedRevision(tx, input.articleId);
    if (!revision) throw new AppError("rule", "This article has not been published yet.");
    const offered = new Set(
      (await listUnlinkedResolvedClaims(tx, input.articleId)).map((c) => c.id),
    );
    const added = [];
    for (const pick of input.picks) {
      const claim = await lockClaimById(tx, pick.claimId);
      if (!claim || claim.articleId !== input.articleId) throw notFound("A chosen claim");
      // Not offered: unresolved, already linked, or not in the published revision; `addClaim`
      // says which of the first two, the last gets its own sentence.
      if (!offered.has(claim.id) && claim.status === "resolved" && !claim.libraryEntryId) {
        throw new AppError(
          "rule",
          `Claim ${claim.number} is not in the published revision ${revision.number}.`,
        );
      }
      added.push(
        await addClaim(tx, actor, claim, {
          entryId: pick.entryId,
          tags: pick.tags,
          reviewDue: input.reviewDue,
        }),
      );
    }
    return { added };
  },
});

export const updateLibraryEntry = defineAction({
  name: "library.update",
  input: updateLibraryEntrySchema,
  permission: "library:write",
  // Audited when it changes something: an entry saved unchanged changes nothing.
  audit: "when-changed",
  errorDetails: detailsOf<{ conflict: { current: LibraryEntry | null } }>(),
  run: async ({ tx, actor }, { entryId, version, ...fields }) => {
    const entry = await lockEntryAtVersion(tx, entryId, version);
    const diff = fieldChanges(entry, fields);
    if (!diff.changed) return entry;
    const verdictChanged = "verdict" in diff.after;
    const updated = await updateLibraryEntryIfVersion(tx, entryId, version, {
      ...diff.after,
      // Whoever sets the verdict is its reviewer from now on.
      ...(verdictChanged ? { reviewedById: actor.id, reviewedAt: new Date() } : {}),
    });
    if (!updated) throw await staleEntryError(tx, entryId);
    if (diff.after.canonicalText !== undefined) {
      await replaceCanonicalPhrasing(tx, entryId, diff.after.canonicalText, (v) =>
        insertLibraryPhrasing(tx, v),
      );
    }
    const rechecked = verdictChanged
      ? await propagateEntryChange(tx, actor.id, [
          {
            id: entry.id,
            number: entry.number,
            reason: recheckReasons.verdictChanged(entry.number, entry.verdict, fields.verdict),
          },
        ])
      : 0;
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "library.update",
      entityType: "library_entry",
      entityId: entry.id,
      before: diff.before,
      after: { ...diff.after, number: entry.number, rechecked },
    });
    return updated;
  },
});

export const supersedeLibraryEntry = defineAction({
  name: "library.supersede",
  input: supersedeLibraryEntrySchema,
  permission: "library:manage",
  errorDetails: detailsOf<{ conflict: { current: LibraryEntry | null } }>(),
  run: async ({ tx, actor }, input) => {
    if (input.successorId === input.entryId) {
      throw new AppError("validation", "An entry cannot supersede itself.");
    }
    const entry = await lockEntryAtVersion(tx, input.entryId, input.version);
    assertCurrent(entry, "superseded");
    const successor = await lockLibraryEntry(tx, input.successorId);
    if (!successor) throw notFound("The successor entry");
    assertCurrent(successor, "a successor");
    const updated = await updateLibraryEntryIfVersion(tx, entry.id, input.version, {
      state: "superseded",
    });
    if (!updated) throw await staleEntryError(tx, entry.id);
    await insertSupersession(tx, {
      entryId: entry.id,
      successorId: successor.id,
      supersededById: actor.id,
    });
    const rechecked = await propagateEntryChange(tx, actor.id, [
      {
        id: entry.id,
        number: entry.number,
        reason: recheckReasons.superseded(entry.number, successor.number),
      },
    ]);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "library.supersede",
      entityType: "library_entry",
      entityId: entry.id,
      before: { state: entry.state },
      after: {
        state: "superseded",
        successorId: successor.id,
        successorNumber: successor.number,
        number: entry.number,
        rechecked,
      },
    });
    return updated;
  },
});

export const withdrawLibraryEntry = defineAction({
  name: "library.withdraw",
  input: withdrawLibraryEntrySchema,
  permission: "library:manage",
  errorDetails: detailsOf<{ conflict: { current: LibraryEntry | null } }>(),
  run: async ({ tx, actor }, input) => {
    const entry = await lockEntryAtVersion(tx, input.entryId, input.version);
    assertCurrent(entry, "withdrawn");
    const updated = await updateLibraryEntryIfVersion(tx, entry.id, input.version, {
      state: "withdrawn",
    });
    if (!updated) throw await staleEntryError(tx, entry.id);
    const rechecked = await propagateEntryChange(tx, actor.id, [
      {
        id: entry.id,
        number: entry.number,
        reason: recheckReasons.withdrawn(entry.number, input.reason),
      },
    ]);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "library.withdraw",
      entityType: "library_entry",
      entityId: entry.id,
      before: { state: entry.state },
      after: { state: "withdrawn", number: entry.number, rechecked },
      note: input.reason,
    });
    return updated;
  },
});
