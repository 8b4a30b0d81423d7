import type { Metadata } from "next";
import Link from "next/link";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import { CLAIM_STATUS_LABELS, SEVERITY_LABELS } from "@/lib/core/vocabulary";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { listMyOpenClaims } from "@/lib/services/claims/read";

export const metadata: Metadata = { title: "My claims" };
export const dynamic = "force-dynamic";

export default async function MyClaimsPage() {
  const actor = await requireActorOrRedirect("/my-claims");
  const claims = await listMyOpenClaims(await getDb(), actor);

  return (
    <div className="page">
      <h1>My claims</h1>
      <p className="muted">
        Claims assigned to you that are unstarted or in progress, across articles, severest first.
      </p>
      {claims.length === 0 ? (
        <div className="card">
          <p className="empty">
            Nothing assigned to you is open. Editors assign claims from the claim panel.
          </p>
        </div>
      ) : (
        <table className="table" aria-label="My open claims">
          <thead>
            <tr>
              <th>Claim</th>
              <th>Article</th>
              <th>Status</th>
              <th>Severity</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/articles/${c.articleSlug}?claim=${c.id}`}>Claim {c.number}</Link>
                  {c.exact ? <div className="quote small">“{c.exact}”</div> : null}
                  {c.anchorState === "orphaned" ? (
                    <span className="badge status-dismissed">Orphaned</span>
                  ) : null}
                </td>
                <td>{c.articleTitle}</td>
                <td>
                  <span className={`badge status-${c.status}`}>
                    {CLAIM_STATUS_LABELS[c.status]}
                  </span>
                </td>
                <td>
                  <span className={`badge severity-${c.severity}`}>
                    {SEVERITY_LABELS[c.severity]}
                  </span>
                </td>
                <td>{dateTimeFormat.format(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
