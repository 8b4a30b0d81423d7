/**
 * Article mutations: import (plain text, or any format through lib/import) and workflow
 * transitions (publishing and retracting write the publication, lib/publications). Each is an action definition (see lib/server/action.ts): permission, one
 * transaction, an audit event.
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  insertArticle,
  listSlugsLike,
  lockArticle,
  setCurrentRevision,
  updateArticleState,
} from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { findRevisionById, insertRevision, markRevisionApproved } from "@/db/queries/revisions";
import { slugify, uniqueSlug } from "@/lib/core/articles/slug";
import { type ApprovalBlocker, approvalRefusal, nextState } from "@/lib/core/articles/workflow";
import { splitParagraphs, textToDoc } from "@/lib/core/document/from-text";
import { type DocRoot, docSchema } from "@/lib/core/document/schema";

import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import type { ImportFormat } from "@/lib/core/import/file-type";
import { ImportError } from "@/lib/core/import/import-error";
import type { ImportedDocument } from "@/lib/core/import/import-to-doc";
import {
  importDocumentSchema,
  importTextSchema,
  transitionArticleSchema,
} from "@/lib/core/validation/articles";
import type { ArticleState } from "@/lib/core/vocabulary";
import { defineAction } from "@/lib/server/action";
import { importInWorker } from "@/lib/server/isolated-import";
import { matchRevision } from "@/lib/services/library/matching";
import { publishCurrentRevision, retractPublication } from "@/lib/services/publications/service";
import { dateApprovalReview } from "@/lib/services/review/service";
import { reviseFromImport, revisionPlainText } from "@/lib/services/revisions/service";
import { loadApprovalGate } from "./gate";

export interface ImportedArticle {
  id: string;
  slug: string;
  title: string;
  revisionId: string;
}

/** The article's details as the validation schemas leave them (trimmed; empty is null). */
interface ArticleDetails {
  sourceUrl: string | null;
  originalAuthor: string | null;
  originalPublishedAt: string | null;
}

/**
 * Creates an article and its first revision from a document. The document is checked against
 * the schema once more: whatever produced it, nothing outside the editor's schema is stored.
 */
async function createArticleFromDoc(
  tx: Db,
  actorId: string,
  input: ArticleDetails & {
    title: string;
    doc: DocRoot;
    /** How the body arrived, for the audit trail (absent for pasted plain text). */
    origin?: { format: ImportFormat; fileName: string | null };
  },
): Promise<ImportedArticle> {
  const title = input.title.trim();
  if (!title)
    throw new AppError("validation", "Give the article a title.", {
      fieldErrors: { title: ["Title is required."] },
    });

  const doc = docSchema.parse(input.doc);
  const plainText = revisionPlainText(doc, "text");

  const base = slugify(title);
  const slug = uniqueSlug(base, await listSlugsLike(tx, base));
  const article = await insertArticle(tx, {
    slug,
    title,
    sourceUrl: input.sourceUrl,
    originalAuthor: input.originalAuthor,
    originalPublishedAt: input.originalPublishedAt,
    createdById: actorId,
  });
  const revision = await insertRevision(tx, {
    articleId: article.id,
    doc,
    plainText,
    summary: "Imported",
    authorId: actorId,
    parentId: null,
  });
  await setCurrentRevision(tx, article.id, revision.id);
  await matchRevision(tx, revision);
  await insertAuditEvent(tx, {
    actorId,
    action: "article.import",
    entityType: "article",
    entityId: article.id,
    articleId: article.id,
    after: {
      slug,
      title,
      sourceUrl: input.sourceUrl,
      revision: revision.number,
      characters: plainText.length,
      ...input.origin,
    },
  });
  return { id: article.id, slug, title, revisionId: revision.id };
}

/** Creates an article from plain text; the title defaults to the start of the text. */
export async function createArticleFromText(
  tx: Db,
  actorId: string,
  input: ArticleDetails & { title: string; text: string },
): Promise<ImportedArticle> {
  const paragraphs = splitParagraphs(input.text);
  const title = input.title || (paragraphs[0] ?? "").slice(0, 300).trim();
  return createArticleFromDoc(tx, actorId, { ...input, title, doc: textToDoc(input.text) });
}

export const importArticleText = defineAction({
  name: "article.import",
  input: importTextSchema,
  permission: "article:import",
  run: async ({ tx, actor }, input) => createArticleFromText(tx, actor.id, input),
});

/**
 * Imports pasted text, Markdown or HTML, or an uploaded .txt, .md, .html or .docx file
 * (lib/import). A source that cannot be imported is a validation error next to the field it
 * came from. The conversion is the definition's `prepare`: after the permission check, so no one
 * without the permission makes the server parse a file, and before the transaction, so it holds
 * no connection while it runs; it runs in a worker thread with a time and memory limit
 * (`importInWorker`, lib/server/isolated-import.ts), so the server keeps answering meanwhile.
 */
export const importArticleDocument = defineAction({
  name: "article.import_document",
  input: importDocumentSchema,
  permission: "article:import",
  // Audited when it changes something: a re-import of unchanged text adds no revision.
  audit: "when-changed",
  prepare: async (_actor, input): Promise<ImportedDocument> => {
    const field = input.source === "file" ? "file" : "text";
    try {
      return await importInWorker(
        input.source === "file"
          ? { fileName: input.file.name, bytes: new Uint8Array(await input.file.arrayBuffer()) }
          : { format: input.format, text: input.text },
      );
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      throw new AppError("validation", err.message, { fieldErrors: { [field]: [err.message] } });
    }
  },
  run: async ({ tx, actor, prepared: imported }, input) => {
    const title = input.title || imported.title;
    // The same source URL as an existing article: its next revision, not a second article.
    const revised = await reviseFromImport(tx, actor, {
      sourceUrl: input.sourceUrl,
      doc: imported.doc,
      title: title ?? "",
    });
    if (revised) return revised;
    if (!title) {
      throw new AppError("validation", "Give the article a title.", {
        fieldErrors: { title: ["No title was found in the text: type one."] },
      });
    }
    const created = await createArticleFromDoc(tx, actor.id, {
      ...input,
      title,
      doc: imported.doc,
      origin: {
        format: imported.format,
        fileName: input.source === "file" ? input.file.name : null,
      },
    });
    return { kind: "article" as const, ...created };
  },
});

export const transitionArticle = defineAction({
  name: "article.transition",
  input: transitionArticleSchema,
  permission: "article:transition",
  // A stale version's conflict: the state it is in now; an approval's refusal: what blocks it.
  errorDetails: detailsOf<{
    conflict: { state: ArticleState; version: number };
    rule: { blockers: ApprovalBlocker[] };
  }>(),
  run: async ({ tx, actor }, input) => {
    const article = await lockArticle(tx, input.articleId);
    if (!article) throw notFound("The article");
    if (article.version !== input.version) {
      throw new AppError(
        "conflict",
        "Someone else changed this article's state. Reload to see it.",
        {
          details: { state: article.state, version: article.version },
        },
      );
    }
    const to = nextState(article.state, input.transition);
    if (!to) {
      throw new AppError(
        "rule",
        `An article that is ${article.state.replace("_", " ")} cannot be sent through "${input.transition.replace("_", " ")}".`,
      );
    }
    if (input.transition === "approve") {
      const revision = article.currentRevisionId
        ? await findRevisionById(tx, article.currentRevisionId)
        : null;
      if (!revision) throw notFound("The article's revision");
      if (revision.authorId === actor.id) {
        throw new AppError(
          "rule",
          "You wrote this revision: another editor must approve it (four-eyes rule).",
        );
      }
      const { blockers } = await loadApprovalGate(tx, article.id, revision);
      if (blockers.length > 0) {
        throw new AppError("rule", approvalRefusal(blockers), { details: { blockers } });
      }
      await markRevisionApproved(tx, revision.id, actor.id);
    }
    // The publication is written in this transaction, so the state and the record agree.
    let publication: Record<string, unknown> | undefined;
    if (input.transition === "publish") {
      const p = await publishCurrentRevision(tx, article, actor.id);
      publication = { id: p.id, number: p.number, revision: p.revisionNumber, claims: p.claims };
    } else if (input.transition === "retract") {
      const p = await retractPublication(tx, article.id, input.note);
      publication = { id: p.id, number: p.number, retractedAt: p.retractedAt.toISOString() };
    }
    const updated = await updateArticleState(tx, article.id, article.version, to);
    if (!updated)
      throw new AppError(
        "conflict",
        "Someone else changed this article's state. Reload to see it.",
      );
    // Approving is a medical review: the article's review dates count from today.
    const reviewDates =
      input.transition === "approve"
        ? await dateApprovalReview(tx, article, new Date())
        : undefined;
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: `article.transition.${input.transition}`,
      entityType: "article",
      entityId: article.id,
      articleId: article.id,
      before: { state: article.state },
      after: {
        state: to,
        revisionId: article.currentRevisionId,
        ...(publication && { publication }),
        ...(reviewDates && { reviewDates }),
      },
      note: input.note || null,
    });
    return { state: to, version: updated.version };
  },
});
