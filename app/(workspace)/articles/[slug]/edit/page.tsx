import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/instance";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { getEditData } from "@/lib/services/revisions/read";
import { RevisionEditor } from "../_components/revision-editor";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Edit ${(await params).slug}` };
}

export default async function EditArticlePage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorOrRedirect(`/articles/${slug}/edit`);
  const back = (
    <p>
      <Link href={`/articles/${slug}`}>← Back to the review</Link>
    </p>
  );
  requirePagePermission(actor, "article:edit");
  const data = await getEditData(await getDb(), actor, slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });

  return (
    <div className="page page-wide">
      {back}
      <div className="page-header">
        <div>
          <h1>Edit: {data.article.title}</h1>
          <p className="muted small" style={{ margin: 0 }}>
            Starting from revision {data.revision.number}. Saving makes revision{" "}
            {data.revision.number + 1}; earlier revisions are kept unchanged.
          </p>
        </div>
        <Link className="button" href={`/articles/${slug}/revisions`}>
          History
        </Link>
      </div>
      {data.stateAfterSave === null ? (
        <p className="alert error" role="alert">
          This article is retracted: its text can no longer be edited.
        </p>
      ) : (
        <RevisionEditor data={data} />
      )}
    </div>
  );
}
