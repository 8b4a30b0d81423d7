import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/instance";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { getImportTarget } from "@/lib/services/annotations/read";
import { ImportAnnotationsForm } from "./import-annotations-form";

export const metadata: Metadata = { title: "Import annotations" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export default async function ImportAnnotationsPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorOrRedirect(`/articles/${slug}/annotations`);
  requirePagePermission(actor, "claim:create");
  const db = await getDb();
  const { article, revisionNumber } = await getImportTarget(db, actor, slug).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    },
  );
  const reviewHref = `/articles/${encodeURIComponent(article.slug)}`;

  return (
    <div className="page">
      <p>
        <Link href={reviewHref}>← {article.title}</Link>
      </p>
      <h1>Import annotations</h1>
      <p className="muted">
        Each annotation’s quote becomes a claim on revision {revisionNumber}, found in the text the
        same way claims are re-found after an edit; its comment becomes the claim’s rationale.
        Accepted: W3C Web Annotations (a single annotation, a list, an AnnotationPage or an
        AnnotationCollection with its pages embedded) and Hypothesis exports. Annotations that
        cannot be placed are listed with the reason.
      </p>
      {article.state === "retracted" ? (
        <div className="alert warning" role="status">
          This article is retracted and takes no new claims.
        </div>
      ) : (
        <ImportAnnotationsForm articleId={article.id} reviewHref={reviewHref} />
      )}
    </div>
  );
}
