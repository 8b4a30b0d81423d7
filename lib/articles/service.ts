/**
 * Article mutations: import and workflow transitions. Each is an action definition (see
 * lib/server/action.ts): permission, one transaction, an audit event.
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  findArticleById,
  insertArticle,
  listSlugsLike,
  lockArticle,
  setCurrentRevision,
  updateArticleState,
} from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { listClaimsInRevision } from "@/db/queries/claims";
import { findRevisionById, insertRevision, markRevisionApproved } from "@/db/queries/revisions";
import { splitParagraphs, textToDoc } from "@/lib/document/from-text";
import { docToPlainText } from "@/lib/document/text-map";
import { AppError, notFound } from "@/lib/errors";
import { defineAction } from "@/lib/server/action";
import { importTextSchema, transitionArticleSchema } from "@/lib/validation/articles";
import { slugify, uniqueSlug } from "./slug";
import { approvalBlockers, nextState } from "./workflow";

export interface ImportedArticle {
  id: string;
  slug: string;
  title: string;
  revisionId: string;
}

/** Creates an article and its first revision from normalized fields. */
export async function createArticleFromText(
  tx: Db,
  actorId: string,
  input: {
    title: string;
    text: string;
    sourceUrl: string | null;
    originalAuthor: string | null;
    originalPublishedAt: string | null;
  },
): Promise<ImportedArticle> {
  const paragraphs = splitParagraphs(input.text);
  const title = input.title || (paragraphs[0] ?? "").slice(0, 300).trim();
  if (!title)
    throw new AppError("validation", "Give the article a title.", {
      fieldErrors: { title: ["Title is required."] },
    });

  const doc = textToDoc(input.text);
  const plainText = docToPlainText(doc);
  if (plainText.trim() === "") {
    throw new AppError("validation", "The article has no text.", {
      fieldErrors: { text: ["Article text is required."] },
    });
  }

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
    },
  });
  return { id: article.id, slug, title, revisionId: revision.id };
}

export const importArticleText = defineAction({
  name: "article.import",
  input: importTextSchema,
  permission: "article:import",
  run: async ({ tx, actor }, input) => createArticleFromText(tx, actor.id, input),
});

export const transitionArticle = defineAction({
  name: "article.transition",
  input: transitionArticleSchema,
  permission: "article:transition",
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
      const blockers = approvalBlockers(await listClaimsInRevision(tx, revision.id));
      if (blockers.length > 0) {
        throw new AppError(
          "rule",
          `Approval is blocked by ${blockers.length} claim${blockers.length === 1 ? "" : "s"} that still need a decision.`,
          {
            details: { blockers },
          },
        );
      }
      await markRevisionApproved(tx, revision.id, actor.id);
    }
    const updated = await updateArticleState(tx, article.id, article.version, to);
    if (!updated)
      throw new AppError(
        "conflict",
        "Someone else changed this article's state. Reload to see it.",
      );
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: `article.transition.${input.transition}`,
      entityType: "article",
      entityId: article.id,
      articleId: article.id,
      before: { state: article.state },
      after: { state: to, revisionId: article.currentRevisionId },
      note: input.note || null,
    });
    return { state: to, version: updated.version };
  },
});

export async function requireArticle(db: Db, id: string) {
  const article = await findArticleById(db, id);
  if (!article) throw notFound("The article");
  return article;
}
