import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { formatDate } from "@/lib/core/export/wording";
import { entryLabel } from "@/lib/core/library/accept";
import { DUE_SOON_DAYS, dueWords } from "@/lib/core/review/dates";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { loadDueQueue } from "@/lib/services/review/read";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Due for review" };

type Queue = Awaited<ReturnType<typeof loadDueQueue>>;
type Item = Queue["overdue"][number];

function itemLink(item: Item) {
  return item.kind === "article" ? (
    <Link href={`/articles/${encodeURIComponent(item.key)}`}>{item.title}</Link>
  ) : (
    <Link href={`/library/${item.key}`}>
      {entryLabel(Number(item.key))}: {item.title}
    </Link>
  );
}

function DueTable({ label, items, testId }: { label: string; items: Item[]; testId: string }) {
  return (
    <table className="table" aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          <th>What</th>
          <th>Kind</th>
          <th>Review due</th>
          <th>Standing</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={`${item.kind}:${item.id}`}>
            <td>{itemLink(item)}</td>
            <td>{item.kind === "article" ? "Article" : "Library entry"}</td>
            <td>{formatDate(item.due)}</td>
            <td>
              <span
                className={item.standing.kind === "overdue" ? "badge state-changes_requested" : ""}
              >
                {dueWords(item.standing)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Articles and library entries whose medical review is overdue or due within 30 days. */
export default async function DueForReviewPage() {
  const actor = await requireActorOrRedirect("/due");
  const queue = await loadDueQueue(await getDb(), actor);
  const empty = queue.overdue.length === 0 && queue.dueSoon.length === 0;
  return (
    <div className="page">
      <h1>Due for review</h1>
      <p className="muted">
        Articles whose next medical review is due, and claims-library entries whose review date has
        come: overdue first, then those due in the next {DUE_SOON_DAYS} days.
      </p>
      {empty ? (
        <p className="card" data-testid="due-empty">
          Nothing is due for review in the next {DUE_SOON_DAYS} days.
        </p>
      ) : null}
      {queue.overdue.length > 0 ? (
        <section aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue ({queue.overdue.length})</h2>
          <DueTable label="Overdue" items={queue.overdue} testId="due-overdue" />
        </section>
      ) : null}
      {queue.dueSoon.length > 0 ? (
        <section aria-labelledby="due-soon-heading">
          <h2 id="due-soon-heading">
            Due in the next {DUE_SOON_DAYS} days ({queue.dueSoon.length})
          </h2>
          <DueTable label="Due soon" items={queue.dueSoon} testId="due-soon" />
        </section>
      ) : null}
    </div>
  );
}
