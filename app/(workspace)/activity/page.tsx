import type { Metadata } from "next";
import Link from "next/link";
import { dateTimeFormat } from "@/app/_components/date-format";
import { getDb } from "@/db/instance";
import type { ActivityLine } from "@/lib/core/activity/lines";
import { activitySections } from "@/lib/core/activity/lines";
import { activityQuerySchema } from "@/lib/core/validation/activity";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { readActivity } from "@/lib/services/activity/read";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "short" });

function Line({ line, isNew }: { line: ActivityLine; isNew: boolean }) {
  return (
    <li className={isNew ? "activity-line new" : "activity-line"}>
      <time dateTime={line.at.toISOString()} className="muted small">
        {timeFormat.format(line.at)}
      </time>
      <div>
        <p className="activity-text">
          <strong>{line.actor}</strong> {line.verb}{" "}
          <Link href={line.target.href}>{line.target.label}</Link>
          {line.tail}
        </p>
        {line.changes.length > 0 ? (
          <ul className="activity-changes small">
            {line.changes.map((c) => (
              <li key={c.field}>
                {c.field}: {c.before} → {c.after}
              </li>
            ))}
          </ul>
        ) : null}
        {line.excerpt ? <p className="quote small">“{line.excerpt}”</p> : null}
      </div>
    </li>
  );
}

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorOrRedirect("/activity");
  // A mangled paging link falls back to the first page rather than an error.
  const parsed = activityQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const { lines, lastVisit, olderCursor } = await readActivity(await getDb(), actor, {
    before: query.before,
    lastVisit: query.seen,
  });
  const sections = activitySections(lines, lastVisit);
  const newCount = sections.filter((s) => s.isNew).reduce((n, s) => n + s.lines.length, 0);
  const olderHref =
    olderCursor === null
      ? null
      : `/activity?before=${olderCursor}${lastVisit ? `&seen=${encodeURIComponent(lastVisit.toISOString())}` : ""}`;

  return (
    <div className="page">
      <h1>Activity</h1>
      <p className="muted">
        What others did on your claims and on the articles you check: assignments, updates,
        comments, new revisions and decisions, newest first.{" "}
        {lastVisit
          ? `Your last visit: ${dateTimeFormat.format(lastVisit)}.`
          : "This is your first visit: everything is new."}
      </p>
      {query.before !== undefined ? (
        <p>
          <Link href="/activity">Back to the newest</Link>
        </p>
      ) : null}
      {lines.length === 0 ? (
        <div className="card">
          <p className="empty">
            Nothing yet. When someone assigns you a claim, comments on or updates a claim of yours,
            or revises, approves or publishes an article you check, it shows up here.
          </p>
        </div>
      ) : (
        <>
          {lastVisit && query.before === undefined ? (
            <p role="status">
              {newCount === 0
                ? "Nothing new since your last visit."
                : `${newCount} new since your last visit.`}
            </p>
          ) : null}
          {sections.map((s) => (
            <section key={`${s.day}-${s.isNew}`} className="activity-day">
              {s.dividerBefore ? (
                <div className="activity-divider">
                  <span>
                    New since your last visit <span aria-hidden="true">↑</span>
                  </span>
                </div>
              ) : null}
              {s.showHeading ? <h2>{s.label}</h2> : null}
              <ol className="activity-list" aria-label={s.label}>
                {s.lines.map((line) => (
                  <Line key={line.id} line={line} isNew={s.isNew} />
                ))}
              </ol>
            </section>
          ))}
          {olderHref ? (
            <p>
              <Link href={olderHref}>Show older</Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
