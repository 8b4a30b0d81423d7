/** Evidence mutations: add, edit (optimistic concurrency on `version`) and delete. */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { findClaimById, lockClaimById } from "@/db/queries/claims";
import {
  countEvidenceForClaim,
  deleteEvidenceIfVersion,
  type EvidenceRow,
  findEvidenceById,
  insertEvidence,
  updateEvidenceIfVersion,
} from "@/db/queries/evidence";
import { listEntryNumbersOfEvidence } from "@/db/queries/library-entries";
import { fieldChanges } from "@/lib/core/changes";
import { VERDICTS_NEEDING_EVIDENCE } from "@/lib/core/claims/rules";
import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import type { EvidenceFields } from "@/lib/core/evidence/shapes";
import {
  addEvidenceSchema,
  deleteEvidenceSchema,
  updateEvidenceSchema,
} from "@/lib/core/validation/evidence";
import { VERDICT_INFO } from "@/lib/core/vocabulary";
import { defineAction } from "@/lib/server/action";
import { linkEvidenceToReference } from "@/lib/services/references/references";

/** Every field a person fills in, in a stable order (for the audit trail and diffs). */
const FIELD_KEYS = [
  "title",
  "authors",
  "publisher",
  "year",
  "url",
  "doi",
  "pmid",
  "excerpt",
  "stance",
  "studyDesign",
  "gradeCertainty",
  "gradeDowngradeReasons",
] as const satisfies readonly (keyof EvidenceFields)[];

const fieldsOf = (row: EvidenceFields): Record<string, unknown> =>
  Object.fromEntries(FIELD_KEYS.map((k) => [k, row[k]]));

const missing = () =>
  new AppError(
    "not_found",
    "This evidence item no longer exists: someone may have deleted it. Reload the page.",
  );

/** The conflict error for a stale edit or delete: carries the newer item for the UI to show. */
async function staleEvidenceError(tx: Db, evidenceId: string, message: string) {
  const current = await findEvidenceById(tx, evidenceId);
  if (!current) return missing();
  return new AppError("conflict", message, { details: { current } });
}

const STALE_EDIT =
  "Someone else changed this evidence after you opened it. Their version is shown; your input is kept so you can re-apply it.";
const STALE_DELETE =
  "Someone else changed this evidence after you opened it. Check their version, then delete it again if you still want to.";

/** A stale edit's or delete's conflict carries the item as it is now (the form shows it). */
export type EvidenceConflict = { conflict: { current: EvidenceRow } };

export const addEvidence = defineAction({
  name: "evidence.add",
  input: addEvidenceSchema,
  permission: "evidence:write",
  errorDetails: detailsOf<{ conflict: undefined }>(),
  run: async ({ tx, actor }, { claimId, referenceId, ...typed }): Promise<EvidenceRow> => {
    const claim = await findClaimById(tx, claimId);
    if (!claim) throw notFound("The claim");
    const link = await linkEvidenceToReference(tx, actor, { ...typed, referenceId });
    const row = await insertEvidence(tx, {
      ...typed,
      ...link.citation,
      referenceId: link.referenceId,
      claimId,
      addedById: actor.id,
    });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.add",
      entityType: "evidence",
      entityId: row.id,
      articleId: claim.articleId,
      after: { claimId, ...fieldsOf(row), referenceId: row.referenceId },
    });
    return row;
  },
});

export const updateEvidence = defineAction({
  name: "evidence.update",
  input: updateEvidenceSchema,
  permission: "evidence:write",
  // Audited when it changes something: an item saved unchanged changes nothing.
  audit: "when-changed",
  errorDetails: detailsOf<EvidenceConflict>(),
  run: async (
    { tx, actor },
    { evidenceId, version, referenceId, ...typed },
  ): Promise<EvidenceRow> => {
    const item = await findEvidenceById(tx, evidenceId);
    if (!item) throw missing();
    if (item.version !== version) throw await staleEvidenceError(tx, item.id, STALE_EDIT);
    const claim = await findClaimById(tx, item.claimId);
    if (!claim) throw notFound("The claim");

    // A linked item's citation is its reference's: corrected there, for every item citing it.
    const link = await linkEvidenceToReference(tx, actor, { ...typed, referenceId });
    const fields = { ...typed, ...link.citation, referenceId: link.referenceId };
    const {
      before,
      after: changes,
      changed,
    } = fieldChanges<EvidenceFields & { referenceId: string | null }>(item, fields);
    if (!changed) return item;

    const updated = await updateEvidenceIfVersion(tx, item.id, version, changes);
    if (!updated) throw await staleEvidenceError(tx, item.id, STALE_EDIT);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.update",
      entityType: "evidence",
      entityId: item.id,
      articleId: claim.articleId,
      // The claim and title name the item in the claim's history, even when unchanged.
      before: { claimId: item.claimId, title: item.title, ...before },
      after: { claimId: item.claimId, title: updated.title, ...changes },
    });
    return updated;
  },
});

export const deleteEvidence = defineAction({
  name: "evidence.delete",
  input: deleteEvidenceSchema,
  permission: "evidence:write",
  errorDetails: detailsOf<EvidenceConflict>(),
  run: async ({ tx, actor }, { evidenceId, version }) => {
    const item = await findEvidenceById(tx, evidenceId);
    if (!item) throw missing();
    if (item.version !== version) throw await staleEvidenceError(tx, item.id, STALE_DELETE);
    // Locked, so that concurrent deletes of a claim's last items are checked one after another.
    const claim = await lockClaimById(tx, item.claimId);
    if (!claim) throw notFound("The claim");

    const remaining = (await countEvidenceForClaim(tx, claim.id)) - 1;
    if (remaining === 0 && claim.verdict && VERDICTS_NEEDING_EVIDENCE.includes(claim.verdict)) {
      const verdict = VERDICT_INFO[claim.verdict].label;
      const state =
        claim.status === "resolved" ? `is resolved as ${verdict}` : `has the verdict ${verdict}`;
      throw new AppError(
        "rule",
        `Claim ${claim.number} ${state}, which needs evidence: change the verdict first.`,
      );
    }

    // The library links evidence rather than copying it: an item that backs an entry stays.
    const entries = await listEntryNumbersOfEvidence(tx, item.id);
    if (entries.length > 0) {
      throw new AppError(
        "rule",
        `This evidence backs library ${entries.length === 1 ? "entry" : "entries"} ${entries.map((n) => `K${n}`).join(", ")}: it stays while the library relies on it.`,
      );
    }

    const deleted = await deleteEvidenceIfVersion(tx, item.id, version);
    if (!deleted) throw await staleEvidenceError(tx, item.id, STALE_DELETE);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.delete",
      entityType: "evidence",
      entityId: item.id,
      articleId: claim.articleId,
      // A hard delete: this event is where the item's values are kept.
      before: {
        claimId: item.claimId,
        ...fieldsOf(deleted),
        addedById: deleted.addedById,
        createdAt: deleted.createdAt.toISOString(),
        version: deleted.version,
      },
    });
    return { id: item.id, claimId: item.claimId };
  },
});
