import { headers } from "next/headers";
import Link from "next/link";
import { forbiddenNotice, PATHNAME_HEADER } from "@/lib/core/auth/page-notices";
import { ROLE_LABELS } from "@/lib/core/vocabulary";
import { getCurrentActor } from "@/lib/server/auth/current-actor";

/** The 403 of a workspace page the signed-in role may not use (lib/server/auth/page-access.ts). */
export default async function Forbidden() {
  const [actor, requestHeaders] = await Promise.all([getCurrentActor(), headers()]);
  return (
    <div className="page">
      <p>
        <Link href="/articles">← Articles</Link>
      </p>
      <h1>Not available to your role</h1>
      <div className="alert warning" role="alert">
        {forbiddenNotice(requestHeaders.get(PATHNAME_HEADER))}
      </div>
      {actor ? (
        <p className="muted">
          You are signed in as {actor.name} ({ROLE_LABELS[actor.role]}).
        </p>
      ) : null}
    </div>
  );
}
