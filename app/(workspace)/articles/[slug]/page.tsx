import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getReviewData } from "@/lib/services/articles/read";
import { loadExportChoice } from "@/lib/services/exports/load";
import { loadArticleReview } from "@/lib/services/review/read";
import { loadArticleTags } from "@/lib/services/tags/read";
import { ExportDownloads } from "./_components/export-downloads";
import { KnownClaimsPanel } from "./_components/known-claims-panel";
import { LibraryOffer } from "./_components/library-offer";
import { ChecklistPanel, ReviewDatesPanel } from "./_components/review-dates-panel";
import { ReviewWorkspace } from "./_components/review-workspace";

export const dynamic = "force-dynamic";

type Params = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ArticleReviewPage({ params, searchParams }: Params) {
  const { slug } = await params;
  // `?claim=<id>` opens that claim (links from "My claims" and history); `?saved=<n>` follows
  // the editor's save of revision n; `?suggestions=<n>` shows page n (1-based) of the
  // suggestions, 20 at a time.
  const { claim: claimParam, saved, suggestions: suggestionsParam } = await searchParams;
  const actor = await requireActorOrRedirect(`/articles/${slug}`);
  const db = await getDb();
  const suggestionsPage = Number(typeof suggestionsParam === "string" ? suggestionsParam : 1) - 1;
  const data = await getReviewData(db, actor, slug, { suggestionsPage }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const { article, revision } = data;
  const [exportChoice, review, tags] = await Promise.all([
    loadExportChoice(db, actor, article, revision.number),
    loadArticleReview(db, actor, slug),
    loadArticleTags(db, actor, article.id),
  ]);
  const justSaved = saved === String(revision.number);
  const count = (state: string) => data.claims.filter((c) => c.anchor.state === state).length;

  return (
    <div className="page page-wide">
      <p>
        <Link href="/articles">← Articles</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{article.title}</h1>
          <p className="muted small" style={{ margin: 0 }}>
            Revision {revision.number} by {revision.authorName},{" "}
            {dateTimeFormat.format(revision.createdAt)}
            {revision.approvedAt
              ? ` · approved by ${revision.approvedByName} ${dateTimeFormat.format(revision.approvedAt)}`
              : ""}
            {article.sourceUrl ? (
              <>
                {" · "}
                <a href={article.sourceUrl} rel="nofollow noopener noreferrer" target="_blank">
                  source
                </a>
              </>
            ) : null}
          </p>
          {/* Rendered here, on the server: the page's client budget has no room (docs/figures.md). */}
          {tags.length > 0 || can(actor, "tag:manage") ? (
            <p className="small article-tags" data-testid="article-tags" style={{ margin: 0 }}>
              {tags.map((t) => (
                <Link key={t.id} href={`/queues?tag=${t.id}`} className="tag-chip">
                  {t.name}
                </Link>
              ))}
              {can(actor, "tag:manage") ? (
                <Link href={`/articles/${encodeURIComponent(article.slug)}/tags`}>
                  {tags.length === 0 ? "Add tags" : "Edit tags"}
                </Link>
              ) : null}
            </p>
          ) : null}
        </div>
        <nav className="button-row" aria-label="Article">
          {can(actor, "article:edit") && article.state !== "retracted" ? (
            <Link className="button" href={`/articles/${article.slug}/edit`}>
              Edit text
            </Link>
          ) : null}
          <Link className="button" href={`/articles/${article.slug}/revisions`}>
            History
          </Link>
          {revision.number > 1 ? (
            <Link className="button" href={`/articles/${article.slug}/compare`}>
              Compare revisions
            </Link>
          ) : null}
          {can(actor, "claim:create") ? (
            <Link
              className="button"
              href={`/articles/${encodeURIComponent(article.slug)}/annotations`}
            >
              Import annotations
            </Link>
          ) : null}
          <ExportDownloads slug={article.slug} choice={exportChoice} />
        </nav>
      </div>
      {justSaved ? (
        <div className="alert success" role="status" data-testid="revision-saved">
          Revision {revision.number} saved. {count("changed")} claim
          {count("changed") === 1 ? "" : "s"} reworded (back for a re-check), {count("orphaned")}{" "}
          orphaned.
        </div>
      ) : null}
      <ReviewWorkspace
        data={data}
        initialClaimId={typeof claimParam === "string" ? claimParam : null}
        knownClaims={
          <KnownClaimsPanel
            revisionId={data.revision.id}
            known={data.knownClaims}
            checkedAt={data.libraryCheckedAt}
            canAct={can(actor, "claim:create")}
            canCheck={can(actor, "library:write")}
          />
        }
        // One slot for the server-rendered cards under the workflow panel: a new prop would add
        // client code to a page whose first-load budget is full.
        libraryOffer={
          <>
            <ReviewDatesPanel review={review} canSetDates={can(actor, "article:review_dates")} />
            <ChecklistPanel review={review} canEdit={can(actor, "article:checklist")} />
            <LibraryOffer articleId={data.article.id} claims={data.libraryOffer} />
          </>
        }
        can={{
          createClaim: can(actor, "claim:create"),
          updateClaim: can(actor, "claim:update"),
          checkLibrary: can(actor, "library:write"),
          override: can(actor, "claim:override"),
          transition: can(actor, "article:transition"),
          assign: can(actor, "claim:assign"),
        }}
      />
    </div>
  );
}
