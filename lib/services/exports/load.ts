/** Reads one article's export model from the database, authorized for the actor. */
import "server-only";
import type { Db } from "@/db/client";
import { type ArticleRow, findArticleBySlug } from "@/db/queries/articles";
import { findChecklist } from "@/db/queries/checklists";
import { listClaimsInRevision } from "@/db/queries/claims";
import { listEvidenceForClaims } from "@/db/queries/evidence";
import { listGradeAssessmentsForClaims } from "@/db/queries/grade-assessments";
import { findNamedPeople, findVerdictGivers } from "@/db/queries/reviewers";
import {
  findLatestApprovedRevision,
  findRevisionById,
  findRevisionByNumber,
  type RevisionRow,
} from "@/db/queries/revisions";
import { getWorkspaceSettings } from "@/db/queries/settings";
import { findUserNames } from "@/db/queries/users";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { buildExportModel, type ClaimSource, type ExportModel } from "@/lib/core/export/model";
import { publicBaseUrl } from "@/lib/core/export/public-url";
import { checklistRows } from "@/lib/core/review/checklist";

export interface LoadExportOptions {
  /** A given revision; by default the latest approved one, else the current work in progress. */
  revision?: number;
  now?: Date;
}

export async function loadExportModel(
  db: Db,
  actor: Actor | null,
  slug: string,
  options: LoadExportOptions = {},
): Promise<ExportModel> {
  authorize(actor, "article:export");
  const article = await findArticleBySlug(db, slug);
  if (!article) throw notFound("The article");
  const revision =
    options.revision !== undefined
      ? await findRevisionByNumber(db, article.id, options.revision)
      : ((await findLatestApprovedRevision(db, article.id)) ??
        (article.currentRevisionId ? await findRevisionById(db, article.currentRevisionId) : null));
  if (!revision) {
    throw notFound(
      options.revision !== undefined ? `Revision ${options.revision}` : "The article's text",
    );
  }

  return buildRevisionModel(db, article, revision, options.now ?? new Date());
}

/**
 * The export model of one revision, read as it stands now. Not authorized: the caller has
 * checked the actor (`loadExportModel` above, and publishing, which freezes this model as the
 * publication's snapshot in the publish transaction).
 */
export async function buildRevisionModel(
  db: Db,
  article: ArticleRow,
  revision: RevisionRow,
  now: Date,
): Promise<ExportModel> {
  const [settings, claims, checklist] = await Promise.all([
    getWorkspaceSettings(db),
    listClaimsInRevision(db, revision.id),
    findChecklist(db, article.id),
  ]);
  const claimIds = claims.map((c) => c.id);
  const [evidence, grades, names, verdictGivers, approver] = await Promise.all([
    listEvidenceForClaims(db, claimIds),
    listGradeAssessmentsForClaims(db, claimIds),
    findUserNames(db, [
      ...claims.map((c) => c.createdById),
      ...(revision.approvedById ? [revision.approvedById] : []),
      ...(revision.noClaimsById ? [revision.noClaimsById] : []),
    ]),
    findVerdictGivers(db, claimIds),
    revision.approvedById
      ? findNamedPeople(db, [revision.approvedById]).then(
          (people) => people.get(revision.approvedById as string) ?? null,
        )
      : null,
  ]);

  const evidenceByClaim = new Map<string, ClaimSource["evidence"]>();
  for (const e of evidence) {
    evidenceByClaim.set(e.claimId, [...(evidenceByClaim.get(e.claimId) ?? []), e]);
  }

  return buildExportModel({
    organization: {
      name: settings.organizationName,
      url: settings.organizationUrl,
      logoText: settings.logoText,
    },
    publicBaseUrl: publicBaseUrl(settings.publicBaseUrl),
    reviewDates: { lastReviewedOn: article.lastReviewedOn, nextReviewDue: article.nextReviewDue },
    // Only what readers may see: a workspace that keeps the checklist private exports none.
    checklist: settings.checklistPublic && checklist ? checklistRows(checklist.items) : null,
    article: {
      slug: article.slug,
      title: article.title,
      sourceUrl: article.sourceUrl,
      originalAuthor: article.originalAuthor,
      originalPublishedAt: article.originalPublishedAt,
    },
    revision: {
      number: revision.number,
      doc: revision.doc,
      plainText: revision.plainText,
      approvedAt: revision.approvedAt,
      approvedBy: revision.approvedById ? (names.get(revision.approvedById) ?? null) : null,
      approverCredentials: approver?.credentials ?? "",
      createdAt: revision.createdAt,
      noClaims:
        revision.noClaimsNote !== null && revision.noClaimsAt
          ? {
              note: revision.noClaimsNote,
              by: revision.noClaimsById ? (names.get(revision.noClaimsById) ?? null) : null,
              at: revision.noClaimsAt,
            }
          : null,
    },
    claims: claims.map((c) => ({
      ...c,
      reviewer: c.assigneeName ?? names.get(c.createdById) ?? null,
      verdictBy: verdictGivers.get(c.id) ?? null,
      evidence: evidenceByClaim.get(c.id) ?? [],
      grade: grades.get(c.id) ?? null,
    })),
    now,
  });
}

/** Which revisions the workspace's downloads offer: the latest approved one and the draft. */
export interface ExportChoice {
  /** The latest approved revision, what a download without `revision=` exports; null: none. */
  approved: number | null;
  /** The current revision, when it is not the approved one (a draft in progress); else null. */
  draft: number | null;
}

/**
 * What the article page's "Download annotated HTML" exports, so the button can say which
 * revision it is and offer the draft beside it: an editor revising an approved article would
 * otherwise download the approved text thinking it is their draft.
 */
export async function loadExportChoice(
  db: Db,
  actor: Actor | null,
  article: Pick<ArticleRow, "id" | "currentRevisionId">,
  currentNumber: number,
): Promise<ExportChoice> {
  authorize(actor, "article:export");
  const approved = await findLatestApprovedRevision(db, article.id);
  return {
    approved: approved?.number ?? null,
    draft: approved?.number === currentNumber ? null : currentNumber,
  };
}
