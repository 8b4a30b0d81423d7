/**
 * Claim mutations: create (from a selection, and the write an annotation import shares), update
 * the review fields, the editor's note.
 */
import "server-only";
import type { Db } from "@/db/client";
import { lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  type ClaimRow,
  findClaimById,
  insertClaim,
  insertClaimAnchor,
  lockClaimById,
  updateClaimIfVersion,
} from "@/db/queries/claims";
import { countEvidenceForClaim } from "@/db/queries/evidence";
import { findRevisionById, type RevisionRow } from "@/db/queries/revisions";
import { fieldChanges } from "@/lib/core/changes";
import { claimRuleErrors } from "@/lib/core/claims/rules";
import { anchorForSelection, assertCurrentRevision } from "@/lib/core/claims/selection";
import type { AnchorValues, ClaimFieldChanges } from "@/lib/core/claims/shapes";
import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import {
  createClaimSchema,
  setEditorNoteSchema,
  updateClaimSchema,
} from "@/lib/core/validation/claims";
import { defineAction } from "@/lib/server/action";

/**
 * Inserts a claim with its anchor in `revision` and its `claim.create` audit event: the one write
 * behind a claim made from a selection and one brought in by an annotation import. `fields` are
 * the claim's review fields when it arrives with them; `audit` adds to the event what the way it
 * was made knows (the anchor's state and score, the annotation it came from).
 */
export async function insertNewClaim(
  tx: Db,
  input: {
    actorId: string;
    articleId: string;
    revision: Pick<RevisionRow, "id" | "number">;
    anchor: AnchorValues;
    fields?: Omit<
      Parameters<typeof insertClaim>[1],
      "articleId" | "createdInRevisionId" | "createdById"
    >;
    audit?: { after?: Record<string, unknown>; note?: string };
  },
): Promise<ClaimRow> {
  const { actorId, articleId, revision, anchor } = input;
  const claim = await insertClaim(tx, {
    articleId,
    createdInRevisionId: revision.id,
    createdById: actorId,
    ...input.fields,
  });
  await insertClaimAnchor(tx, { claimId: claim.id, revisionId: revision.id, ...anchor });
  await insertAuditEvent(tx, {
    actorId,
    action: "claim.create",
    entityType: "claim",
    entityId: claim.id,
    articleId,
    after: {
      number: claim.number,
      exact: anchor.exact,
      start: anchor.start,
      end: anchor.end,
      revision: revision.number,
      ...input.audit?.after,
    },
    note: input.audit?.note,
  });
  return claim;
}

export const createClaim = defineAction({
  name: "claim.create",
  input: createClaimSchema,
  permission: "claim:create",
  run: async ({ tx, actor }, input) => {
    const revision = await findRevisionById(tx, input.revisionId);
    if (!revision) throw notFound("The revision");
    const article = await lockArticle(tx, revision.articleId);
    if (!article) throw notFound("The article");
    assertCurrentRevision(article, revision.id);
    if (article.state === "retracted")
      throw new AppError("rule", "A retracted article takes no new claims.");
    const anchor = anchorForSelection(revision.plainText, input);
    const claim = await insertNewClaim(tx, {
      actorId: actor.id,
      articleId: article.id,
      revision,
      anchor,
    });
    return { id: claim.id, number: claim.number, version: claim.version };
  },
});

/** The fields of `after` that differ from `before`, as two objects for the audit event. */
/** The conflict error for a stale save: carries the newer claim so the UI can show it. */
async function staleClaimError(tx: Db, claimId: string) {
  const current = await findClaimById(tx, claimId);
  return new AppError(
    "conflict",
    "Someone else saved this claim after you opened it. Their version is shown; your input is kept so you can re-apply it.",
    {
      details: { current },
    },
  );
}

export const updateClaim = defineAction({
  name: "claim.update",
  input: updateClaimSchema,
  permission: "claim:update",
  // Audited when it changes something: a claim saved unchanged changes nothing.
  audit: "when-changed",
  // A stale save's conflict carries the claim as it is now (the panel shows it).
  errorDetails: detailsOf<{ conflict: { current: ClaimRow | null } }>(),
  run: async ({ tx, actor }, input) => {
    // Locked: the evidence counted below cannot be deleted before this save commits.
    const claim = await lockClaimById(tx, input.claimId);
    if (!claim) throw notFound("The claim");
    if (claim.version !== input.version) throw await staleClaimError(tx, claim.id);

    const evidenceCount = await countEvidenceForClaim(tx, claim.id);
    const fieldErrors = claimRuleErrors({
      status: input.status,
      verdict: input.verdict,
      evidenceCount,
    });
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError(
        "validation",
        Object.values(fieldErrors)[0]?.[0] ?? "Check the highlighted fields.",
        { fieldErrors },
      );
    }

    const changes: ClaimFieldChanges = {
      status: input.status,
      verdict: input.verdict,
      severity: input.severity,
      rationale: input.rationale,
      suggestedCorrection: input.suggestedCorrection,
    };
    // A reviewer who saves a verdict has re-checked it against the current wording.
    if (claim.verdictStale && input.status === "resolved") changes.verdictStale = false;
    // Likewise for a re-check its library entry asked for (lib/services/library/propagation.ts).
    if (claim.recheckReason && input.status === "resolved") changes.recheckReason = null;

    const diff = fieldChanges(claim, changes);
    if (!diff.changed) return claim;

    const updated = await updateClaimIfVersion(tx, claim.id, input.version, changes);
    if (!updated) throw await staleClaimError(tx, claim.id);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.update",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      before: diff.before,
      after: diff.after,
    });
    return updated;
  },
});

/**
 * Writes a claim's editor's note if `version` is still its version, with its audit event: the
 * one write behind a single note and one note on several claims. Null when the version is stale.
 */
export async function writeEditorNote(
  tx: Db,
  actorId: string,
  claim: Pick<ClaimRow, "id" | "articleId" | "editorNote">,
  version: number,
  editorNote: string | null,
) {
  const updated = await updateClaimIfVersion(tx, claim.id, version, { editorNote });
  if (!updated) return null;
  await insertAuditEvent(tx, {
    actorId,
    action: "claim.set_editor_note",
    entityType: "claim",
    entityId: claim.id,
    articleId: claim.articleId,
    before: { editorNote: claim.editorNote },
    after: { editorNote },
  });
  return updated;
}

export const setEditorNote = defineAction({
  name: "claim.set_editor_note",
  input: setEditorNoteSchema,
  permission: "claim:override",
  // Audited when it changes something: the note the claim has already changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    const claim = await findClaimById(tx, input.claimId);
    if (!claim) throw notFound("The claim");
    if (claim.version !== input.version) throw await staleClaimError(tx, claim.id);
    const editorNote = input.editorNote || null;
    if (claim.editorNote === editorNote) return claim;
    const updated = await writeEditorNote(tx, actor.id, claim, input.version, editorNote);
    if (!updated) throw await staleClaimError(tx, claim.id);
    return updated;
  },
});
