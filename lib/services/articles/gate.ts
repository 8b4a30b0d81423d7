/**
 * The approval gate as it stands for one revision: its claims, the detector suggestions nobody
 * triaged yet, and the blockers. One place, so the refusal in `transitionArticle` and the list
 * the review page shows cannot disagree.
 */
import "server-only";
import type { Db } from "@/db/client";
import { type ClaimInRevision, listClaimsInRevision } from "@/db/queries/claims";
import type { RevisionRow } from "@/db/queries/revisions";
import { listDismissals } from "@/db/queries/suggestions";
import { approvalBlockers } from "@/lib/core/articles/workflow";
import { selectSuggestions } from "@/lib/core/suggestions/select";
import { revisionSuggestions } from "./suggestions";

export async function loadApprovalGate(
  db: Db,
  articleId: string,
  revision: Pick<RevisionRow, "id" | "plainText" | "noClaimsNote">,
  /** The revision's claims, when the caller has read them already. */
  known?: ClaimInRevision[],
) {
  const [claims, dismissals, detected] = await Promise.all([
    known ?? listClaimsInRevision(db, revision.id),
    listDismissals(db, articleId),
    revisionSuggestions(db, revision),
  ]);
  // The sidebar's own rule: what it would still offer is what nobody has triaged.
  const untriaged = selectSuggestions(
    detected,
    new Set(dismissals.map((d) => d.sentence)),
    claims.map((c) => c.anchor),
  );
  const blockers = approvalBlockers(claims, {
    untriaged: untriaged.length,
    noClaimsRecorded: revision.noClaimsNote !== null,
  });
  return { claims, detected, dismissals, untriaged, blockers };
}
