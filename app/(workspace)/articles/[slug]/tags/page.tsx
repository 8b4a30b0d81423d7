import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/instance";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { loadArticleTagsPage } from "@/lib/services/tags/read";
import { ArticleTagsForm } from "./article-tags-form";

export const metadata: Metadata = { title: "Article tags" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** An article's tags, chosen from the workspace's list (editors). */
export default async function ArticleTagsPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorOrRedirect(`/articles/${slug}/tags`);
  const page = await loadArticleTagsPage(await getDb(), actor, slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const back = `/articles/${encodeURIComponent(page.article.slug)}`;
  return (
    <div className="page stack">
      <p>
        <Link href={back}>← {page.article.title}</Link>
      </p>
      <h1>Tags of “{page.article.title}”</h1>
      {page.all.length === 0 ? (
        <div className="card">
          <p className="empty">
            The workspace has no tags yet. <Link href="/tags">Create one</Link> first.
          </p>
        </div>
      ) : (
        <ArticleTagsForm
          articleId={page.article.id}
          all={page.all}
          checked={page.tagIds}
          back={back}
        />
      )}
    </div>
  );
}
