/**
 * The workspace's reference list: `reference.create` (typed by hand) and `reference.update` (a
 * correction, optimistic on `version`). A reference is the one source of the citation its
 * evidence items carry: correcting it rewrites the copied fields of every item that points at it,
 * in the same transaction, each item's version bumped and its change on the claim's record.
 * `linkEvidenceToReference` is how evidence finds (or makes) its reference when it is saved.
 */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  citationOfReference,
  type EvidenceCitation,
  findOtherReferenceWithIdentifier,
  findReferenceById,
  findReferenceByIdentifier,
  insertReference,
  lockEvidenceCitingReference,
  lockReferenceNumbering,
  type ReferenceRow,
  setEvidenceCitation,
  updateReferenceIfVersion,
} from "@/db/queries/references";
import type { Actor } from "@/lib/core/auth/permissions";
import { fieldChanges } from "@/lib/core/changes";
import { AppError, detailsOf } from "@/lib/core/errors";
import {
  createReferenceSchema,
  type ReferenceFields,
  updateReferenceSchema,
} from "@/lib/core/validation/references";
import { defineAction } from "@/lib/server/action";
import { cachedMetadata } from "./lookup";

/** The fields a person edits, in a stable order (for the audit trail). */
const REFERENCE_KEYS = [
  "title",
  "authors",
  "journal",
  "year",
  "volume",
  "issue",
  "pages",
  "url",
  "doi",
  "pmid",
  "pmcid",
  "publicationTypes",
  "abstract",
] as const satisfies readonly (keyof ReferenceFields)[];

const valuesOf = (r: ReferenceFields) =>
  Object.fromEntries(REFERENCE_KEYS.map((k) => [k, r[k]])) as ReferenceFields;

const CITATION_KEYS = ["title", "authors", "publisher", "year", "doi", "pmid", "url"] as const;

/** "R12": how people and URLs name a reference. */
export const referenceLabel = (number: number) => `R${number}`;

/** The message for a DOI or PMID another reference already has, next to the field. */
function identifierTaken(
  other: { number: number; doi: string | null; pmid: string | null },
  fields: { doi: string | null; pmid: string | null },
) {
  const field = fields.doi && other.doi === fields.doi ? "doi" : "pmid";
  const message = `${referenceLabel(other.number)} already has this ${field === "doi" ? "DOI" : "PMID"}: open it instead of adding it twice.`;
  return new AppError("validation", message, { fieldErrors: { [field]: [message] } });
}

/** Writes a reference and its `reference.create` event (by hand, or for an evidence item). */
export async function createReferenceRow(
  tx: Db,
  actor: Actor,
  fields: ReferenceFields,
  source: ReferenceRow["source"],
): Promise<ReferenceRow> {
  const row = await insertReference(tx, { ...fields, source, createdById: actor.id });
  await insertAuditEvent(tx, {
    actorId: actor.id,
    action: "reference.create",
    entityType: "reference",
    entityId: row.id,
    after: { number: row.number, source, ...valuesOf(row) },
  });
  return row;
}

export const createReference = defineAction({
  name: "reference.create",
  input: createReferenceSchema,
  permission: "reference:write",
  run: async ({ tx, actor }, fields): Promise<ReferenceRow> => {
    const other = await findReferenceByIdentifier(tx, fields);
    if (other) throw identifierTaken(other, fields);
    return createReferenceRow(tx, actor, fields, "manual");
  },
});

/** A stale correction's conflict carries the reference as it is now (the form shows it). */
export type ReferenceConflict = { conflict: { current: ReferenceRow } };

const STALE =
  "Someone else corrected this reference after you opened it. Their version is shown; your input is kept so you can re-apply it.";

async function staleError(tx: Db, id: string) {
  const current = await findReferenceById(tx, id);
  if (!current) return new AppError("not_found", "This reference no longer exists.");
  return new AppError("conflict", STALE, { details: { current } });
}

/**
 * Rewrites the citation copied into every evidence item citing `reference`, each with its own
 * `evidence.update` event (so the claim's history shows it), noting the reference.
 */
async function propagateCorrection(tx: Db, actor: Actor, reference: ReferenceRow) {
  const citation = citationOfReference(reference);
  const items = await lockEvidenceCitingReference(tx, reference.id);
  let rewritten = 0;
  for (const item of items) {
    const current: EvidenceCitation = Object.fromEntries(
      CITATION_KEYS.map((k) => [k, item[k]]),
    ) as EvidenceCitation;
    const { before, after, changed } = fieldChanges<EvidenceCitation>(current, citation);
    if (!changed) continue;
    await setEvidenceCitation(tx, item.id, after);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.update",
      entityType: "evidence",
      entityId: item.id,
      articleId: item.articleId,
      before: { claimId: item.claimId, title: item.title, ...before },
      after: { claimId: item.claimId, title: citation.title, ...after },
      note: `Corrected with reference ${referenceLabel(reference.number)}`,
    });
    rewritten++;
  }
  return rewritten;
}

export interface ReferenceUpdated {
  reference: ReferenceRow;
  /** How many evidence items had their citation rewritten. */
  evidenceCorrected: number;
}

export const updateReference = defineAction({
  name: "reference.update",
  input: updateReferenceSchema,
  permission: "reference:write",
  // A correction saved unchanged changes nothing, and writes nothing.
  audit: "when-changed",
  errorDetails: detailsOf<ReferenceConflict>(),
  run: async ({ tx, actor }, { referenceId, version, ...fields }): Promise<ReferenceUpdated> => {
    const reference = await findReferenceById(tx, referenceId);
    if (!reference) throw new AppError("not_found", "This reference no longer exists.");
    if (reference.version !== version) throw await staleError(tx, referenceId);
    const { before, after, changed } = fieldChanges<ReferenceFields>(valuesOf(reference), fields);
    if (!changed) return { reference, evidenceCorrected: 0 };
    const other = await findOtherReferenceWithIdentifier(tx, referenceId, fields);
    if (other) throw identifierTaken(other, fields);
    const updated = await updateReferenceIfVersion(tx, referenceId, version, after);
    if (!updated) throw await staleError(tx, referenceId);
    const evidenceCorrected = await propagateCorrection(tx, actor, updated);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "reference.update",
      entityType: "reference",
      entityId: referenceId,
      before: { number: reference.number, ...before },
      after: { number: reference.number, ...after, evidenceCorrected },
    });
    return { reference: updated, evidenceCorrected };
  },
});

/** What an evidence item is saved with: its citation as typed, and the reference it names. */
interface EvidenceCitationInput extends EvidenceCitation {
  referenceId: string | null;
}

/**
 * An item found its reference by one identifier and carries the other, which the reference lacks
 * (cited by DOI first, by DOI and PMID now): the reference learns it, so the watch also asks PubMed.
 * Not when another reference already has it (two records of one work: a person merges them).
 */
async function fillMissingIdentifiers(
  tx: Db,
  actor: Actor,
  reference: ReferenceRow,
  ids: { doi: string | null; pmid: string | null },
): Promise<void> {
  const changes: { doi?: string; pmid?: string } = {};
  if (!reference.doi && ids.doi) changes.doi = ids.doi;
  if (!reference.pmid && ids.pmid) changes.pmid = ids.pmid;
  if (Object.keys(changes).length === 0) return;
  const other = await findOtherReferenceWithIdentifier(tx, reference.id, {
    doi: changes.doi ?? null,
    pmid: changes.pmid ?? null,
  });
  if (other) return;
  const updated = await updateReferenceIfVersion(tx, reference.id, reference.version, changes);
  if (!updated) return;
  await insertAuditEvent(tx, {
    actorId: actor.id,
    action: "reference.update",
    entityType: "reference",
    entityId: reference.id,
    before: { number: reference.number, doi: reference.doi, pmid: reference.pmid },
    after: { number: reference.number, doi: updated.doi, pmid: updated.pmid, evidenceCorrected: 0 },
    note: "Identifier learnt from an evidence item citing it",
  });
}

/**
 * The reference an evidence item cites, and the citation it is saved with. A reference it names
 * is the one, and its citation is copied from it (choosing a reference from the list). Else the
 * reference with its DOI or PMID, made from its fields when the list has none: the item keeps the
 * citation as typed until the reference is next corrected, which rewrites every item citing it.
 * Without a DOI or PMID it stays unlinked.
 */
export async function linkEvidenceToReference(
  tx: Db,
  actor: Actor,
  input: EvidenceCitationInput,
): Promise<{ referenceId: string | null; citation: EvidenceCitation }> {
  const { referenceId, ...typed } = input;
  if (referenceId) {
    const named = await findReferenceById(tx, referenceId);
    if (!named) {
      const message =
        "This reference is no longer in the list: choose another, or type the citation.";
      throw new AppError("validation", message, { fieldErrors: { referenceId: [message] } });
    }
    return { referenceId: named.id, citation: citationOfReference(named) };
  }
  if (!typed.doi && !typed.pmid) return { referenceId: null, citation: typed };
  const doi = typed.doi?.toLowerCase() ?? null;
  // Looked for again under the numbering lock: two items citing one new DOI at the same moment
  // (two reviewers, one study) must make one reference, not a conflict.
  const found =
    (await findReferenceByIdentifier(tx, { doi, pmid: typed.pmid })) ??
    (await lockReferenceNumbering(tx).then(() =>
      findReferenceByIdentifier(tx, { doi, pmid: typed.pmid }),
    ));
  if (found) {
    await fillMissingIdentifiers(tx, actor, found, { doi, pmid: typed.pmid });
    return { referenceId: found.id, citation: typed };
  }
  // A look-up just made for this DOI or PMID left its answer in the cache: the reference gets
  // what the evidence form has no fields for (volume, pages, abstract, publication types).
  const looked = await cachedMetadata(tx, { doi, pmid: typed.pmid });
  const created = await createReferenceRow(
    tx,
    actor,
    {
      title: typed.title,
      authors: typed.authors,
      journal: typed.publisher,
      year: typed.year,
      volume: looked?.volume ?? "",
      issue: looked?.issue ?? "",
      pages: looked?.pages ?? "",
      url: typed.url,
      doi,
      pmid: typed.pmid,
      pmcid: looked?.pmcid ?? null,
      publicationTypes: looked?.publicationTypes ?? [],
      abstract: looked?.abstract ?? "",
    },
    looked ? looked.source : "manual",
  );
  return { referenceId: created.id, citation: typed };
}
