import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { loadTagList } from "@/lib/services/tags/read";
import { CreateTagForm, TagRowActions } from "./tag-forms";

export const metadata: Metadata = { title: "Tags" };
export const dynamic = "force-dynamic";

/** The workspace's tag list: everyone sees it, editors change it. */
export default async function TagsPage() {
  const actor = await requireActorOrRedirect("/tags");
  const { tags, canManage } = await loadTagList(await getDb(), actor);
  return (
    <div className="page stack">
      <div>
        <h1>Tags</h1>
        <p className="muted">
          Tags group articles and claims across the desk (a topic, a campaign, a deadline).{" "}
          {canManage
            ? "Editors make, rename and delete them; reviewers put them on claims from the Queues page."
            : "Editors keep this list."}{" "}
          <Link href="/queues">Queues</Link>
        </p>
      </div>
      {canManage ? <CreateTagForm /> : null}
      {tags.length === 0 ? (
        <div className="card">
          <p className="empty">No tags yet.</p>
        </div>
      ) : (
        <table className="table" aria-label="Tags">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Articles</th>
              <th scope="col">Claims</th>
              {canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link href={`/queues?tag=${t.id}`} className="tag-chip">
                    {t.name}
                  </Link>
                </td>
                <td>{t.articles}</td>
                <td>{t.claims}</td>
                {canManage ? (
                  <td>
                    <TagRowActions tag={t} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
