/**
 * `reference.import`: a reference manager's file (RIS, BibTeX, CSL-JSON, PubMed MEDLINE) into
 * the reference list, in two steps through the one action. "preview" reads the file and the list
 * and writes nothing: every record, which are duplicates (of a reference already in the list, or
 * of an earlier record of the file, by DOI or PMID), and each broken record's errors. "confirm"
 * imports the valid records picked (all valid non-duplicates when none are named) in one
 * transaction, checking duplicates again (someone may have added one since the preview); a
 * record picked that is broken or a duplicate refuses the whole import, naming it, so what is
 * written is exactly what the person saw. One audit event for the import (as the library's).
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { findReferenceNumbersByIdentifiers, insertReference } from "@/db/queries/references";
import { AppError } from "@/lib/core/errors";
import {
  describeRecordErrors,
  type ImportRecord,
  parseReferenceFile,
  REFERENCE_FORMAT_LABELS,
  type ReferenceFileFormat,
} from "@/lib/core/references/import";
import type { ReferenceMetadata } from "@/lib/core/references/metadata";
import { importReferencesSchema } from "@/lib/core/validation/references";
import { defineAction } from "@/lib/server/action";

/** One record as the preview lists it. */
export interface PreviewRecord {
  index: number;
  line: number | null;
  /** Null when the record is broken (see `errors`). */
  metadata: ReferenceMetadata | null;
  errors: string[];
  /** "Record 7 (line 61): no title", when broken. */
  errorText: string | null;
  /** Already in the list as R‹n›. */
  duplicateOfReference: number | null;
  /** The same work as an earlier record of this file. */
  duplicateOfRecord: number | null;
}

export interface ReferenceImportPreview {
  step: "preview";
  format: ReferenceFileFormat;
  formatLabel: string;
  records: PreviewRecord[];
  counts: { total: number; valid: number; errors: number; duplicates: number };
}

export interface ReferenceImportResult {
  step: "confirm";
  created: number;
  skipped: number;
  numbers: number[];
}

function parse(text: string, format: ReferenceFileFormat | "auto", fileName: string) {
  const parsed = parseReferenceFile(text, { format, fileName });
  if (!parsed.ok) {
    throw new AppError("validation", parsed.message, { fieldErrors: { text: [parsed.message] } });
  }
  return parsed;
}

/** The records with their duplicates in the list marked, as the list is now. */
async function withDuplicates(
  tx: Parameters<typeof findReferenceNumbersByIdentifiers>[0],
  records: ImportRecord[],
) {
  const valid = records.flatMap((r) => (r.metadata ? [r.metadata] : []));
  const known = await findReferenceNumbersByIdentifiers(
    tx,
    [...new Set(valid.flatMap((m) => (m.doi ? [m.doi] : [])))],
    [...new Set(valid.flatMap((m) => (m.pmid ? [m.pmid] : [])))],
  );
  return records.map(
    (r): PreviewRecord => ({
      index: r.index,
      line: r.line,
      metadata: r.metadata,
      errors: r.errors,
      errorText: r.errors.length > 0 ? describeRecordErrors(r) : null,
      duplicateOfReference: r.metadata
        ? ((r.metadata.doi ? known.dois.get(r.metadata.doi) : undefined) ??
          (r.metadata.pmid ? known.pmids.get(r.metadata.pmid) : undefined) ??
          null)
        : null,
      duplicateOfRecord: r.duplicateOfRecord,
    }),
  );
}

const isDuplicate = (r: PreviewRecord) =>
  r.duplicateOfReference !== null || r.duplicateOfRecord !== null;

export const importReferences = defineAction({
  name: "reference.import",
  input: importReferencesSchema,
  permission: "reference:write",
  // The preview writes nothing, and neither does a confirm that finds nothing new.
  audit: "when-changed",
  // Splitting and parsing up to 2,000 records needs no database: done before the transaction.
  prepare: async (_actor, { text, format, fileName }) => parse(text, format, fileName),
  run: async (
    { tx, actor, prepared },
    { step, records: picked, fileName },
  ): Promise<ReferenceImportPreview | ReferenceImportResult> => {
    const records = await withDuplicates(tx, prepared.records);
    if (step === "preview") {
      const valid = records.filter((r) => r.metadata !== null);
      return {
        step,
        format: prepared.format,
        formatLabel: REFERENCE_FORMAT_LABELS[prepared.format],
        records,
        counts: {
          total: records.length,
          valid: valid.length,
          errors: records.length - valid.length,
          duplicates: valid.filter(isDuplicate).length,
        },
      };
    }

    const byIndex = new Map(records.map((r) => [r.index, r]));
    const chosen = picked
      ? [...new Set(picked)]
          .sort((a, b) => a - b)
          .map((i) => {
            const r = byIndex.get(i);
            if (!r) throw new AppError("validation", `The file has no record ${i}.`);
            return r;
          })
      : records.filter((r) => r.metadata && !isDuplicate(r));
    const refused = chosen.flatMap((r) => {
      if (!r.metadata) return [r.errorText ?? `Record ${r.index}: it cannot be imported`];
      if (r.duplicateOfReference !== null)
        return [`Record ${r.index} is already in the list as R${r.duplicateOfReference}`];
      if (r.duplicateOfRecord !== null)
        return [`Record ${r.index} is the same work as record ${r.duplicateOfRecord}`];
      return [];
    });
    if (refused.length > 0) {
      const listed = refused.slice(0, 10).join("; ");
      const more = refused.length > 10 ? ` (and ${refused.length - 10} more)` : "";
      throw new AppError(
        "validation",
        `Nothing was imported: ${listed}${more}. Preview the file again and pick the records to import.`,
      );
    }

    const created: { id: string; number: number }[] = [];
    for (const r of chosen) {
      const {
        suggestedDesign: _hint,
        source: _source,
        ...fields
      } = r.metadata as ReferenceMetadata;
      const row = await insertReference(tx, { ...fields, source: "import", createdById: actor.id });
      created.push({ id: row.id, number: row.number });
    }
    const [firstCreated] = created;
    if (firstCreated) {
      await insertAuditEvent(tx, {
        actorId: actor.id,
        action: "reference.import",
        // The audit log's entity id is required; an import is about many references, so it
        // names the first one created and lists every number in `after` (as the library's).
        entityType: "reference",
        entityId: firstCreated.id,
        after: {
          format: prepared.format,
          fileName,
          created: created.length,
          skipped: records.length - created.length,
          numbers: created.map((c) => c.number),
        },
      });
    }
    return {
      step,
      created: created.length,
      skipped: records.length - created.length,
      numbers: created.map((c) => c.number),
    };
  },
});
