/**
 * An article's export as a downloadable file. Above both the export model (`exports/load.ts`)
 * and publications (a published article's download is its frozen snapshot), so that neither of
 * those imports the other's caller.
 */
import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/auth/permissions";
import {
  EXPORT_FORMATS,
  type ExportFormatId,
  exportFilename,
  publicationFilename,
  renderExport,
} from "@/lib/core/export/formats";
import type { ExportModel } from "@/lib/core/export/model";
import { loadExportModel } from "@/lib/services/exports/load";
import { renderPublicationExport } from "@/lib/services/publications/page";
import { findLatestPublicationForExport } from "@/lib/services/publications/read";

/** What an export file was made from, for the caller to name it (the CLI's summary line). */
export type ExportedFrom =
  | { kind: "publication"; number: number; revision: number; retracted: boolean; claims: number }
  | { kind: "revision"; revision: number; approved: boolean; claims: number };

export interface ExportFile {
  bytes: Uint8Array<ArrayBuffer>;
  filename: string;
  mediaType: string;
  from: ExportedFrom;
}

/**
 * An article's export as a file — the one rule for the export route and `claimdesk export`:
 * revision N when one is named, read as it stands now; else the article's latest publication
 * (its frozen snapshot, the same bytes as the public page's download); else `loadExportModel`'s
 * choice (the latest approved revision, else the work in progress). The workspace's download
 * buttons always name their revision (`loadExportChoice` below), so what they say they export
 * is what they export.
 */
export async function loadExportFile(
  db: Db,
  actor: Actor | null,
  slug: string,
  { format, revision }: { format: ExportFormatId; revision?: number },
): Promise<ExportFile> {
  const publication =
    revision === undefined ? await findLatestPublicationForExport(db, actor, slug) : null;
  if (publication) {
    const model = publication.snapshot;
    return {
      bytes: await renderPublicationExport(publication, "latest", format),
      filename: publicationFilename(model.article.slug, publication.number, format),
      mediaType: EXPORT_FORMATS[format].mediaType,
      from: {
        kind: "publication",
        number: publication.number,
        revision: model.revision.number,
        retracted: publication.latest.retractedAt !== null,
        claims: model.claims.length,
      },
    };
  }
  return exportFile(await loadExportModel(db, actor, slug, { revision }), format);
}

/** A revision's export model as a file: the workspace route's download, and the CLI's. */
export async function exportFile(model: ExportModel, format: ExportFormatId): Promise<ExportFile> {
  return {
    bytes: await renderExport(model, format),
    filename: exportFilename(model, format),
    mediaType: EXPORT_FORMATS[format].mediaType,
    from: {
      kind: "revision",
      revision: model.revision.number,
      approved: model.revision.approved,
      claims: model.claims.length,
    },
  };
}
