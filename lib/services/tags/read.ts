/** Reads of the tag list and of an article's tags. */
import "server-only";
import type { Db } from "@/db/client";
import { findArticleBySlug } from "@/db/queries/articles";
import { listArticleTags, listTags, listTagsWithCounts } from "@/db/queries/tags";
import { type Actor, authorize, can } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";

/** The tag list page: every tag with its uses, and whether the actor may change the list. */
export async function loadTagList(db: Db, actor: Actor | null) {
  const me = authorize(actor, "desk:read");
  return { tags: await listTagsWithCounts(db), canManage: can(me, "tag:manage") };
}

/** Every tag, for the choices of a filter or a bulk action. */
export async function loadTagChoices(db: Db, actor: Actor | null) {
  authorize(actor, "desk:read");
  return listTags(db);
}

/** An article's tags (its review page's header). */
export async function loadArticleTags(db: Db, actor: Actor | null, articleId: string) {
  authorize(actor, "article:read");
  return listArticleTags(db, articleId);
}

/** An article's tags page: the article, its tags and every tag to choose from. */
export async function loadArticleTagsPage(db: Db, actor: Actor | null, slug: string) {
  authorize(actor, "tag:manage");
  const article = await findArticleBySlug(db, slug);
  if (!article) throw notFound("The article");
  const [tags, all] = await Promise.all([listArticleTags(db, article.id), listTags(db)]);
  return {
    article: { id: article.id, slug: article.slug, title: article.title },
    tagIds: tags.map((t) => t.id),
    all,
  };
}
