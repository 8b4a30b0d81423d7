/** The read behind the annotation import page: which article and revision an import lands on. */
import "server-only";
import type { Db } from "@/db/client";
import { findArticleBySlug } from "@/db/queries/articles";
import { findRevisionById } from "@/db/queries/revisions";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";

export async function getImportTarget(db: Db, actor: Actor | null, slug: string) {
  authorize(actor, "article:read");
  const article = await findArticleBySlug(db, slug);
  if (!article?.currentRevisionId) throw notFound("The article");
  const revision = await findRevisionById(db, article.currentRevisionId);
  if (!revision) throw notFound("The article's revision");
  return {
    article: { id: article.id, slug: article.slug, title: article.title, state: article.state },
    revisionNumber: revision.number,
  };
}
