import type { Metadata } from "next";
import Link from "next/link";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { ARTICLE_STATE_LABELS } from "@/lib/core/vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { listArticlesForActor } from "@/lib/services/articles/read";

export const metadata: Metadata = { title: "Articles" };
export const dynamic = "force-dynamic";

export default async function ArticlesPage() {
  const actor = await requireActorOrRedirect("/articles");
  const articles = await listArticlesForActor(await getDb(), actor);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Articles</h1>
          <p className="muted">Every article under review, with its open claims.</p>
        </div>
        {can(actor, "article:import") ? (
          <Link className="button primary" href="/articles/new">
            Import article
          </Link>
        ) : null}
      </div>
      {articles.length === 0 ? (
        <div className="card">
          <p className="empty">No articles yet.</p>
          {can(actor, "article:import") ? (
            <p>
              <Link href="/articles/new">Import the first article</Link> by pasting its text.
            </p>
          ) : (
            <p className="muted">An editor imports articles; they will appear here.</p>
          )}
        </div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Title</th>
              <th>State</th>
              <th>Revision</th>
              <th>Claims</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/articles/${a.slug}`}>{a.title}</Link>
                </td>
                <td>
                  <span className={`badge state-${a.state}`}>{ARTICLE_STATE_LABELS[a.state]}</span>
                </td>
                <td>{a.revisionNumber ?? "—"}</td>
                <td>
                  {a.claimCount}
                  {a.openClaimCount > 0 ? (
                    <span className="muted small"> ({a.openClaimCount} open)</span>
                  ) : null}
                </td>
                <td className="muted small">{dateTimeFormat.format(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
